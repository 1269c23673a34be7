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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.load.SyntheticTraffic;
import dev.zerodown.plan.Rollout;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import dev.zerodown.result.Baseline;
import dev.zerodown.result.RunResult;
import dev.zerodown.settings.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs start from a seeded template kept per server and inputs. The seed counts its own runs in another database
 * (through dblink, outside the seed's transaction), so the counter says how many times it really ran.
 */
class SeededBaselineRunTest {
    @TempDir
    Path dir;
    private Database witness;
    private String witnessConnection;

    @BeforeEach
    void witness() throws SQLException {
        witness = Postgres.embedded(17).createDatabase("witness");
        String hostPort = witness.jdbcUrl().replaceFirst("^jdbc:postgresql://([^/]+)/.*$", "$1");
        witnessConnection = "host=" + hostPort.split(":")[0] + " port=" + hostPort.split(":")[1] + " dbname=" + witness.name()
                + " user=" + witness.user();
        try (Connection c = witness.connect("test"); Statement s = c.createStatement()) {
            s.execute("create table seeded (id serial primary key, label text)");
            s.execute("create table switch (fail boolean not null)");
            s.execute("insert into switch values (false)");
        }
    }

    @AfterEach
    void dropWitness() {
        witness.close();
    }

    @Test
    void should_seed_once_and_start_every_later_run_with_the_same_inputs_from_the_template() throws Exception {
        Settings s = settings(migrations("create table accounts (id int primary key, name text)"), seed("first"), null);
        Rollout rollout = Rollout.startWith("v1", new SyntheticTraffic()).migrate("V2");

        // tag::reuse[]
        RunResult first = CompatibilityRun.of("first", rollout).settings(s).run(17).result();
        RunResult second = CompatibilityRun.of("second", rollout).settings(s).run(17).result();

        assertThat(first.baseline().reused()).isFalse();                       // V1 and the seed applied once,
        assertThat(first.baseline().template()).matches("zd_seed_[0-9a-f]{32}"); // into this template
        assertThat(second.baseline().reused()).isTrue();                        // a copy of it: nothing re-applied
        assertThat(second.baseline().template()).isEqualTo(first.baseline().template());
        // end::reuse[]
        assertThat(seedRuns()).as("times the seed ran").containsExactly("first");
        assertThat(second.baseline()).isEqualTo(new Baseline(1, true, first.baseline().template(), false,
                second.baseline().millis()));
        assertThat(templateExists(first.baseline().template())).isTrue();
    }

    @Test
    void should_seed_again_when_the_seed_a_baseline_step_the_profile_or_the_scale_changes() throws Exception {
        Path v1 = migrations("create table accounts (id int primary key, name text)");
        Path profile = profile(400);
        Settings base = settings(v1, seed("base"), profile).with("scale", "0.5");
        RunResult r0 = run("base", base);
        RunResult same = run("same", base);

        RunResult seedChanged = run("seed", base.with("seed", seed("seed changed").toString()));
        Files.writeString(v1.resolve("V1__accounts.sql"), "create table accounts (id int primary key, name text, email text)");
        RunResult stepChanged = run("step", base);
        RunResult profileChanged = run("profile", base.with("profile", profile(800).toString()));
        RunResult scaleChanged = run("scale", base.with("scale", "0.1"));

        assertThat(seedRuns()).containsExactly("base", "seed changed", "base", "base", "base");
        assertThat(same.baseline().reused()).isTrue();
        assertThat(List.of(seedChanged, stepChanged, profileChanged, scaleChanged))
                .allSatisfy(r -> assertThat(r.baseline().reused()).as(r.name()).isFalse())
                .extracting(r -> r.baseline().template()).doesNotHaveDuplicates().doesNotContain(r0.baseline().template());
        assertThat(rows("scale", scaleChanged)).as("rows generated at scale 0.1 of the profile's 400").isEqualTo(40);
    }

    @Test
    void should_leave_no_template_behind_when_the_seed_fails() throws Exception {
        Settings s = settings(migrations("create table accounts (id int primary key, name text)"), failingSeed(), null);
        setSwitch(true);
        List<String> before = databases();

        assertThatThrownBy(() -> run("failing", s)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("told to fail");
        assertThat(databases()).as("databases after the failed seed").containsExactlyInAnyOrderElementsOf(before);

        setSwitch(false);
        RunResult next = run("next", s);

        assertThat(seedRuns()).as("the same inputs seed again: nothing half-seeded was kept").containsExactly("failing", "failing");
        assertThat(next.baseline().reused()).isFalse();
    }

    @Test
    void should_prepare_once_for_runs_with_the_same_inputs_at_the_same_time() throws Exception {
        Settings s = settings(migrations("create table accounts (id int primary key, name text)"), seed("concurrent"), null);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<RunResult>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String name = "concurrent" + i;
                runs.add(pool.submit(() -> run(name, s)));
            }
            List<RunResult> results = new ArrayList<>();
            for (Future<RunResult> f : runs) {
                results.add(f.get(3, TimeUnit.MINUTES));
            }

            assertThat(seedRuns()).containsExactly("concurrent");
            assertThat(results).extracting(r -> r.baseline().reused()).containsExactlyInAnyOrder(false, true, true);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void should_apply_the_baseline_in_every_run_with_seed_cache_off() throws Exception {
        Settings s = settings(migrations("create table accounts (id int primary key, name text)"), seed("off"), null)
                .with("seedCache", "false");

        RunResult first = run("off1", s);
        RunResult second = run("off2", s);

        assertThat(seedRuns()).containsExactly("off", "off");
        assertThat(List.of(first.baseline(), second.baseline())).allSatisfy(b -> {
            assertThat(b.reused()).isFalse();
            assertThat(b.template()).isNull();
        });
    }

    @Test
    void should_keep_no_template_when_the_seed_reads_a_file() throws Exception {
        Path seed = Files.writeString(dir.resolve("file.sql"), Files.readString(seed("file"))
                + "create table server_version as select pg_read_file('PG_VERSION') as v;\n");
        Settings s = settings(migrations("create table accounts (id int primary key, name text)"), seed, null);

        RunResult first = run("file1", s);
        RunResult second = run("file2", s);

        assertThat(seedRuns()).as("what the file holds is not in the key: the seed runs every time").containsExactly("file", "file");
        assertThat(List.of(first.baseline(), second.baseline())).allSatisfy(b -> assertThat(b.template()).isNull());
    }

    private RunResult run(String name, Settings s) {
        return CompatibilityRun.of(name, Rollout.startWith("v1", new SyntheticTraffic()).migrate("V2"))
                .settings(s).writeReports(false).run(17).result();
    }

    private Settings settings(Path migrations, Path seed, Path profile) {
        Map<String, String> m = new HashMap<>(Map.of("migrations", "filesystem:" + migrations, "seed", seed.toString(),
                "soak", "100ms", "clients", "1", "rate", "50"));
        if (profile != null) {
            m.put("profile", profile.toString());
        }
        return Settings.defaults().with(m);
    }

    private Path migrations(String v1) throws IOException {
        Path m = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(m.resolve("V1__accounts.sql"), v1);
        Files.writeString(m.resolve("V2__index.sql"), "create index concurrently accounts_name on accounts (name);");
        return m;
    }

    /** A seed that records {@code label} in the witness database each time it runs. */
    private Path seed(String label) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "seed", ".sql"), "create extension if not exists dblink;\n"
                + "select dblink_exec('" + witnessConnection + "', 'insert into seeded (label) values (''" + label + "'')');\n"
                + "insert into accounts values (-1, 'from the seed');\n");
    }

    /** A seed that records itself, then fails while the witness's switch says so. */
    private Path failingSeed() throws IOException {
        return Files.writeString(dir.resolve("failing.sql"), "create extension if not exists dblink;\n"
                + "select dblink_exec('" + witnessConnection + "', 'insert into seeded (label) values (''failing'')');\n"
                + "insert into accounts values (-1, 'from the seed');\n"
                + "do $$ begin if (select fail from dblink('" + witnessConnection.replace("'", "''")
                + "', 'select fail from switch') as t(fail boolean)) then raise exception 'told to fail'; end if; end $$;\n");
    }

    private Path profile(long rows) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "profile", ".json"), """
                {"profileVersion": 1, "serverVersion": "17.6", "tables": [
                  {"schema": "public", "name": "accounts", "rows": %d, "rowsSource": "reltuples", "totalBytes": 1,
                   "columns": [{"name": "name", "type": "text", "notNull": false, "nullFrac": 0, "nDistinct": -0.5, "avgWidth": 30}]}]}
                """.formatted(rows));
    }

    private List<String> seedRuns() throws SQLException {
        List<String> labels = new ArrayList<>();
        try (Connection c = witness.connect("test"); ResultSet rs = c.createStatement().executeQuery("select label from seeded order by id")) {
            while (rs.next()) {
                labels.add(rs.getString(1));
            }
        }
        return labels;
    }

    private void setSwitch(boolean fail) throws SQLException {
        try (Connection c = witness.connect("test"); Statement s = c.createStatement()) {
            s.execute("update switch set fail = " + fail);
        }
    }

    private List<String> databases() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = witness.connect("test");
             ResultSet rs = c.createStatement().executeQuery("select datname from pg_database where datname like 'zd\\_seed%'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private boolean templateExists(String name) throws SQLException {
        try (Connection c = witness.connect("test"); ResultSet rs = c.createStatement().executeQuery(
                "select datistemplate and not datallowconn from pg_database where datname = '" + name + "'")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** Rows of accounts in a copy of the run's template: the generated ones (the seed adds one, id -1). */
    private long rows(String label, RunResult r) throws SQLException {
        try (Database copy = Postgres.embedded(17).cloneDatabase(new Database(r.baseline().template(), null, null, null, 17, () -> { }), label);
             Connection c = copy.connect("test"); ResultSet rs = c.createStatement().executeQuery("select count(*) from accounts where id >= 0")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
