package dev.zerodown.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.Timeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepExecutorTest {
    private static final String BASELINE = """
            create table t (id bigint primary key, v int);
            insert into t select g, g from generate_series(1, 2000) g;
            """;

    @TempDir
    Path dir;
    private Database db;

    @BeforeEach
    void createDatabase() {
        db = Postgres.embedded(17).createDatabase("step_executor");
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private StepExecutor executor(TraceSettings settings) {
        StepExecutor e = new StepExecutor(db, settings, (dev.zerodown.locks.LockMonitor) null);
        e.applyUntraced(Steps.of(dir, "V1__baseline.sql", BASELINE));
        return e;
    }

    @Test
    void should_reject_a_failing_baseline_naming_file_line_and_sqlstate() {
        StepExecutor e = executor(TraceSettings.defaults());

        assertThatThrownBy(() -> e.applyUntraced(Steps.of(dir, "V2__broken.sql", "select 1;\n\ncreate table t (id int);\n")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("V2__broken.sql:3: statement failed with SQLState 42P07: relation \"t\" already exists;"
                        + " fix the migration (the baseline must apply cleanly)");
    }

    @Test
    void should_reject_a_mixed_baseline_naming_the_non_transactional_statement() {
        StepExecutor e = executor(TraceSettings.defaults());

        assertThatThrownBy(() -> e.applyUntraced(Steps.of(dir, "V2__mixed.sql",
                "alter table t add column w int;\ncreate index concurrently t_v on t (v);\n")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("V2__mixed.sql:2: mixes a statement that cannot run inside a transaction (line 2: create index"
                        + " concurrently t_v on t (v)) with statements that run in one, and Flyway refuses such a script: move the"
                        + " non-transactional statement into a migration of its own, or set mixed=true to run every statement of"
                        + " the script in autocommit");
    }

    @Test
    void should_cancel_a_step_still_running_after_the_step_timeout() {
        StepExecutor e = executor(TraceSettings.defaults().withStepTimeout(Duration.ofMillis(500)));

        StepTrace trace = e.execute(Steps.of(dir, "V2__slow.sql", "alter table t add column w int;\nselect pg_sleep(30);\n"));

        assertThat(trace.failed()).isTrue();
        assertThat(trace.durationMs()).isLessThan(10_000);
        Hazard failed = Steps.hazards(trace, HazardId.MIGRATION_FAILED).get(0);
        assertThat(failed.line()).isEqualTo(2);
        assertThat(failed.message()).contains("step timeout (500ms)");
        assertThat(columnExists("w")).as("the step's transaction was rolled back").isFalse();
    }

    @Test
    void should_report_lock_queue_with_the_blocking_chain_when_the_step_timeout_ends_a_lock_wait() throws Exception {
        StepExecutor e = executor(TraceSettings.defaults().withStepTimeout(Duration.ofMillis(800)));
        try (Connection app = db.connect("zd-app:v1")) {
            app.setAutoCommit(false);
            app.createStatement().execute("select count(*) from t");

            StepTrace trace = e.execute(Steps.of(dir, "V2__add.sql", "alter table t add column w int;\n"));

            assertThat(trace.failed()).isTrue();
            assertThat(Steps.hazards(trace)).extracting(Hazard::id)
                    .containsExactlyInAnyOrder(HazardId.LOCK_QUEUE, HazardId.MISSING_LOCK_TIMEOUT);
            Hazard queue = Steps.hazards(trace, HazardId.LOCK_QUEUE).get(0);
            assertThat(queue.relation()).isEqualTo("public.t");
            assertThat(queue.evidence()).contains("waiting for AccessExclusiveLock on public.t", "zd-app:v1",
                    "idle in transaction", "select count(*) from t");
        }
    }

    @Test
    void should_report_a_cancelled_concurrent_build_as_a_timeout_and_its_invalid_index() throws Exception {
        StepExecutor e = executor(TraceSettings.defaults().withStepTimeout(Duration.ofMillis(800)));
        try (Connection app = db.connect("zd-app:v1")) {
            app.setAutoCommit(false);
            app.createStatement().execute("update t set v = v where id = 1");

            StepTrace trace = e.execute(Steps.of(dir, "V2__index.sql", "create index concurrently t_v on t (v);\n"));

            assertThat(trace.failed()).isTrue();
            assertThat(Steps.hazards(trace)).extracting(Hazard::id, Hazard::relation).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(HazardId.MIGRATION_FAILED, null),
                    org.assertj.core.groups.Tuple.tuple(HazardId.INVALID_INDEX, "public.t_v"));
            assertThat(Steps.hazards(trace).get(0).evidence()).contains("step timed out after 800ms", "virtualxid", "zd-app:v1");
        }
    }

    @Test
    void should_retry_after_a_lock_timeout_and_record_the_failed_attempts() throws Exception {
        StepExecutor e = executor(TraceSettings.defaults().withLockTimeout(Duration.ofMillis(100), 8));
        try (Connection app = db.connect("zd-app:v1")) {
            app.setAutoCommit(false);
            app.createStatement().execute("select count(*) from t");
            CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(400);
                    app.rollback();
                } catch (InterruptedException | SQLException ex) {
                    throw new IllegalStateException(ex);
                }
            });

            StepTrace trace = e.execute(Steps.of(dir, "V2__add.sql", "alter table t add column w int;\n"));
            release.get(10, TimeUnit.SECONDS);

            assertThat(trace.failed()).isFalse();
            assertThat(trace.statements()).hasSizeGreaterThan(1);
            assertThat(trace.statements().get(0).error()).startsWith("55P03").endsWith("(attempt failed, retried)");
            assertThat(trace.statements().get(trace.statements().size() - 1).error()).isNull();
            assertThat(Steps.hazards(trace)).extracting(Hazard::id).containsExactly(HazardId.STRONG_LOCK);
            assertThat(columnExists("w")).isTrue();
        }
    }

    @Test
    void should_apply_the_configured_lock_timeout_to_the_migration_connection() {
        StepExecutor e = executor(TraceSettings.defaults().withLockTimeout(Duration.ofMillis(1500), 0));

        StepTrace trace = e.execute(Steps.of(dir, "V2__add.sql", "alter table t add column w int;\n"));

        assertThat(Steps.hazards(trace)).extracting(Hazard::id).containsExactly(HazardId.STRONG_LOCK);
        assertThat(Steps.hazards(trace).get(0).evidence()).contains("lock_timeout 1500 ms");
    }

    @Test
    void should_roll_back_a_failed_transactional_step_and_report_no_catalog_change() {
        StepExecutor e = executor(TraceSettings.defaults());

        StepTrace trace = e.execute(Steps.of(dir, "V2__fail.sql",
                "alter table t rename column v to w;\nalter table t add constraint t_w_check check (w < 0);\n"));

        assertThat(trace.failed()).isTrue();
        assertThat(trace.diff().isEmpty()).isTrue();
        assertThat(columnExists("v")).isTrue();
        Hazard failed = Steps.hazards(trace, HazardId.MIGRATION_FAILED).get(0);
        assertThat(failed.where()).isEqualTo("V2__fail.sql:2");
        assertThat(failed.message()).contains("SQLState 23514", "existing rows violate the CHECK constraint");
    }

    @Test
    void should_keep_the_committed_statements_of_a_failed_autocommit_step() {
        StepExecutor e = executor(TraceSettings.defaults());

        StepTrace trace = e.execute(Steps.of(dir, "V2__fail.sql",
                "alter table t rename column v to w;\nalter table t add constraint t_w_check check (w < 0);\n",
                "executeInTransaction=false\n"));

        assertThat(trace.failed()).isTrue();
        assertThat(trace.diff().changes()).extracting(CatalogDiff.Change::describe)
                .containsExactly("column public.t.v renamed to w");
        assertThat(trace.diff().changes().get(0).line()).isEqualTo(1);
        assertThat(columnExists("w")).isTrue();
    }

    @Test
    void should_report_a_commit_that_fails_on_a_deferred_constraint() {
        StepExecutor e = executor(TraceSettings.defaults());
        e.applyUntraced(Steps.of(dir, "V2__deferred.sql",
                "create table child (t_id bigint references t (id) deferrable initially deferred);\n"));

        StepTrace trace = e.execute(Steps.of(dir, "V3__orphan.sql", "insert into child values (999999);\n"));

        assertThat(trace.failed()).isTrue();
        assertThat(Steps.hazards(trace, HazardId.MIGRATION_FAILED).get(0).evidence()).startsWith("COMMIT failed: 23503");
    }

    @Test
    void should_run_a_procedure_that_commits_in_an_autocommit_step() {
        StepExecutor e = executor(TraceSettings.defaults());
        e.applyUntraced(Steps.of(dir, "V2__proc.sql", """
                create procedure bump() language plpgsql as $$
                begin
                    update t set v = v + 1 where id <= 1000;
                    commit;
                    update t set v = v + 1 where id > 1000;
                    commit;
                end;
                $$;
                """));

        StepTrace trace = e.execute(Steps.of(dir, "V3__call.sql", "call bump();\n", "executeInTransaction=false\n"));

        assertThat(trace.failed()).as("%s", trace.statements()).isFalse();
    }

    @Test
    void should_attribute_each_lock_hold_to_the_statement_that_took_it() {
        StepExecutor e = executor(TraceSettings.defaults());

        StepTrace trace = e.execute(Steps.of(dir, "V2__two.sql", "update t set v = v where id = 1;\n\nalter table t add column w int;\n"));

        assertThat(trace.holds()).extracting(Timeline.LockHold::relation, Timeline.LockHold::mode, Timeline.LockHold::line)
                .contains(org.assertj.core.groups.Tuple.tuple("public.t", "RowExclusiveLock", 1),
                        org.assertj.core.groups.Tuple.tuple("public.t", "AccessExclusiveLock", 3));
        assertThat(trace.holds()).allSatisfy(h -> {
            assertThat(h.file()).isEqualTo("V2__two.sql");
            assertThat(h.endMs()).isGreaterThanOrEqualTo(h.startMs());
        });
    }

    @Test
    void should_leave_no_connection_open() throws Exception {
        StepExecutor e = executor(TraceSettings.defaults().withStepTimeout(Duration.ofMillis(300)));
        e.execute(Steps.of(dir, "V2__add.sql", "alter table t add column w int;\n"));
        e.execute(Steps.of(dir, "V3__slow.sql", "select pg_sleep(5);\n"));

        org.awaitility.Awaitility.await("zerodown sessions gone").atMost(Duration.ofSeconds(5)).until(() -> {
            try (Connection c = db.connect("check"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity where application_name like 'zerodown-%'")) {
                rs.next();
                return rs.getInt(1) == 0;
            }
        });
    }

    private boolean columnExists(String column) {
        try (Connection c = db.connect("check"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from information_schema.columns where table_name = 't' and column_name = '"
                     + column + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
