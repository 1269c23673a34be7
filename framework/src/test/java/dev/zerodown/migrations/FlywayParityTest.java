package dev.zerodown.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import dev.zerodown.sql.SqlScript;
import org.flywaydb.database.postgresql.PostgreSQLParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The differential test of Zerodown's one splitter ({@link SqlScript}) against Flyway's PostgreSQL
 * parser, the pinned version: what Flyway splits is what runs, so every script must split into the
 * same statements, from the same first token to the same last one, on the same lines, with the
 * transactional flag and COPY detection Flyway gives. The scripts are every {@code .sql} file of the
 * repository's tests, examples and plugin integration tests (migrations, workloads, invariants,
 * seeds), and the splitter test tables. Where they differ, Flyway's behaviour wins: fix the splitter.
 */
class FlywayParityTest {
    private static final List<Path> CORPUS_ROOTS = List.of(Path.of("src/test/resources"),
            Path.of("../examples/src/main/resources"), Path.of("../maven-plugin/src/it"), Path.of("../junit-compat"));

    /** The splitter test tables and a few scripts that are hard to split. */
    static Stream<Arguments> tables() {
        List<Arguments> out = new ArrayList<>();
        StatementSplittingTest.scripts().forEach(a -> out.add(Arguments.of("splitting: " + a.get()[0], a.get()[1])));
        TransactionBlockCases.cases().forEach(a -> out.add(Arguments.of("transaction block: " + a.get()[0],
                ((String) a.get()[0]).replace("{db}", "app") + ";")));
        out.add(Arguments.of("BEGIN ATOMIC with CASE … END inside",
                "create procedure p() language sql begin atomic\n select case when true then 1 else 2 end;\n"
                        + " select (case 1 when 1 then 2 end);\nend;\nselect 1;"));
        out.add(Arguments.of("a dollar inside an identifier", "select a$b$ from t; select 2;"));
        out.add(Arguments.of("a dollar ending an identifier", "select ab$ from t; select 2; select $$;$$;"));
        out.add(Arguments.of("a parameter", "select $1 from t; select 2;"));
        out.add(Arguments.of("a parameter then a dollar", "select $1 from t; select 2$;"));
        out.add(Arguments.of("a number then a dollar quote", "select 1$x$;$x$ from t; select 2;"));
        out.add(Arguments.of("COPY FROM STDIN with inline data",
                "create table t (a text);\ncopy t (a) from stdin;\nx;y\n'z\n\\.\nselect 1;"));
        out.add(Arguments.of("U& identifier and string", "select U&\"a;b\", u&'c;d' from t;\nselect 2"));
        out.add(Arguments.of("comments after the last statement", "select 1; -- a\n-- b\n/* c; */"));
        out.add(Arguments.of("empty statements", ";;\n; select 1;;\n"));
        out.add(Arguments.of("statement ending in a comment before ;", "select 1 -- one\n;\nselect 2;"));
        return out.stream();
    }

    static Stream<Arguments> corpus() {
        List<Arguments> out = new ArrayList<>();
        for (Path root : CORPUS_ROOTS) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(p -> p.toString().endsWith(".sql") && !p.toString().contains("/target/"))
                            .sorted().forEach(p -> out.add(Arguments.of(p.toString(), withPlaceholdersReplaced(read(p)))));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out.stream();
    }

    @Test
    void should_have_a_corpus_of_every_kind_of_sql_file() {
        // a differential test that compares nothing passes vacuously
        List<String> files = corpus().map(a -> (String) a.get()[0]).toList();
        assertThat(files).hasSizeGreaterThan(150)
                .anyMatch(f -> f.contains("examples/")).anyMatch(f -> f.contains("/corpus/"))
                .anyMatch(f -> f.contains("zerodown/")).anyMatch(f -> f.contains("invariants"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void should_split_every_sql_file_of_the_repository_as_flyway_does(String file, String text) {
        assertSameSplit(text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void should_split_the_splitter_test_tables_as_flyway_does(String name, String text) {
        assertSameSplit(text);
    }

    /** A Flyway upgrade that changes its non-transactional patterns must be noticed here. */
    @Test
    void should_know_the_non_transactional_patterns_of_the_pinned_flyway() throws IllegalAccessException {
        // given Flyway's own patterns, except the one that needs a database connection
        List<String> flyway = new ArrayList<>();
        for (Field f : PostgreSQLParser.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Pattern.class
                    && f.getName().endsWith("_REGEX") && !f.getName().equals("COPY_FROM_STDIN_REGEX")
                    && !f.getName().equals("ALTER_TYPE_ADD_VALUE_REGEX")) {
                f.setAccessible(true);
                flyway.add(((Pattern) f.get(null)).pattern());
            }
        }

        // then
        assertThat(TransactionRules.FLYWAY_NON_TRANSACTIONAL).extracting(Pattern::pattern)
                .containsExactlyInAnyOrderElementsOf(flyway);
    }

    private static void assertSameSplit(String text) {
        // given what Flyway splits
        List<FlywaySplitter.Located> flyway = FlywaySplitter.located(text);

        // when
        List<SqlScript.Statement> ours = SqlScript.parse(text).statements();

        // then
        assertThat(ours).extracting(s -> new FlywaySplitter.Located(s.sql(), s.line(),
                        TransactionRules.flywayTransactional(s.sql()), s.copyFromStdin()))
                .containsExactlyElementsOf(flyway);
    }

    /** As a migration's placeholders are replaced before it is split (a {@code $} in code starts a Flyway dollar quote). */
    private static String withPlaceholdersReplaced(String text) {
        return text.replaceAll("\\$\\{(?:flyway:)?([A-Za-z0-9_]+)}", "$1");
    }

    private static String read(Path p) {
        try {
            String s = Files.readString(p, StandardCharsets.UTF_8);
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
