package dev.zerodown.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.load.AppVersion;
import dev.zerodown.load.AppVersionFactory;
import dev.zerodown.migrations.MigrationLoader;
import dev.zerodown.plan.Rollout;
import dev.zerodown.plan.RolloutFile;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.settings.Settings;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same Flyway folder through Zerodown and through Flyway itself, on one PostgreSQL server: Zerodown must apply
 * what Flyway applies, in Flyway's order, callbacks included, and leave the same schema. Every script of the folders
 * writes a row to {@code applied_log} (created by the {@code beforeMigrate} callback), so the order is read back from
 * the database: from Flyway's scratch database, and by the version {@code new} that Zerodown deploys last.
 */
class FlywayFolderParityTest {
    private static final Path FOLDER = Path.of("src/test/resources/engine/flyway-folder").toAbsolutePath();
    private static final Path BASELINE_FOLDER = Path.of("src/test/resources/engine/flyway-baseline").toAbsolutePath();
    private static final Path INIT = Path.of("src/test/resources/engine/flyway-folder-init.sql").toAbsolutePath();

    /** What the log holds, in order; then the schema: columns, views, grants to app_readonly (history table aside). */
    private static final String LOG = "select string_agg(what, ',' order by id) from applied_log";
    private static final String SCHEMA = """
            select string_agg(x, ' | ' order by x) from (
              select 'column ' || table_name || '.' || column_name || ' ' || data_type as x from information_schema.columns
               where table_schema = 'public' and table_name <> 'flyway_schema_history'
              union all
              select 'view ' || viewname || ' ' || regexp_replace(definition, '\\s+', ' ', 'g') from pg_views
               where schemaname = 'public'
              union all
              select 'grant ' || grantee || ' ' || privilege_type || ' ' || table_name from information_schema.role_table_grants
               where table_schema = 'public' and grantee = 'app_readonly' and table_name <> 'flyway_schema_history') s""";

    @TempDir
    Path dir;
    private final List<Database> scratch = new ArrayList<>();

    @AfterEach
    void dropScratchDatabases() {
        scratch.forEach(Database::close);
    }

    @Test
    void should_apply_a_folder_checked_from_its_first_step_as_one_flyway_migrate() throws Exception {
        Flyway flyway = flyway(scratch("parity_one"), FOLDER);
        flyway.migrate();

        Observed zerodown = zerodown("parity-one", FOLDER, "V1");

        assertThat(zerodown.result.transitions()).extracting(TransitionResult::name).containsExactly(
                "V1__create_users under [old]", "V2__add_email under [old]", "R__user_emails under [old]",
                "deploy new under [old, new]");
        assertThat(zerodown.log).isEqualTo(flywayLog(flyway)).isEqualTo(String.join(",",
                "beforeMigrate",
                "beforeEachMigrate", "V1__create_users.sql", "afterEachMigrate",
                "beforeEachMigrate", "V2__add_email.sql", "afterEachMigrate",
                "afterVersioned", "beforeRepeatables",
                "beforeEachMigrate", "R__user_emails.sql", "afterEachMigrate",
                "afterMigrate"));
        assertThat(scripts(zerodown.log)).isEqualTo(flywayHistory(flyway));
        assertThat(zerodown.schema).isEqualTo(query(flyway, SCHEMA)).contains("view user_emails", "grant app_readonly SELECT users");
    }

    @Test
    void should_apply_the_baseline_and_the_checked_steps_as_two_releases_migrated_by_flyway() throws Exception {
        Path release1 = Files.createDirectories(dir.resolve("release1"));
        try (var files = Files.list(FOLDER)) {
            for (Path f : files.filter(f -> !f.getFileName().toString().matches("(V2|R)__.*")).toList()) {
                Files.copy(f, release1.resolve(f.getFileName()));
            }
        }
        Database db = scratch("parity_two");
        Flyway flyway = flyway(db, release1);
        flyway.migrate();
        flyway(db, FOLDER).migrate();

        Observed zerodown = zerodown("parity-two", FOLDER, null);

        assertThat(zerodown.result.transitions()).extracting(TransitionResult::name).containsExactly(
                "V2__add_email under [old]", "R__user_emails under [old]", "deploy new under [old, new]");
        assertThat(zerodown.log).isEqualTo(flywayLog(flyway));
        assertThat(zerodown.log).as("the baseline is one migrate with its callbacks, the checked steps the next")
                .startsWith("beforeMigrate,beforeEachMigrate,V1__create_users.sql,afterEachMigrate,afterVersioned,"
                        + "afterMigrate,afterValidate,beforeMigrate,beforeEachMigrate,V2__add_email.sql");
        assertThat(zerodown.schema).isEqualTo(query(flyway, SCHEMA));
        assertThat(zerodown.result.transitions().get(0).hazards()).extracting(h -> h.id())
                .as("beforeEachMigrate's SET lock_timeout held for the ALTER TABLE of V2")
                .doesNotContain(HazardId.MISSING_LOCK_TIMEOUT);
    }

    @Test
    void should_apply_a_baseline_migration_to_an_empty_database_as_flyway_does() throws Exception {
        Flyway flyway = flyway(scratch("parity_b"), BASELINE_FOLDER);
        flyway.migrate();

        Observed zerodown = zerodown("parity-b", BASELINE_FOLDER, null);

        assertThat(zerodown.result.transitions()).extracting(TransitionResult::name).containsExactly(
                "V3__add_phone under [old]", "R__user_emails under [old]", "deploy new under [old, new]");
        assertThat(zerodown.log).isEqualTo(flywayLog(flyway))
                .isEqualTo("B2__users.sql,V3__add_phone.sql,R__user_emails.sql");
        assertThat(scripts(zerodown.log)).isEqualTo(flywayHistory(flyway));
        assertThat(query(flyway, "select type from flyway_schema_history where version = '2'")).isEqualTo("SQL_BASELINE");
        assertThat(zerodown.schema).isEqualTo(query(flyway, SCHEMA));
    }

    @Test
    void should_stop_at_a_failing_init_script_statement_naming_file_and_line() throws IOException {
        Path init = Files.writeString(dir.resolve("init.sql"), "create role app_readonly;\n\ncreate extension no_such_one;\n");
        CompatibilityRun run = CompatibilityRun.of("init-fails", Rollout.startWith("old", idle()).migrate("V2"))
                .settings(settings(FOLDER).with("initScript", init.toString())).writeReports(false);

        assertThatThrownBy(() -> run.run(17)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("initScript " + init + ":3 failed (SQLState 0A000): ERROR: extension"
                        + " \"no_such_one\" is not available")
                .hasMessageEndingWith("; fix the script so that it runs on a new database before the first migration")
                .hasMessageNotContaining("\n");
    }

    // ---- the two sides

    /** What version {@code new}, deployed after every step, read from Zerodown's database. */
    private record Observed(RunResult result, String log, String schema) {
    }

    private Observed zerodown(String name, Path folder, String since) {
        AtomicReference<String[]> seen = new AtomicReference<>();
        AppVersionFactory observer = ds -> () -> {
            try (Connection c = ds.getConnection()) {
                seen.set(new String[] {query(c, LOG), query(c, SCHEMA)});
            }
        };
        Function<String, AppVersionFactory> apps = v -> v.equals("new") ? observer : idle();
        Settings settings = settings(folder);
        Rollout rollout = RolloutFile.byDefault(new MigrationLoader().load(settings.migrations(), Map.of(), null), since, apps);
        RunResult result = CompatibilityRun.of(name, rollout).settings(settings).writeReports(false).run(17).result();
        assertThat(seen.get()).as("version new made requests").isNotNull();
        return new Observed(result, seen.get()[0], seen.get()[1]);
    }

    private static Settings settings(Path folder) {
        return Settings.defaults().with(Map.of("migrations", "filesystem:" + folder, "initScript", INIT.toString(),
                "soak", "200ms", "clients", "1", "rate", "50"));
    }

    private static AppVersionFactory idle() {
        return ds -> (AppVersion) () -> {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("select 1");
            }
        };
    }

    /** A scratch database on the same server, with the init script's role, for Flyway to migrate. */
    private Database scratch(String name) throws SQLException {
        Database db = Postgres.embedded(17).createDatabase(name);
        scratch.add(db);
        try (Connection c = db.connect("init"); Statement s = c.createStatement()) {
            s.execute("do $$ begin create role app_readonly; exception when duplicate_object then null; end $$");
        }
        return db;
    }

    private static Flyway flyway(Database db, Path folder) {
        return Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("filesystem:" + folder).load();
    }

    private static String flywayLog(Flyway flyway) throws SQLException {
        return query(flyway, LOG);
    }

    /** The scripts Flyway recorded as applied, in order. */
    private static List<String> flywayHistory(Flyway flyway) throws SQLException {
        return List.of(query(flyway, "select string_agg(script, ',' order by installed_rank) from flyway_schema_history"
                + " where success").split(","));
    }

    /** The migration scripts of a log, callbacks left out. */
    private static List<String> scripts(String log) {
        List<String> out = new ArrayList<>();
        for (String what : log.split(",")) {
            if (what.endsWith(".sql")) {
                out.add(what);
            }
        }
        return out;
    }

    private static String query(Flyway flyway, String sql) throws SQLException {
        try (Connection c = flyway.getConfiguration().getDataSource().getConnection()) {
            return query(c, sql);
        }
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
