package dev.zerodown.load.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
        assertThat(second.comments()).containsExactly(new SqlScript.Comment(3, "weight: 3"), new SqlScript.Comment(5, "second"));
        assertThat(script.trailing()).containsExactly(new SqlScript.Comment(8, "trailing"));
    }

    @Test
    void should_not_take_a_dollar_inside_an_identifier_for_a_quote() {
        assertThat(sqls("select a$b$ from t; select 2")).containsExactly("select a$b$ from t", "select 2");
    }

    @Test
    void should_ignore_empty_statements() {
        assertThat(sqls(";; select 1;;")).containsExactly("select 1");
    }
}
