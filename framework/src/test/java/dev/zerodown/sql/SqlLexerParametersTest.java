package dev.zerodown.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlLexerParametersTest {
    private static List<String> texts(String sql, List<SqlLexer.Token> tokens) {
        return tokens.stream().map(t -> t.kind() + ":" + sql.substring(t.start(), t.end())).toList();
    }

    @Test
    void should_read_a_bind_parameter_as_one_word_and_dollar_quotes_as_strings() {
        String sql = "select $1, $$a $1$$, $t$x$t$ where a$b = $12";

        assertThat(texts(sql, SqlLexer.tokensWithParameters(sql))).containsExactly("WORD:select", "WORD:$1", "SYMBOL:,",
                "STRING:$$a $1$$", "SYMBOL:,", "STRING:$t$x$t$", "WORD:where", "WORD:a$b", "SYMBOL:=", "WORD:$12");
    }

    @Test
    void should_keep_the_script_rule_for_scripts() {
        String sql = "select $1 from t";

        assertThat(texts(sql, SqlLexer.tokens(sql))).containsExactly("WORD:select", "STRING:$1 from t");
    }
}
