package dev.zerodown.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.load.SyntheticTraffic;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.plan.Rollout;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import dev.zerodown.postgres.PostgresServer;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.settings.Settings;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A staging clone on the external provider: the embedded server reached through its URL, with a database that
 * Flyway itself migrated to V2 (a real flyway_schema_history). Runs clone it with CREATE DATABASE … TEMPLATE,
 * check only the pending V3, and drop the clone afterwards.
 */
class PendingOnlyExternalTest {
    // CRLF, a non-ASCII character and a trailing blank line: the checksum must still be Flyway's
    private static final String V1 = "create table accounts (id int primary key, name text not null);\r\n"
            + "insert into accounts values (1, 'Zoë');\r\n\r\n";
    private static final String V2 = "alter table accounts add column email text;\n";

    @TempDir
    Path dir;
    private Database staging;
    private Flyway flyway;

    @BeforeEach
    void stagingCloneMigratedByFlywayToV2() throws Exception {
        Files.writeString(dir.resolve("V1__accounts.sql"), V1, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("V2__email.sql"), V2, StandardCharsets.UTF_8);
        staging = Postgres.embedded(17).createDatabase("staging");
        flyway = Flyway.configure().dataSource(staging.jdbcUrl(), staging.user(), staging.password())
                .locations("filesystem:" + dir).load();
        flyway.migrate();
    }

    @AfterEach
    void dropStaging() {
        staging.close();
    }

    private CompatibilityRun run(String name, String v3) throws Exception {
        Files.writeString(dir.resolve("V3__pending.sql"), v3);
        String url = staging.jdbcUrl() + "?user=" + staging.user() + "&password=" + staging.password();
        Settings s = Settings.defaults().with(Map.of("provider", "external", "jdbcUrl", url, "allowExternal", staging.name(),
                "migrations", "filesystem:" + dir, "soak", "200ms", "clients", "1", "rate", "50"));
        return CompatibilityRun.of(name, Rollout.startWith("v1", new SyntheticTraffic()).migrate("V3")).settings(s)
                .writeReports(false);
    }

    @Test
    void should_check_only_the_pending_version_on_a_clone_of_the_database() throws Exception {
        RunResult result = run("pending", "create index concurrently accounts_email on accounts (email);").run(17).result();

        assertThat(result.provider()).isEqualTo("external");
        assertThat(result.transitions()).extracting(TransitionResult::name).containsExactly("V3__pending under [v1]");
        assertThat(result.transitions().get(0).hazards()).extracting(h -> h.id())
                .as("V1 (create table, insert id 1) was not re-applied, or it would fail").doesNotContain(HazardId.MIGRATION_FAILED);
        assertThat(flyway.info().applied()[0].getChecksum())
                .as("Zerodown computes the checksum as Flyway does").isEqualTo(MigrationStep.flywayChecksum(V1));
        try (Connection c = staging.connect("check")) {
            assertThat(query(c, "select count(*) from accounts")).isEqualTo("1");
            assertThat(query(c, "select count(*) from pg_indexes where indexname = 'accounts_email'"))
                    .as("the run worked on a clone: the staging database is untouched").isEqualTo("0");
            assertThat(scratchDatabases(c, "pending")).as("the clone is dropped at the end").isEmpty();
        }
    }

    @Test
    void should_refuse_a_file_changed_after_flyway_applied_it() throws Exception {
        int applied = flyway.info().applied()[0].getChecksum();
        String edited = V1.replace("'Zoë'", "'Zoe'");
        Files.writeString(dir.resolve("V1__accounts.sql"), edited, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> run("mismatch", "select 1;").run(17))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Checksum mismatch for " + dir.resolve("V1__accounts.sql") + ": version 1 was applied with checksum "
                        + applied + " in the Flyway history table flyway_schema_history (flywayTable) of the database the run"
                        + " starts from, the file now has " + MigrationStep.flywayChecksum(edited)
                        + "; restore the file as it was applied (an applied migration must not change) or, if the change is"
                        + " intended, run flyway repair on the clone");
        try (Connection c = staging.connect("check")) {
            assertThat(scratchDatabases(c, "mismatch")).isEmpty();
        }
    }

    @Test
    void should_refuse_an_applied_version_whose_file_is_gone() throws Exception {
        Files.delete(dir.resolve("V2__email.sql"));

        assertThatThrownBy(() -> run("gone", "select 1;").run(17))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Version 2 is applied in the Flyway history table flyway_schema_history (flywayTable) of the"
                        + " database the run starts from but no migration file has it; add its file back to the migrations"
                        + " locations, or point jdbcUrl at a clone made with these migrations");
    }

    @Test
    void should_read_the_history_table_that_flywayTable_names() throws Exception {
        try (Connection c = staging.connect("rename")) {
            c.createStatement().execute("alter table flyway_schema_history rename to app_history");
        }
        CompatibilityRun run = run("renamed", "select 1;");
        assertThatThrownBy(run::run).as("without the setting, V1 is applied again on the clone")
                .hasMessageContaining("already exists");

        RunResult result = run.settings(run.settings().with(Map.of("flywayTable", "app_history"))).run(17).result();

        assertThat(result.transitions().get(0).hazards()).extracting(h -> h.id()).doesNotContain(HazardId.MIGRATION_FAILED);
    }

    @Test
    void should_drop_the_clone_after_a_failed_step() throws Exception {
        RunResult result = run("failing", "alter table accounts add constraint negative check (id < 0);").run(17).result();

        assertThat(result.transitions().get(0).hazards()).extracting(h -> h.id()).contains(HazardId.MIGRATION_FAILED);
        try (Connection c = staging.connect("check")) {
            assertThat(scratchDatabases(c, "failing")).isEmpty();
        }
    }

    @Test
    void should_say_that_the_template_needs_no_other_sessions() throws Exception {
        CompatibilityRun run = run("busy", "select 1;");
        try (Connection busy = staging.connect("someone-else")) {
            assertThatThrownBy(() -> run.run(17))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("Cannot clone database '" + staging.name() + "' at localhost:")
                    .hasMessageContaining("other sessions are connected to it, and CREATE DATABASE ... TEMPLATE needs none")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void should_leave_out_a_repeatable_whose_checksum_the_history_holds_and_run_a_changed_one() throws Exception {
        Files.writeString(dir.resolve("R__account_names.sql"), "create or replace view account_names as select name from accounts;\n");
        flyway.migrate();
        CompatibilityRun run = run("repeatable", "alter table accounts add column nickname text;");

        RunResult unchanged = run.run(17).result();

        assertThat(unchanged.transitions()).extracting(TransitionResult::name).containsExactly("V3__pending under [v1]");
        assertThat(unchanged.notRun()).singleElement().satisfies(n -> {
            assertThat(n.name()).isEqualTo("R__account_names under [v1]");
            assertThat(n.reason()).isEqualTo("R__account_names.sql is unchanged since it was applied (checksum "
                    + flyway.info().applied()[2].getChecksum() + " in flyway_schema_history), so Flyway does not run it again");
        });

        Files.writeString(dir.resolve("R__account_names.sql"),
                "create or replace view account_names as select name, nickname from accounts;\n");
        RunResult changed = run.run(17).result();

        assertThat(changed.transitions()).extracting(TransitionResult::name)
                .containsExactly("V3__pending under [v1]", "R__account_names under [v1]");
        assertThat(changed.transitions().get(1).hazards()).extracting(h -> h.id()).doesNotContain(HazardId.MIGRATION_FAILED);
        assertThat(changed.notRun()).isEmpty();
    }

    @Test
    void should_not_apply_a_baseline_migration_to_a_database_with_a_history() throws Exception {
        Files.writeString(dir.resolve("B2__accounts.sql"), "create table accounts (id int primary key, name text not null,"
                + " email text);\n");

        RunResult result = run("baseline-ignored", "create index accounts_email on accounts (email);").run(17).result();

        assertThat(result.transitions()).extracting(TransitionResult::name).as("B2 applied would fail: accounts exists")
                .containsExactly("V3__pending under [v1]");
        assertThat(result.transitions().get(0).hazards()).extracting(h -> h.id()).doesNotContain(HazardId.MIGRATION_FAILED);
    }

    @Test
    void should_apply_the_pending_versions_a_baseline_migration_stands_for_on_a_database_with_a_history() throws Exception {
        try (Database atV1 = Postgres.embedded(17).createDatabase("staging_v1")) {
            Flyway.configure().dataSource(atV1.jdbcUrl(), atV1.user(), atV1.password()).locations("filesystem:" + dir)
                    .target("1").load().migrate();
            Files.writeString(dir.resolve("B2__accounts.sql"), "create table accounts (id int primary key, name text not null,"
                    + " email text);\n");
            Files.writeString(dir.resolve("V3__pending.sql"), "create index accounts_email on accounts (email);\n");
            String url = atV1.jdbcUrl() + "?user=" + atV1.user() + "&password=" + atV1.password();
            Settings s = Settings.defaults().with(Map.of("provider", "external", "jdbcUrl", url, "allowExternal",
                    atV1.name(), "migrations", "filesystem:" + dir, "soak", "200ms", "clients", "1", "rate", "50"));

            RunResult result = CompatibilityRun.of("superseded", Rollout.startWith("v1", new SyntheticTraffic()).migrate("V3"))
                    .settings(s).writeReports(false).run(17).result();

            assertThat(result.transitions().get(0).hazards()).extracting(h -> h.id())
                    .as("V2 (the email column V3 indexes) was applied in the baseline, as Flyway applies it here")
                    .doesNotContain(HazardId.MIGRATION_FAILED);
        }
    }

    private static List<String> scratchDatabases(Connection c, String label) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select datname from pg_database where datname like 'zd\\_" + label + "\\_%'")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
