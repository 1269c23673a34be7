package dev.zerodown.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.locks.LockMonitor;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A script with its own {@code BEGIN … COMMIT} under {@code executeInTransaction=false}: Flyway sends it
 * statement by statement in autocommit on one connection, so the block is one transaction on the server
 * and its {@code SET LOCAL} holds until the {@code COMMIT}. The tracer must leave that as it is: the
 * same script run by Flyway itself and traced by Zerodown leaves the same rows, written by the same
 * transactions under the same settings.
 */
class ScriptTransactionTest {
    private static final String BASELINE = """
            create table t (id bigint primary key, v int);
            insert into t select g, g from generate_series(1, 2000) g;
            create table seen (n serial primary key, lock_timeout text, xid bigint);
            """;
    private static final String SCRIPT = """
            set lock_timeout = '4s';
            insert into seen (lock_timeout, xid) select current_setting('lock_timeout'), txid_current();
            begin;
            set local lock_timeout = '1234ms';
            insert into seen (lock_timeout, xid) select current_setting('lock_timeout'), txid_current();
            alter table t add column w int;
            insert into seen (lock_timeout, xid) select current_setting('lock_timeout'), txid_current();
            commit;
            insert into seen (lock_timeout, xid) select current_setting('lock_timeout'), txid_current();
            """;
    private static final String NO_TRANSACTION = "executeInTransaction=false\n";

    @TempDir
    Path dir;
    private final List<Database> dbs = new ArrayList<>();

    @BeforeEach
    void folder() throws Exception {
        Files.writeString(dir.resolve("V1__baseline.sql"), BASELINE, StandardCharsets.UTF_8);
    }

    @AfterEach
    void drop() {
        dbs.forEach(Database::close);
    }

    @Test
    void should_run_a_scripts_own_transaction_as_flyway_does() throws Exception {
        Files.writeString(dir.resolve("V2__own_transaction.sql"), SCRIPT, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("V2__own_transaction.sql.conf"), NO_TRANSACTION, StandardCharsets.UTF_8);

        List<String> byFlyway = seen(flyway());
        List<String> byZerodown = seen(traced(trace -> assertThat(trace.failed()).isFalse()));

        assertThat(byFlyway).containsExactly("4s tx1", "1234ms tx2", "1234ms tx2", "4s tx3");
        assertThat(byZerodown).isEqualTo(byFlyway);
    }

    @Test
    void should_judge_the_block_as_one_transaction_that_held_its_lock_across_statements() throws Exception {
        Files.writeString(dir.resolve("V2__own_transaction.sql"), SCRIPT, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("V2__own_transaction.sql.conf"), NO_TRANSACTION, StandardCharsets.UTF_8);

        traced(trace -> {
            StatementRecord alter = trace.facts().records().stream()
                    .filter(r -> r.statement().sql().startsWith("alter table")).findFirst().orElseThrow();
            assertThat(alter.inBlock()).isTrue();
            assertThat(alter.lockTimeoutMs()).as("SET LOCAL of the block in effect").isEqualTo(1234);
            assertThat(Steps.hazards(trace, HazardId.MISSING_LOCK_TIMEOUT)).isEmpty();
            assertThat(Steps.hazards(trace, HazardId.LOCK_HELD_ACROSS_STATEMENTS)).isNotEmpty();
        });
    }

    @Test
    void should_fail_the_step_when_the_block_fails_and_leave_nothing_of_it() throws Exception {
        Files.writeString(dir.resolve("V2__own_transaction.sql"), """
                begin;
                insert into seen (lock_timeout, xid) select current_setting('lock_timeout'), txid_current();
                alter table t add column v int;
                commit;
                """, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("V2__own_transaction.sql.conf"), NO_TRANSACTION, StandardCharsets.UTF_8);

        Database db = traced(trace -> {
            assertThat(trace.failed()).isTrue();
            assertThat(Steps.hazards(trace, HazardId.MIGRATION_FAILED)).singleElement()
                    .satisfies(h -> assertThat(h.message()).contains("V2__own_transaction.sql:3 failed with SQLState 42701"));
        });
        assertThat(seen(db)).as("the block's insert was rolled back with it").isEmpty();
    }

    @Test
    void should_commit_a_transaction_the_script_leaves_open_at_its_end_as_flyway_does() throws Exception {
        Files.writeString(dir.resolve("V2__open.sql"), """
                begin;
                set local lock_timeout = '1234ms';
                insert into seen (lock_timeout, xid) select current_setting('lock_timeout'), txid_current();
                insert into seen (lock_timeout, xid) select current_setting('lock_timeout'), txid_current();
                """, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("V2__open.sql.conf"), NO_TRANSACTION, StandardCharsets.UTF_8);

        List<String> byFlyway = seen(flyway());
        List<String> byZerodown = seen(traced(trace -> assertThat(trace.failed()).isFalse()));

        assertThat(byFlyway).containsExactly("1234ms tx1", "1234ms tx1");
        assertThat(byZerodown).isEqualTo(byFlyway);
    }

    @Test
    void should_retry_the_whole_block_from_its_begin_after_a_lock_timeout() throws Exception {
        Files.writeString(dir.resolve("V2__own_transaction.sql"), """
                begin;
                insert into seen (lock_timeout, xid) select current_setting('lock_timeout'), txid_current();
                alter table t add column w int;
                commit;
                """, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("V2__own_transaction.sql.conf"), NO_TRANSACTION, StandardCharsets.UTF_8);
        AtomicReference<CompletableFuture<Void>> released =
                new AtomicReference<>();

        Database db = traced(TraceSettings.defaults().withLockTimeout(Duration.ofMillis(100), 8),
                d -> released.set(holdAccessShareOnT(d, 400)), trace -> {
                    assertThat(trace.failed()).isFalse();
                    assertThat(trace.statements()).filteredOn(st -> st.error() != null)
                            .isNotEmpty().allSatisfy(st -> assertThat(st.error()).startsWith("55P03"));
                    assertThat(trace.facts().records()).extracting(r -> r.statement().line()).containsExactly(2, 3);
                });
        released.get().get(10, TimeUnit.SECONDS);

        assertThat(seen(db)).as("each failed attempt's insert rolled back with its block").hasSize(1);
    }

    /** A report query holding ACCESS SHARE on t for {@code ms}, from another connection. */
    private static CompletableFuture<Void> holdAccessShareOnT(Database db, long ms) {
        CountDownLatch holding = new CountDownLatch(1);
        CompletableFuture<Void> f = CompletableFuture.runAsync(() -> {
            try (Connection app = db.connect("zd-app:v1")) {
                app.setAutoCommit(false);
                app.createStatement().execute("select count(*) from t");
                holding.countDown();
                Thread.sleep(ms);
                app.rollback();
            } catch (InterruptedException | SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return f;
    }

    @Test
    void should_apply_a_baseline_script_with_its_own_transactions_as_flyway_does() throws Exception {
        Files.writeString(dir.resolve("V2__open.sql"), SCRIPT + "begin;\n" + SCRIPT.lines().skip(1).findFirst().orElseThrow()
                + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("V2__open.sql.conf"), NO_TRANSACTION, StandardCharsets.UTF_8);

        List<String> byFlyway = seen(flyway());
        Database db = newDatabase("untraced");
        StepExecutor e = new StepExecutor(db, TraceSettings.defaults(), (LockMonitor) null);
        Steps.load(dir).forEach(e::applyUntraced);

        assertThat(byFlyway).containsExactly("4s tx1", "1234ms tx2", "1234ms tx2", "4s tx3", "4s tx4");
        assertThat(seen(db)).isEqualTo(byFlyway);
    }

    private Database flyway() {
        Database db = newDatabase("by_flyway");
        Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).locations("filesystem:" + dir).load().migrate();
        return db;
    }

    private Database traced(Consumer<StepTrace> check) {
        return traced(TraceSettings.defaults(), null, check);
    }

    /** Traces V2 after V1; {@code meanwhile}, if given, runs on the database once V1 is applied. */
    private Database traced(TraceSettings settings, Consumer<Database> meanwhile,
                            Consumer<StepTrace> check) {
        Database db = newDatabase("by_zerodown");
        List<MigrationStep> steps = Steps.load(dir);
        StepExecutor e = new StepExecutor(db, settings, (LockMonitor) null);
        e.applyUntraced(steps.get(0));
        if (meanwhile != null) {
            meanwhile.accept(db);
        }
        check.accept(e.execute(steps.get(1)));
        return db;
    }

    private Database newDatabase(String label) {
        Database db = Postgres.embedded(17).createDatabase(label);
        dbs.add(db);
        return db;
    }

    /** Each row as its lock_timeout and its transaction, numbered in order of first appearance (tx1, tx2 …). */
    private static List<String> seen(Database db) throws SQLException {
        List<String> out = new ArrayList<>();
        List<Long> xids = new ArrayList<>();
        try (Connection c = db.connect("test"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select lock_timeout, xid from seen order by n")) {
            while (rs.next()) {
                long xid = rs.getLong(2);
                if (!xids.contains(xid)) {
                    xids.add(xid);
                }
                out.add(rs.getString(1) + " tx" + (xids.indexOf(xid) + 1));
            }
        }
        return out;
    }
}
