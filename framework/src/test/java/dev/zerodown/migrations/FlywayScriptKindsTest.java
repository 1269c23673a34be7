package dev.zerodown.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.zerodown.config.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scripts of a Flyway folder besides V and R migrations, read as Flyway reads them: B baseline
 * migrations, SQL callbacks, and Java migrations (refused). On PostgreSQL, beside Flyway itself:
 * {@code dev.zerodown.engine.FlywayFolderParityTest}.
 */
class FlywayScriptKindsTest {
    @TempDir
    Path dir;

    private final MigrationLoader loader = new MigrationLoader();

    @Test
    void should_apply_the_highest_baseline_migration_instead_of_the_versions_it_stands_for() throws IOException {
        write("V1__one.sql", "select 1;");
        write("V2__two.sql", "select 2;");
        write("B2__consolidated.sql", "select 'b2';");
        write("V3__three.sql", "select 3;");
        write("B1__old_baseline.sql", "select 'b1';");
        write("R__views.sql", "select 'r';");

        Migrations m = read();

        assertThat(m.steps()).extracting(MigrationStep::fileName)
                .containsExactly("B2__consolidated.sql", "V3__three.sql", "R__views.sql");
        assertThat(m.steps().get(0).baselineMigration()).isTrue();
        assertThat(m.steps().get(0).version()).isEqualTo("2");
        assertThat(m.steps().get(0).checksum()).isEqualTo(MigrationStep.flywayChecksum("select 'b2';"));
        assertThat(m.superseded()).extracting(MigrationStep::fileName)
                .as("what a database with a Flyway history may still need, in version order")
                .containsExactly("V1__one.sql", "B1__old_baseline.sql", "V2__two.sql");
        assertThat(m.baselineMigration()).map(MigrationStep::name).hasValue("B2__consolidated");
    }

    @Test
    void should_find_a_baseline_migration_by_B_version_or_file_name_but_not_by_V() throws IOException {
        write("B2__consolidated.sql", "select 'b2';");
        write("V3__three.sql", "select 3;");
        List<MigrationStep> steps = read().steps();

        assertThat(MigrationSteps.indexOf(steps, "B2")).isZero();
        assertThat(MigrationSteps.indexOf(steps, "2")).isZero();
        assertThat(MigrationSteps.indexOf(steps, "B2__consolidated.sql")).isZero();
        assertThatThrownBy(() -> MigrationSteps.indexOf(steps, "V2"))
                .hasMessageContaining("Unknown migration step 'V2'; available: B2__consolidated, V3__three");
    }

    @Test
    void should_read_callbacks_apart_from_the_steps_in_flyway_order() throws IOException {
        write("V1__one.sql", "select 1;");
        write("afterMigrate__b_grants.sql", "select 'b';");
        write("sub/afterMigrate.sql", "select 'plain';");
        write("afterMigrate__a_refresh.sql", "select 'a';");
        write("beforeEachMigrate.sql", "set lock_timeout = '${timeout}';");
        write("beforeEachMigrate.sql.conf", "executeInTransaction=false");

        Migrations m = loader.read(MigrationsFormat.FLYWAY, List.of(dir.toString()), Map.of("timeout", "2s"), null);

        assertThat(m.steps()).extracting(MigrationStep::fileName).containsExactly("V1__one.sql");
        assertThat(m.callbacks().of(CallbackEvent.AFTER_MIGRATE)).extracting(Callbacks.Callback::description)
                .as("no description first, then by description").containsExactly(null, "a refresh", "b grants");
        Callbacks.Callback before = m.callbacks().of(CallbackEvent.BEFORE_EACH_MIGRATE).get(0);
        assertThat(before.script().statements()).extracting(SqlStatement::sql)
                .as("placeholders replaced").containsExactly("set lock_timeout = '2s'");
        assertThat(before.script().executeInTransaction()).as("its .sql.conf is read").isFalse();
        assertThat(before.location()).isEqualTo(dir.resolve("beforeEachMigrate.sql").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"beforeMigrate.sql", "beforeMigrate__create_schema.sql", "afterEachMigrate__grants.sql",
        "beforeClean.sql", "afterMigrateError.sql", "beforeEachMigrateStatement.sql", "beforeMigrat.sql"})
    void should_not_take_a_callback_or_a_callback_lookalike_for_a_misnamed_migration(String fileName) throws IOException {
        write("V1__one.sql", "select 1;");
        write(fileName, "select 'callback';");

        assertThat(read().steps()).extracting(MigrationStep::fileName).containsExactly("V1__one.sql");
    }

    @Test
    void should_refuse_two_callbacks_of_one_name() throws IOException {
        write("V1__one.sql", "select 1;");
        write("a/afterMigrate.sql", "select 1;");
        write("b/afterMigrate.sql", "select 2;");

        assertThatThrownBy(this::read).isInstanceOf(ConfigurationException.class)
                .hasMessage("Two SQL callbacks named afterMigrate.sql: " + dir.resolve("a/afterMigrate.sql") + " and "
                        + dir.resolve("b/afterMigrate.sql") + "; Flyway refuses that too: keep one, or give each a"
                        + " description (afterMigrate__<description>.sql)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"B5_baseline.sql", "b5__baseline.sql", "B5.sql"})
    void should_reject_a_misnamed_baseline_migration(String fileName) throws IOException {
        write("V1__one.sql", "select 1;");
        write(fileName, "select 'b';");

        assertThatThrownBy(this::read).isInstanceOf(ConfigurationException.class)
                .hasMessage(dir.resolve(fileName) + ": not a valid migration file name; expected"
                        + " B<version>__<description>.sql for a baseline migration (version parts separated by . or _,"
                        + " e.g. B5__baseline.sql)");
    }

    @Test
    void should_reject_a_java_migration_class_on_the_class_path_naming_the_class() throws IOException {
        write("classes/db/migration/V1__one.sql", "select 1;");
        write("classes/db/migration/V3__Fill.class", "not really bytecode");
        write("classes/db/migration/V3__Fill$1.class", "an inner class");
        try (URLClassLoader cl = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()}, null)) {
            assertThatThrownBy(() -> loader.read(MigrationsFormat.FLYWAY, List.of("classpath:db/migration"), Map.of(), cl))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("classpath:db/migration/V3__Fill.class: a Java migration (class db.migration.V3__Fill),"
                            + " and Zerodown runs SQL migrations only; write what it does as SQL in V3__Fill.sql and"
                            + " remove the class from the migrations location");
        }
    }

    @Test
    void should_reject_a_java_migration_source_in_a_folder() throws IOException {
        write("V1__one.sql", "select 1;");
        write("R__Refresh_caches.java", "class R__Refresh_caches {}");

        assertThatThrownBy(this::read).isInstanceOf(ConfigurationException.class)
                .hasMessage(dir.resolve("R__Refresh_caches.java") + ": a Java migration (class R__Refresh_caches), and"
                        + " Zerodown runs SQL migrations only; write what it does as SQL in R__Refresh_caches.sql and"
                        + " remove the class from the migrations location");
    }

    @Test
    void should_ignore_other_classes_in_a_location() throws IOException {
        write("V1__one.sql", "select 1;");
        write("MigrationHelper.class", "helper");
        write("V3__Fill$1.class", "an inner class of a removed migration");

        assertThat(read().steps()).extracting(MigrationStep::fileName).containsExactly("V1__one.sql");
    }

    private Migrations read() {
        return loader.read(MigrationsFormat.FLYWAY, List.of(dir.toString()), Map.of(), null);
    }

    private void write(String relative, String content) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }
}
