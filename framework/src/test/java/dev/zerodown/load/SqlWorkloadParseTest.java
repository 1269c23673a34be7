package dev.zerodown.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerodown.config.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlWorkloadParseTest {

    @Test
    void should_read_statements_with_weights_and_expected_errors() {
        SqlWorkload w = SqlWorkload.parse("v1.sql", """
                -- reads
                -- weight: 9
                select * from users where id = {{int 1 100}};

                -- expect-error: 23505, 23503
                insert into users(id, email) values ({{seq}}, 'u{{seq}}@example.com');
                """);

        assertThat(w.version()).isEqualTo("v1");
        assertThat(w.statements()).containsExactly(
                new SqlWorkload.Statement("v1.sql:3", 3, "select * from users where id = {{int 1 100}}", 9, Set.of()),
                new SqlWorkload.Statement("v1.sql:6", 6, "insert into users(id, email) values ({{seq}}, 'u{{seq}}@example.com')",
                        1, Set.of("23505", "23503")));
    }

    @Test
    void should_give_a_directive_after_the_semicolon_to_the_statement_before() {
        SqlWorkload w = SqlWorkload.parse("v1.sql", """
                select 1; -- weight: 8
                insert into t values (1); -- expect-error: 23505
                select 2;
                """);

        assertThat(w.statements()).extracting(SqlWorkload.Statement::weight).containsExactly(8, 1, 1);
        assertThat(w.statements()).extracting(SqlWorkload.Statement::expectedErrors)
                .containsExactly(Set.of(), Set.of("23505"), Set.of());
    }

    @Test
    void should_close_a_request_with_end_after_the_semicolon_of_its_last_statement() {
        SqlWorkload w = SqlWorkload.parse("v1.sql", "-- request: pair\nselect 1;\nselect 2; -- end\nselect 3;");

        assertThat(w.requests()).extracting(SqlWorkload.Request::name).containsExactly("pair", null);
    }

    @Test
    void should_reject_a_request_line_after_a_semicolon() {
        assertThatThrownBy(() -> SqlWorkload.parse("v1.sql", "select 1; -- request: pair\nselect 2;\n-- end"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("v1.sql:1: '-- request: pair' is on the line of the statement at line 1, after its ';',"
                        + " so it would belong to that statement; put it on its own line above the request's first statement");
    }

    @Test
    void should_read_a_file_by_path(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("v2.sql");
        Files.writeString(file, "select 1;\n");

        SqlWorkload w = SqlWorkload.parse(file);

        assertThat(w.file()).isEqualTo("v2.sql");
        assertThat(w.statements()).extracting(SqlWorkload.Statement::source).containsExactly("v2.sql:1");
    }

    @Test
    void should_name_file_line_and_accepted_generators_for_an_unknown_generator() {
        assertThatThrownBy(() -> SqlWorkload.parse("v1.sql", "select 1;\nselect\n  {{rand 1 5}};"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("v1.sql:3: unknown generator '{{rand 1 5}}'; accepted generators: "
                        + "{{seq}}, {{int A B}}, {{uuid}}, {{pick a|b|c}}, {{sample schema.table.column}}");
    }

    @Test
    void should_explain_a_malformed_int_generator() {
        assertThatThrownBy(() -> SqlWorkload.parse("v1.sql", "select {{int 5 1}};"))
                .hasMessage("v1.sql:1: malformed generator '{{int 5 1}}': {{int A B}} needs two whole numbers A <= B;"
                        + " accepted generators: {{seq}}, {{int A B}}, {{uuid}}, {{pick a|b|c}}, {{sample schema.table.column}}");
    }

    @Test
    void should_explain_a_malformed_pick_generator() {
        assertThatThrownBy(() -> SqlWorkload.parse("v1.sql", "select '{{pick a||b}}';"))
                .hasMessage("v1.sql:1: malformed generator '{{pick a||b}}': {{pick a|b|c}} needs one or more non-empty"
                        + " choices separated by |; accepted generators: {{seq}}, {{int A B}}, {{uuid}}, {{pick a|b|c}}, {{sample schema.table.column}}");
    }

    @Test
    void should_explain_arguments_to_seq() {
        assertThatThrownBy(() -> SqlWorkload.parse("v1.sql", "select {{seq 1}};"))
                .hasMessage("v1.sql:1: malformed generator '{{seq 1}}': {{seq}} takes no arguments;"
                        + " accepted generators: {{seq}}, {{int A B}}, {{uuid}}, {{pick a|b|c}}, {{sample schema.table.column}}");
    }

    @Test
    void should_explain_an_unclosed_generator() {
        assertThatThrownBy(() -> SqlWorkload.parse("v1.sql", "select {{int 1 5;"))
                .hasMessage("v1.sql:1: malformed generator '{{int…': it has no closing }};"
                        + " accepted generators: {{seq}}, {{int A B}}, {{uuid}}, {{pick a|b|c}}, {{sample schema.table.column}}");
    }

    @Test
    void should_leave_an_array_literal_alone() {
        SqlWorkload w = SqlWorkload.parse("v1.sql", "select '{{1,2},{3,4}}'::int[], '{{a,b},{c,d}}'::text[];");

        assertThat(w.statements()).hasSize(1);
    }

    @Test
    void should_reject_a_malformed_weight() {
        assertThatThrownBy(() -> SqlWorkload.parse("v1.sql", "-- weight 3\nselect 1;"))
                .hasMessage("v1.sql:1: malformed directive '-- weight 3'; write '-- weight: N' (N a whole number from 1"
                        + " to 1000000) or '-- expect-error: SQLSTATE[, SQLSTATE…]' (e.g. 23505) directly above a statement");
    }

    @Test
    void should_reject_a_zero_weight() {
        assertThatThrownBy(() -> SqlWorkload.parse("v1.sql", "\n-- weight: 0\nselect 1;"))
                .hasMessageStartingWith("v1.sql:2: weight 0 for the statement at line 3; write '-- weight: N'");
    }

    @Test
    void should_reject_a_malformed_expected_error() {
        assertThatThrownBy(() -> SqlWorkload.parse("v1.sql", "-- expect-error: unique\nselect 1;"))
                .hasMessageStartingWith("v1.sql:1: malformed directive '-- expect-error: unique'; write");
    }

    @Test
    void should_reject_a_directive_without_a_statement_below() {
        assertThatThrownBy(() -> SqlWorkload.parse("v1.sql", "select 1;\n-- weight: 2\n"))
                .hasMessage("v1.sql:2: '-- weight: 2' has no statement below it; put it directly above the statement it is for");
    }

    @Test
    void should_reject_a_directive_inside_a_statement_that_lacks_its_semicolon() {
        assertThatThrownBy(() -> SqlWorkload.parse("v1.sql", "select 1\n-- weight: 2\nselect 2;"))
                .hasMessage("v1.sql:2: '-- weight: 2' is inside the statement that starts at line 1; end that statement with ';'");
    }

    @Test
    void should_reject_an_empty_workload() {
        assertThatThrownBy(() -> SqlWorkload.parse("v1.sql", "-- nothing here\n"))
                .hasMessage("v1.sql: the workload has no statements; write one SQL statement per request, each ending with ';'");
    }

    @Test
    void should_keep_ordinary_comments() {
        SqlWorkload w = SqlWorkload.parse("v1.sql", "-- weights are tuned below\n-- expectations: none\nselect 1;");

        assertThat(w.statements()).extracting(SqlWorkload.Statement::weight).containsExactly(1);
    }

    @Test
    void should_name_the_file_when_it_cannot_be_read(@TempDir Path dir) {
        assertThatThrownBy(() -> SqlWorkload.parse(dir.resolve("missing.sql")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Cannot read workload file " + dir.resolve("missing.sql"))
                .hasMessageEndingWith("; check the setting 'workloads'");
    }
}
