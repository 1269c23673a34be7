package dev.zerodown.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import dev.zerodown.config.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MigrationLoaderTest {
    @TempDir
    Path dir;

    private final MigrationLoader loader = new MigrationLoader();

    @Test
    void should_order_versions_numerically_then_repeatables_by_description() throws IOException {
        // given
        write("V10__ten.sql", "select 10;");
        write("V2__two.sql", "select 2;");
        write("V1_1__one_one.sql", "select 11;");
        write("V1.2__one_two.sql", "select 12;");
        write("R__b_views.sql", "select 'b';");
        write("R__a_functions.sql", "select 'a';");
        write("V1__one.sql", "select 1;");

        // when
        List<MigrationStep> steps = load();

        // then
        assertThat(steps).extracting(MigrationStep::fileName).containsExactly(
                "V1__one.sql", "V1_1__one_one.sql", "V1.2__one_two.sql", "V2__two.sql", "V10__ten.sql",
                "R__a_functions.sql", "R__b_views.sql");
        assertThat(steps).extracting(MigrationStep::version).containsExactly(
                "1", "1.1", "1.2", "2", "10", null, null);
    }

    @Test
    void should_describe_a_step_from_its_file_name() throws IOException {
        write("V3__add_full_name.sql", "alter table users add column full_name text;");

        MigrationStep step = load().get(0);

        assertThat(step.version()).isEqualTo("3");
        assertThat(step.description()).isEqualTo("add full name");
        assertThat(step.name()).isEqualTo("V3__add_full_name");
        assertThat(step.location()).isEqualTo(dir.resolve("V3__add_full_name.sql").toString());
        assertThat(step.executeInTransaction()).isTrue();
        assertThat(step.statements()).singleElement()
                .isEqualTo(new SqlStatement("alter table users add column full_name text", 1, true, List.of()));
    }

    @Test
    void should_scan_subfolders_and_ignore_other_files() throws IOException {
        write("V1__one.sql", "select 1;");
        write("sub/V2__two.sql", "select 2;");
        write("README.md", "# migrations");
        write("views.sql", "select 'not a migration';");
        write("U1__undo_one.sql", "select 'undo';");
        write("rollback_v2.sql", "select 'helper';");

        assertThat(load()).extracting(MigrationStep::fileName).containsExactly("V1__one.sql", "V2__two.sql");
    }

    @Test
    void should_accept_filesystem_prefix_and_comma_separated_locations() throws IOException {
        write("a/V1__one.sql", "select 1;");
        write("b/V2__two.sql", "select 2;");

        List<MigrationStep> steps = loader.load(
                List.of("filesystem:" + dir.resolve("a") + ", " + dir.resolve("b")), Map.of(), null);

        assertThat(steps).extracting(MigrationStep::fileName).containsExactly("V1__one.sql", "V2__two.sql");
    }

    @Test
    void should_load_a_classpath_location_from_a_folder() throws IOException {
        write("db/migration/V1__one.sql", "select 1;");
        try (URLClassLoader cl = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            List<MigrationStep> steps = loader.load(List.of("classpath:db/migration"), Map.of(), cl);

            assertThat(steps).singleElement().satisfies(s -> {
                assertThat(s.fileName()).isEqualTo("V1__one.sql");
                assertThat(s.location()).isEqualTo("classpath:db/migration/V1__one.sql");
            });
        }
    }

    @Test
    void should_load_a_classpath_location_from_a_jar() throws IOException {
        // given a jar holding db/migration with a script, its .sql.conf and one in a subfolder
        Path jar = dir.resolve("migrations.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String folder : List.of("db/", "db/migration/", "db/migration/more/")) {
                out.putNextEntry(new JarEntry(folder));
                out.closeEntry();
            }
            jarEntry(out, "db/migration/V1__create.sql", "create table t (id int);\n");
            jarEntry(out, "db/migration/V2__index.sql", "create index concurrently t_id on t (id);\n");
            jarEntry(out, "db/migration/V2__index.sql.conf", "executeInTransaction=false\n");
            jarEntry(out, "db/migration/more/V3__more.sql", "select 3;\n");
            jarEntry(out, "db/other/V9__elsewhere.sql", "select 9;\n");
        }

        // when
        try (URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            List<MigrationStep> steps = loader.load(List.of("classpath:/db/migration/"), Map.of(), cl);

            // then
            assertThat(steps).extracting(MigrationStep::location).containsExactly(
                    "classpath:db/migration/V1__create.sql", "classpath:db/migration/V2__index.sql",
                    "classpath:db/migration/more/V3__more.sql");
            assertThat(steps.get(1).executeInTransaction()).isFalse();
            assertThat(steps.get(1).statements()).singleElement()
                    .isEqualTo(new SqlStatement("create index concurrently t_id on t (id)", 1, false, List.of()));
        }
    }

    @Test
    void should_read_execute_in_transaction_from_sql_conf() throws IOException {
        write("V1__backfill.sql", "update t set a = 1;\nupdate t set b = 2;");
        write("V1__backfill.sql.conf", "# run each batch on its own\nexecuteInTransaction=false\n");

        MigrationStep step = load().get(0);

        assertThat(step.executeInTransaction()).isFalse();
        assertThat(step.runsInTransaction()).isFalse();
    }

    @Test
    void should_replace_placeholders_keeping_line_numbers() throws IOException {
        write("V1__grant.sql", "create table ${Schema}.t (id int);\ngrant select on ${schema}.t to ${reader};\n"
                + "-- file: ${flyway:filename}\nselect 1;");

        List<SqlStatement> statements = loader.load(List.of(dir.toString()),
                Map.of("schema", "app", "reader", "ro\nrole"), null).get(0).statements();

        assertThat(statements).extracting(SqlStatement::line, SqlStatement::sql).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "create table app.t (id int)"),
                org.assertj.core.groups.Tuple.tuple(2, "grant select on app.t to ro\nrole"),
                org.assertj.core.groups.Tuple.tuple(4, "select 1"));
    }

    @Test
    void should_leave_dollar_quotes_alone() throws IOException {
        write("V1__fn.sql", "create function f() returns text as $$ select '${x}' $$ language sql;\n"
                + "do $body$ begin perform 1; end $body$;");

        List<SqlStatement> statements = loader.load(List.of(dir.toString()), Map.of("x", "y"), null).get(0).statements();

        assertThat(statements).extracting(SqlStatement::sql).containsExactly(
                "create function f() returns text as $$ select 'y' $$ language sql",
                "do $body$ begin perform 1; end $body$");
    }

    @Test
    void should_not_replace_placeholders_when_sql_conf_turns_them_off() throws IOException {
        write("V1__raw.sql", "select '${not_a_placeholder}';");
        write("V1__raw.sql.conf", "placeholderReplacement=false");

        assertThat(load().get(0).statements()).singleElement()
                .extracting(SqlStatement::sql).isEqualTo("select '${not_a_placeholder}'");
    }

    @Test
    void should_flag_a_script_of_only_non_transactional_statements() throws IOException {
        write("V1__index.sql", "create index concurrently a on t (a);\ncreate index concurrently b on t (b);");

        MigrationStep step = load().get(0);

        assertThat(step.nonTransactionalOnly()).isTrue();
        assertThat(step.mixed()).isFalse();
        assertThat(step.runsInTransaction()).isFalse();
        assertThat(step.mixedOffender()).isEmpty();
    }

    @Test
    void should_flag_a_mixed_script_and_its_offending_statement() throws IOException {
        write("V1__mixed.sql", "alter table t add column c int;\ncreate index concurrently c on t (c);\nselect 1;");

        MigrationStep step = load().get(0);

        assertThat(step.mixed()).isTrue();
        assertThat(step.nonTransactionalOnly()).isFalse();
        assertThat(step.mixedOffender()).hasValueSatisfying(s -> assertThat(s.line()).isEqualTo(2));
    }

    @Test
    void should_strip_a_byte_order_mark() throws IOException {
        Files.write(dir.resolve("V1__bom.sql"), ("\uFEFFselect 1;").getBytes(StandardCharsets.UTF_8));

        assertThat(load().get(0).statements()).singleElement().extracting(SqlStatement::sql).isEqualTo("select 1");
    }

    @Test
    void should_read_the_encoding_from_sql_conf() throws IOException {
        Files.write(dir.resolve("V1__latin.sql"), "select 'café';".getBytes(StandardCharsets.ISO_8859_1));
        write("V1__latin.sql.conf", "encoding=ISO-8859-1");

        assertThat(load().get(0).statements()).singleElement().extracting(SqlStatement::sql).isEqualTo("select 'café'");
    }

    // ---- errors: each is one line naming the file (and line) and what to do

    @Test
    void should_reject_a_version_with_one_underscore() throws IOException {
        write("V3_add.sql", "select 1;");
        assertError(dir.resolve("V3_add.sql") + ": not a valid migration file name; expected V<version>__<description>.sql"
                + " (version parts separated by . or _, e.g. V1_1__add_users.sql) or R__<description>.sql");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v3__x.sql", "V3.sql", "Vx__a.sql", "V1..2__a.sql", "R1__a.sql", "R_a.sql", "V3__x.SQL"})
    void should_reject_other_misnamed_migrations(String fileName) throws IOException {
        write(fileName, "select 1;");
        assertError(dir.resolve(fileName) + ": not a valid migration file name; expected V<version>__<description>.sql"
                + " (version parts separated by . or _, e.g. V1_1__add_users.sql) or R__<description>.sql");
    }

    @Test
    void should_reject_duplicate_versions_naming_both_files() throws IOException {
        write("V1_1__a.sql", "select 1;");
        write("V1.1__b.sql", "select 2;");
        assertError("Duplicate migration version 1.1: " + dir.resolve("V1.1__b.sql") + " and " + dir.resolve("V1_1__a.sql")
                + "; give each migration file its own version");
    }

    @Test
    void should_reject_duplicate_repeatables_across_locations() throws IOException {
        write("a/R__views.sql", "select 1;");
        write("b/R__views.sql", "select 2;");
        assertThatThrownBy(() -> loader.load(List.of(dir.resolve("a").toString(), dir.resolve("b").toString()), Map.of(), null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Duplicate repeatable migration 'views': " + dir.resolve("a/R__views.sql") + " and "
                        + dir.resolve("b/R__views.sql") + "; give each repeatable migration its own description");
    }

    @Test
    void should_reject_a_missing_folder() {
        Path missing = dir.resolve("db/migrtion");
        assertThatThrownBy(() -> loader.load(List.of(missing.toString()), Map.of(), null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Migrations location '" + missing + "': no such folder " + missing
                        + "; set migrations to the folder that holds your V<version>__<description>.sql files");
    }

    @Test
    void should_reject_a_missing_classpath_location() throws IOException {
        try (URLClassLoader cl = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> loader.load(List.of("classpath:db/migration"), Map.of(), cl))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Migrations location 'classpath:db/migration': no such folder on the class path;"
                            + " put your V<version>__<description>.sql files in src/main/resources/db/migration"
                            + " (or src/test/resources/db/migration), or set migrations to where they are");
        }
    }

    @Test
    void should_reject_an_unknown_location_prefix() {
        assertThatThrownBy(() -> loader.load(List.of("s3:bucket/migrations"), Map.of(), null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Migrations location 's3:bucket/migrations' has the unsupported prefix 's3:';"
                        + " write a folder path, filesystem:<path> or classpath:<path>");
    }

    @Test
    void should_reject_a_folder_without_migrations() throws IOException {
        write("notes.sql", "select 1;");
        assertError("No migrations found in " + dir + "; expected files named V<version>__<description>.sql"
                + " (e.g. V1__create_users.sql)");
    }

    @Test
    void should_reject_an_unknown_sql_conf_key_naming_file_and_line() throws IOException {
        write("V1__a.sql", "select 1;");
        write("V1__a.sql.conf", "# comment\nexecuteInTransaction=false\nmixed=true\n");
        assertError(dir.resolve("V1__a.sql.conf") + ":3: unknown key 'mixed'; accepted keys: executeInTransaction,"
                + " encoding, placeholderReplacement");
    }

    @Test
    void should_reject_a_bad_sql_conf_value() throws IOException {
        write("V1__a.sql", "select 1;");
        write("V1__a.sql.conf", "executeInTransaction=no\n");
        assertError(dir.resolve("V1__a.sql.conf") + ":1: executeInTransaction has value 'no'; accepted: true, false");
    }

    @Test
    void should_reject_forcing_a_transaction_on_a_non_transactional_statement() throws IOException {
        write("V1__a.sql", "select 1;\ncreate index concurrently i on t (id);");
        write("V1__a.sql.conf", "executeInTransaction=true\n");
        assertError(dir.resolve("V1__a.sql.conf") + " sets executeInTransaction=true, but " + dir.resolve("V1__a.sql")
                + ":2 cannot run inside a transaction block (create index concurrently i on t (id));"
                + " remove that line or set executeInTransaction=false");
    }

    @Test
    void should_reject_an_unknown_placeholder_naming_file_line_and_defined_ones() throws IOException {
        write("V1__a.sql", "select 1;\n\nselect '${tenant}';");
        assertThatThrownBy(() -> loader.load(List.of(dir.toString()), Map.of("schema", "app"), null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(dir.resolve("V1__a.sql") + ":3: placeholder ${tenant} has no value; defined: flyway:defaultSchema,"
                        + " flyway:filename, flyway:table, flyway:timestamp, flyway:workingDirectory, schema; set it in placeholders, or add placeholderReplacement=false to "
                        + dir.resolve("V1__a.sql") + ".conf");
    }

    @Test
    void should_reject_a_script_that_is_not_utf8() throws IOException {
        Files.write(dir.resolve("V1__latin.sql"), "select 'café';".getBytes(StandardCharsets.ISO_8859_1));
        assertError(dir.resolve("V1__latin.sql") + ": not valid UTF-8; save it as UTF-8 or set encoding=<charset>"
                + " in its .sql.conf");
    }

    @Test
    void should_reject_copy_from_stdin() throws IOException {
        write("V1__copy.sql", "select 1;\ncopy t (a) from stdin;\n1\n\\.\n");
        assertError(dir.resolve("V1__copy.sql") + ":2: COPY … FROM STDIN with inline data is not supported in a"
                + " migration step; use INSERT … VALUES, or COPY from a file the server reads");
    }

    private void assertError(String message) {
        assertThatThrownBy(this::load).isInstanceOf(ConfigurationException.class).hasMessage(message);
        assertThat(message).doesNotContain("\n");
    }

    private List<MigrationStep> load() {
        return loader.load(List.of(dir.toString()), Map.of(), null);
    }

    private void write(String relative, String content) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private static void jarEntry(JarOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
