package dev.zerodown.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.zerodown.config.ConfigurationException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code -- request: NAME} … {@code -- end} blocks of a workload file. */
class WorkloadRequestParseTest {

    @Test
    void should_read_a_block_as_one_transactional_request_between_single_statements() {
        SqlWorkload w = SqlWorkload.parse("v1.sql", """
                select 1;
                -- request: checkout
                -- weight: 3
                insert into orders(id, customer_id) values ({{seq}}, {{int 1 100}});
                -- expect-error: 23505
                update customers set last_order = {{seq}} where id = {{int 1 100}};
                -- end
                select 2;
                """);

        SqlWorkload.Statement insert = new SqlWorkload.Statement("v1.sql:4", 4,
                "insert into orders(id, customer_id) values ({{seq}}, {{int 1 100}})", 3, Set.of());
        SqlWorkload.Statement update = new SqlWorkload.Statement("v1.sql:6", 6,
                "update customers set last_order = {{seq}} where id = {{int 1 100}}", 3, Set.of("23505"));
        assertThat(w.requests()).containsExactly(
                new SqlWorkload.Request(null, "v1.sql:1", 1, 1, false,
                        List.of(new SqlWorkload.Statement("v1.sql:1", 1, "select 1", 1, Set.of()))),
                new SqlWorkload.Request("checkout", "v1.sql:2", 2, 3, true, List.of(insert, update)),
                new SqlWorkload.Request(null, "v1.sql:8", 8, 1, false,
                        List.of(new SqlWorkload.Statement("v1.sql:8", 8, "select 2", 1, Set.of()))));
        assertThat(w.statements()).extracting(SqlWorkload.Statement::source)
                .containsExactly("v1.sql:1", "v1.sql:4", "v1.sql:6", "v1.sql:8");
    }

    @Test
    void should_run_a_block_marked_autocommit_outside_a_transaction() {
        SqlWorkload w = SqlWorkload.parse("v1.sql", "-- request: sweep autocommit\nselect 1;\nselect 2;\n-- end\n");

        assertThat(w.requests()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("sweep");
            assertThat(r.transactional()).isFalse();
            assertThat(r.statements()).hasSize(2);
        });
    }

    @Test
    void should_accept_the_weight_above_the_request_line_and_blocks_back_to_back() {
        SqlWorkload w = SqlWorkload.parse("v1.sql", """
                -- weight: 2
                -- request: a
                select 1;
                -- end
                -- request: b
                select 2;
                -- end
                """);

        assertThat(w.requests()).extracting(SqlWorkload.Request::name, SqlWorkload.Request::weight)
                .containsExactly(tuple("a", 2), tuple("b", 1));
    }

    @Test
    void should_keep_a_single_statement_marked_autocommit_as_it_is() {
        SqlWorkload w = SqlWorkload.parse("v1.sql", "-- autocommit\n-- weight: 4\nselect 1;");

        assertThat(w.requests()).singleElement().satisfies(r -> {
            assertThat(r.transactional()).isFalse();
            assertThat(r.weight()).isEqualTo(4);
        });
    }

    @Test
    void should_keep_ordinary_comments_that_mention_requests() {
        SqlWorkload w = SqlWorkload.parse("v1.sql", "-- requests of the checkout page\n-- end of the reads\nselect 1;");

        assertThat(w.requests()).singleElement().extracting(SqlWorkload.Request::transactional).isEqualTo(false);
    }

    @Test
    void should_reject_an_unclosed_block() {
        assertThatThrownBy(() -> SqlWorkload.parse("v1.sql", "select 1;\n-- request: checkout\nselect 2;\nselect 3;\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("v1.sql:2: the request 'checkout' has no '-- end'; write '-- end' on the line after its last"
                        + " statement");
    }

    @Test
    void should_reject_an_end_without_a_block() {
        assertThatThrownBy(() -> SqlWorkload.parse("v1.sql", "select 1;\n-- end\nselect 2;"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("v1.sql:2: '-- end' closes no request: no '-- request: NAME' above it is open; remove the"
                        + " line, or open the request with '-- request: NAME' above its first statement");
    }

    @Test
    void should_reject_a_second_end() {
        assertThatThrownBy(() -> SqlWorkload.parse("v1.sql", "-- request: a\nselect 1;\n-- end\n-- end\n"))
                .hasMessageStartingWith("v1.sql:4: '-- end' closes no request:");
    }

    @Test
    void should_reject_a_nested_block() {
        assertThatThrownBy(() -> SqlWorkload.parse("v1.sql", """
                -- request: checkout
                select 1;
                -- request: pay
                select 2;
                -- end
                -- end
                """))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("v1.sql:3: '-- request: pay' is inside the request 'checkout' opened at line 1; requests do"
                        + " not nest: close 'checkout' with '-- end' after its last statement first");
    }

    @Test
    void should_reject_an_empty_block() {
        assertThatThrownBy(() -> SqlWorkload.parse("v1.sql", "select 1;\n-- request: nothing\n-- end\nselect 2;"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("v1.sql:2: the request 'nothing' has no statements; write them between '-- request: nothing'"
                        + " and '-- end', or remove both lines");
    }

    @Test
    void should_reject_an_empty_block_at_the_end_of_the_file() {
        assertThatThrownBy(() -> SqlWorkload.parse("v1.sql", "select 1;\n-- request: nothing\n-- end\n"))
                .hasMessageStartingWith("v1.sql:2: the request 'nothing' has no statements;");
    }

    @Test
    void should_reject_a_request_without_a_name() {
        assertThatThrownBy(() -> SqlWorkload.parse("v1.sql", "-- request:\nselect 1;\n-- end"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("v1.sql:1: malformed directive '-- request:'; write '-- request: NAME' (letters, digits, '_',"
                        + " '.', '-'), or '-- request: NAME autocommit', above a request's first statement and '-- end'"
                        + " below its last, or '-- autocommit' above a single statement");
    }

    @Test
    void should_reject_a_misspelled_end() {
        assertThatThrownBy(() -> SqlWorkload.parse("v1.sql", "-- request: a\nselect 1;\n-- end request\n"))
                .hasMessageStartingWith("v1.sql:3: malformed directive '-- end request'; write '-- request: NAME'");
    }

    @Test
    void should_reject_two_requests_of_the_same_name() {
        assertThatThrownBy(() -> SqlWorkload.parse("v1.sql", "-- request: a\nselect 1;\n-- end\n-- request: a\nselect 2;\n-- end"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("v1.sql:4: a second request named 'a' (the first is at line 1); give each request its own name");
    }

    @Test
    void should_reject_a_weight_on_a_later_statement_of_a_block() {
        assertThatThrownBy(() -> SqlWorkload.parse("v1.sql", "-- request: checkout\nselect 1;\n-- weight: 2\nselect 2;\n-- end"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("v1.sql:3: '-- weight: 2' is inside the request 'checkout' opened at line 1; a request has one"
                        + " weight: put it directly below '-- request: checkout'");
    }

    @Test
    void should_reject_a_zero_weight_of_a_block() {
        assertThatThrownBy(() -> SqlWorkload.parse("v1.sql", "-- request: checkout\n-- weight: 0\nselect 1;\n-- end"))
                .hasMessageStartingWith("v1.sql:2: weight 0 for the request 'checkout' opened at line 1; write '-- weight: N'");
    }

    @Test
    void should_reject_autocommit_on_a_statement_of_a_block() {
        assertThatThrownBy(() -> SqlWorkload.parse("v1.sql", "-- request: checkout\nselect 1;\n-- autocommit\nselect 2;\n-- end"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("v1.sql:3: '-- autocommit' is inside the request 'checkout' opened at line 1; a request runs all"
                        + " its statements in one transaction or all in autocommit: write '-- request: checkout"
                        + " autocommit', or move the statement out of the request");
    }

    @Test
    void should_reject_autocommit_above_a_request_line() {
        assertThatThrownBy(() -> SqlWorkload.parse("v1.sql", "-- autocommit\n-- request: sweep\nselect 1;\n-- end"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("v1.sql:1: '-- autocommit' is above '-- request: sweep'; write '-- request: sweep autocommit'"
                        + " to run the request's statements in autocommit");
    }

    @Test
    void should_reject_an_expected_error_above_the_end_of_a_block() {
        assertThatThrownBy(() -> SqlWorkload.parse("v1.sql", "-- request: a\nselect 1;\n-- expect-error: 23505\n-- end\nselect 2;"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("v1.sql:3: '-- expect-error: 23505' has no statement below it in the request 'a'; put it"
                        + " directly above the statement it is for, before '-- end'");
    }

    @Test
    void should_reject_an_end_inside_a_statement_that_lacks_its_semicolon() {
        assertThatThrownBy(() -> SqlWorkload.parse("v1.sql", "-- request: a\nselect 1\n-- end\n"))
                .hasMessage("v1.sql:3: '-- end' is inside the statement that starts at line 2; end that statement with ';'");
    }
}
