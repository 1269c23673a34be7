package dev.zerodown.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
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
import dev.zerodown.migrations.Callbacks;
import dev.zerodown.migrations.MigrationLoader;
import dev.zerodown.migrations.MigrationsFormat;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code beforeEachMigrate} and {@code afterEachMigrate} run as Flyway runs them: on the step's connection, in its
 * transaction. What they set holds for the step's statements; what they do is rolled back with the step.
 */
class EachMigrateCallbacksTest {
    private static final String BASELINE = """
            create table t (id bigint primary key, v int);
            create table log (what text not null);
            """;

    @TempDir
    Path dir;
    private Database db;

    @BeforeEach
    void createDatabase() {
        db = Postgres.embedded(17).createDatabase("each_migrate");
        new StepExecutor(db, TraceSettings.defaults(), (dev.zerodown.locks.LockMonitor) null)
                .applyUntraced(Steps.of(dir, "V1__baseline.sql", BASELINE));
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    @Test
    void should_hold_a_lock_timeout_set_in_beforeEachMigrate_for_the_steps_statements() throws IOException {
        StepExecutor without = new StepExecutor(db, TraceSettings.defaults(), (dev.zerodown.locks.LockMonitor) null);
        StepExecutor with = new StepExecutor(db, TraceSettings.defaults(), (dev.zerodown.locks.LockMonitor) null,
                callbacks("beforeEachMigrate.sql", "set lock_timeout = '2s';\n"));

        StepTrace plain = without.execute(Steps.of(dir, "V2__add_w.sql", "alter table t add column w int;\n"));
        StepTrace guarded = with.execute(Steps.of(dir, "V3__add_x.sql", "alter table t add column x int;\n"));

        assertThat(Steps.hazards(plain, HazardId.MISSING_LOCK_TIMEOUT)).as("the control: no lock_timeout").isNotEmpty();
        assertThat(Steps.hazards(guarded, HazardId.MISSING_LOCK_TIMEOUT)).isEmpty();
        assertThat(guarded.facts().records()).singleElement().extracting(StatementRecord::lockTimeoutMs).isEqualTo(2000L);
    }

    @Test
    void should_hold_it_for_a_step_without_a_transaction_too() throws IOException {
        StepExecutor with = new StepExecutor(db, TraceSettings.defaults(), (dev.zerodown.locks.LockMonitor) null,
                callbacks("beforeEachMigrate.sql", "set lock_timeout = '3s';\n"));

        StepTrace trace = with.execute(Steps.of(dir, "V2__index.sql", "create index concurrently t_v on t (v);\n"));

        assertThat(trace.failed()).isFalse();
        assertThat(trace.facts().records()).singleElement().extracting(StatementRecord::lockTimeoutMs).isEqualTo(3000L);
    }

    @Test
    void should_run_afterEachMigrate_in_the_steps_transaction_after_its_statements() throws Exception {
        StepExecutor with = new StepExecutor(db, TraceSettings.defaults(), (dev.zerodown.locks.LockMonitor) null,
                callbacks("afterEachMigrate.sql", "insert into log select 'w is ' || count(*) from information_schema.columns"
                        + " where table_name = 't' and column_name = 'w';\n"));

        StepTrace ok = with.execute(Steps.of(dir, "V2__add_w.sql", "alter table t add column w int;\n"));
        StepTrace failed = with.execute(Steps.of(dir, "V3__broken.sql", "alter table t add column y int;\nselect 1/0;\n"));

        assertThat(ok.failed()).isFalse();
        assertThat(failed.failed()).isTrue();
        assertThat(query("select string_agg(what, ',') from log")).as("after the step's statements; not after a failed step")
                .isEqualTo("w is 1");
        assertThat(ok.facts().records()).as("applied, not traced as statements of the step").hasSize(1);
    }

    @Test
    void should_stop_at_a_failing_callback_naming_its_file_and_line_and_roll_the_step_back() throws Exception {
        StepExecutor with = new StepExecutor(db, TraceSettings.defaults(), (dev.zerodown.locks.LockMonitor) null,
                callbacks("afterEachMigrate__grants.sql", "select 1;\ngrant select on t to nobody_here;\n"));
        Path script = dir.resolve("callbacks/afterEachMigrate__grants.sql");

        assertThatThrownBy(() -> with.execute(Steps.of(dir, "V2__add_w.sql", "alter table t add column w int;\n")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(script + ":2 (afterEachMigrate callback of V2__add_w.sql): statement failed with SQLState"
                        + " 42704: role \"nobody_here\" does not exist; fix the callback (Flyway stops the migrate there too,"
                        + " and rolls the step back when it runs in a transaction)");
        assertThat(query("select count(*) from information_schema.columns where table_name = 't' and column_name = 'w'"))
                .isEqualTo("0");
    }

    @Test
    void should_run_them_around_a_baseline_step_in_its_transaction() throws Exception {
        StepExecutor with = new StepExecutor(db, TraceSettings.defaults(), (dev.zerodown.locks.LockMonitor) null,
                callbacks("beforeEachMigrate.sql", "insert into log values ('before');\n",
                        "afterEachMigrate.sql", "insert into log values ('after ' || current_setting('zd.step'));\n"));

        with.applyUntraced(Steps.of(dir, "V2__set.sql", "select set_config('zd.step', 'V2', true);\n"));

        assertThat(query("select string_agg(what, ',') from log")).isEqualTo("before,after V2");
    }

    private Callbacks callbacks(String... namesAndScripts) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("callbacks"));
        Files.writeString(folder.resolve("V0__placeholder.sql"), "select 1;\n");
        for (int i = 0; i < namesAndScripts.length; i += 2) {
            Files.writeString(folder.resolve(namesAndScripts[i]), namesAndScripts[i + 1]);
        }
        return new MigrationLoader().read(MigrationsFormat.FLYWAY, List.of("filesystem:" + folder), Map.of(), null)
                .callbacks();
    }

    private String query(String sql) throws SQLException {
        try (Connection c = db.connect("check"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
