package dev.zerodown.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import dev.zerodown.sql.SqlScript.Place;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    private static List<String> sqls(String text) {
        return SqlScript.parse(text).statements().stream().map(SqlScript.Statement::sql).toList();
    }

    @Test
    void should_split_at_top_level_semicolons_only() {
        String text = """
                select 'a;b', "x;y", E'it\\'s;' from t; -- c; d
                /* a ; /* nested ; */ still ; */ select 2;
                do $fn$ begin perform 1; end $fn$;
                select $$;$$
                """;

        assertThat(sqls(text)).containsExactly(
                "select 'a;b', \"x;y\", E'it\\'s;' from t",
                "select 2",
                "do $fn$ begin perform 1; end $fn$",
                "select $$;$$");
    }

    @Test
    void should_keep_doubled_quotes_inside_a_literal() {
        assertThat(sqls("select 'it''s; fine'; select 3;")).containsExactly("select 'it''s; fine'", "select 3");
    }

    @Test
    void should_give_the_line_of_the_first_token_and_the_comments_above() {
        String text = """
                select 1;

                -- weight: 3
                /* block */
                -- second
                  select
                    2;
                -- trailing
                """;

        SqlScript script = SqlScript.parse(text);

        SqlScript.Statement second = script.statements().get(1);
        assertThat(second.line()).isEqualTo(6);
        assertThat(second.sql()).isEqualTo("select\n    2");
        assertThat(second.comments()).containsExactly(new SqlScript.Comment(3, "weight: 3", Place.ABOVE, true),
                new SqlScript.Comment(5, "second", Place.ABOVE, true));
        assertThat(script.trailing()).containsExactly(new SqlScript.Comment(8, "trailing", Place.ABOVE, false));
    }

    @Test
    void should_not_take_a_dollar_inside_an_identifier_for_a_quote() {
        assertThat(sqls("select a$b$ from t; select 2")).containsExactly("select a$b$ from t", "select 2");
    }

    @Test
    void should_ignore_empty_statements() {
        assertThat(sqls(";; select 1;;")).containsExactly("select 1");
    }

    @Test
    void should_attach_a_comment_on_its_own_lines_to_the_statement_below() {
        SqlScript script = SqlScript.parse("select 1;\n-- far\n\n-- near\nselect 2;");

        assertThat(script.statements().get(0).comments()).isEmpty();
        assertThat(script.statements().get(1).comments()).containsExactly(
                new SqlScript.Comment(2, "far", Place.ABOVE, false),
                new SqlScript.Comment(4, "near", Place.ABOVE, true));
    }

    @Test
    void should_attach_a_comment_after_the_semicolon_to_the_statement_before() {
        SqlScript script = SqlScript.parse("select 1; select 2; -- of two\nselect 3; -- of three\n-- trailing");

        assertThat(script.statements()).extracting(s -> s.comments(Place.AFTER)).containsExactly(List.of(),
                List.of(new SqlScript.Comment(1, "of two", Place.AFTER, true)),
                List.of(new SqlScript.Comment(2, "of three", Place.AFTER, true)));
        assertThat(script.trailing()).extracting(SqlScript.Comment::text).containsExactly("trailing");
    }

    @Test
    void should_keep_a_comment_within_the_statement_inside_it() {
        SqlScript script = SqlScript.parse("select 1 -- one\n, 2;\nselect 3\n-- last, no semicolon");

        assertThat(script.statements()).extracting(s -> s.comments(Place.INSIDE)).containsExactly(
                List.of(new SqlScript.Comment(1, "one", Place.INSIDE, true)),
                List.of(new SqlScript.Comment(4, "last, no semicolon", Place.INSIDE, true)));
    }

    @Test
    void should_not_end_a_begin_atomic_body_at_its_semicolons() {
        assertThat(sqls("create function f() returns int language sql begin atomic select case when true then 1 end;"
                + " select 2; end; select 3")).containsExactly(
                "create function f() returns int language sql begin atomic select case when true then 1 end; select 2; end",
                "select 3");
    }

    @Test
    void should_skip_the_inline_data_of_copy_from_stdin() {
        SqlScript script = SqlScript.parse("copy t from stdin;\na;'b\n\\.\nselect 1;");

        assertThat(script.statements()).extracting(SqlScript.Statement::sql, SqlScript.Statement::copyFromStdin)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("copy t from stdin", true),
                        org.assertj.core.groups.Tuple.tuple("select 1", false));
    }
}
