package dev.zerodown.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tricky scripts, each with the statements (line, transactional, text) they must split into. */
class StatementSplittingTest {

    record Expected(int line, boolean transactional, String sql) {
    }

    static Expected tx(int line, String sql) {
        return new Expected(line, true, sql);
    }

    static Expected nonTx(int line, String sql) {
        return new Expected(line, false, sql);
    }

    static Stream<Arguments> scripts() {
        return Stream.of(
                Arguments.of("plain statements, one per line",
                        "create table a (id int);\ncreate table b (id int);\n",
                        List.of(tx(1, "create table a (id int)"), tx(2, "create table b (id int)"))),
                Arguments.of("several statements on one line",
                        "select 1; select 2;select 3",
                        List.of(tx(1, "select 1"), tx(1, "select 2"), tx(1, "select 3"))),
                Arguments.of("tagged $fn$ body with ; inside, also in a -- comment",
                        "create function f() returns int as $fn$\nbegin\n  -- a ; here\n  return 1;\nend;\n$fn$ language plpgsql;\nselect f();",
                        List.of(tx(1, "create function f() returns int as $fn$\nbegin\n  -- a ; here\n  return 1;\nend;\n$fn$ language plpgsql"),
                                tx(7, "select f()"))),
                Arguments.of("DO $$ … $$ block",
                        "DO $$ begin perform 1; perform 2; end $$;\nselect 1;",
                        List.of(tx(1, "DO $$ begin perform 1; perform 2; end $$"), tx(2, "select 1"))),
                Arguments.of("nested block comment with ; inside, leading the statement",
                        "/* outer /* nested ; */ still ; comment */\nselect 1;",
                        List.of(tx(2, "select 1"))),
                Arguments.of("-- comments with ; before and between statements",
                        "-- first; comment\n-- second; comment\nselect 1;\n-- between; here\n\nselect 2;",
                        List.of(tx(3, "select 1"), tx(6, "select 2"))),
                Arguments.of("string literals with ; and escaped quotes",
                        "select 'a;b', 'it''s;';\nselect E'it\\'s;';\nselect U&'d\\0061t;a';\nselect 2;",
                        List.of(tx(1, "select 'a;b', 'it''s;'"), tx(2, "select E'it\\'s;'"),
                                tx(3, "select U&'d\\0061t;a'"), tx(4, "select 2"))),
                Arguments.of("quoted identifier with ;",
                        "create table \"odd;name\" (id int);\nselect 1;",
                        List.of(tx(1, "create table \"odd;name\" (id int)"), tx(2, "select 1"))),
                Arguments.of("SQL-standard BEGIN ATOMIC … END body",
                        "create function g() returns int language sql\nbegin atomic\n  select 1;\n  select 2;\nend;\nselect g();",
                        List.of(tx(1, "create function g() returns int language sql\nbegin atomic\n  select 1;\n  select 2;\nend"),
                                tx(6, "select g()"))),
                Arguments.of("CREATE INDEX CONCURRENTLY is non-transactional",
                        "create table t (id int);\ncreate index concurrently t_id on t (id);",
                        List.of(tx(1, "create table t (id int)"), nonTx(2, "create index concurrently t_id on t (id)"))),
                Arguments.of("CONCURRENTLY on the next line after a leading block comment",
                        "/* build it online */ CREATE UNIQUE INDEX\n  CONCURRENTLY t_id ON t (id);",
                        List.of(nonTx(1, "CREATE UNIQUE INDEX\n  CONCURRENTLY t_id ON t (id)"))),
                Arguments.of("statement with trailing spaces before ; and a trailing comment",
                        "select 1   ;   -- done\nselect 2;",
                        List.of(tx(1, "select 1"), tx(2, "select 2"))),
                Arguments.of("CRLF line endings",
                        "select 1;\r\n-- c\r\nselect\r\n 2;\r\n",
                        List.of(tx(1, "select 1"), tx(3, "select\r\n 2"))),
                Arguments.of("last statement without ; and a script ending in comments",
                        "select 1;\nselect 2\n-- the end\n",
                        List.of(tx(1, "select 1"), tx(2, "select 2\n-- the end"))),
                Arguments.of("only comments: no statements",
                        "-- nothing here\n/* nor here */\n",
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void should_split_into_statements_with_first_token_lines(String name, String script, List<Expected> expected) {
        // when
        List<SqlStatement> statements = parse(script);

        // then
        assertThat(statements).extracting(s -> new Expected(s.line(), s.transactional(), s.sql()))
                .containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0} -> transactional={1}")
    @MethodSource("dev.zerodown.migrations.TransactionBlockCases#cases")
    void should_flag_statements_postgres_refuses_in_a_transaction_block(String sql, boolean transactional) {
        assertThat(parse(sql.replace("{db}", "app") + ";")).singleElement()
                .extracting(SqlStatement::transactional).isEqualTo(transactional);
    }

    static List<SqlStatement> parse(String script) {
        return ScriptParser.parse(script, ScriptConfig.DEFAULT, new Placeholders(Map.of()), "V1__test.sql", "V1__test.sql");
    }
}
