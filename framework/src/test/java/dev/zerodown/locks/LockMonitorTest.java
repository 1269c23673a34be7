package dev.zerodown.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import dev.zerodown.locks.LockScenario.Session;
import dev.zerodown.locks.LockScenario.Timed;
import dev.zerodown.result.Timeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LockMonitorTest {
    private static final Duration INTERVAL = Duration.ofMillis(5);
    /** Slack on top of the sampler's own gaps: ten intervals, so that a busy machine cannot fail a test. */
    private static final double SLACK_MS = 50;
    private static final String SELECT = "select count(*) from items";

    private LockScenario scenario;
    private LockMonitor monitor;

    @BeforeEach
    void start() throws Exception {
        scenario = new LockScenario("lock_monitor");
        monitor = LockMonitor.start(scenario.db, INTERVAL, scenario.originNanos);
    }

    @AfterEach
    void stop() {
        if (monitor != null) {
            monitor.close();
        }
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    void should_attribute_app_waits_to_the_migration_holding_an_access_exclusive_lock() throws Exception {
        // given the migration holds ACCESS EXCLUSIVE on items
        Session migration = scenario.openInTransaction("zd-migration");
        monitor.migrationPid(migration.pid());
        migration.run("lock table items in access exclusive mode");
        Session app1 = scenario.open("zd-app:v1");
        Session app2 = scenario.open("zd-app:v1");

        // when two v1 clients read the table for about 300 ms
        Future<Timed> read1 = scenario.submit(app1, SELECT);
        Future<Timed> read2 = scenario.submit(app2, SELECT);
        scenario.awaitWaiting(app1.pid());
        scenario.awaitWaiting(app2.pid());
        Thread.sleep(300);
        migration.commit();
        Timed client1 = read1.get(10, TimeUnit.SECONDS);
        Timed client2 = read2.get(10, TimeUnit.SECONDS);
        awaitSamples(3);

        // then each read is one wait on items, caused by the migration, as long as the client saw it
        for (var pair : List.of(new Object[] {app1, client1}, new Object[] {app2, client2})) {
            Session app = (Session) pair[0];
            Timed client = (Timed) pair[1];
            List<Timeline.LockWait> waits = waitsOf(app.pid());
            assertThat(waits).hasSize(1);
            Timeline.LockWait w = waits.get(0);
            assertThat(w.who()).isEqualTo("v1");
            assertThat(w.relation()).isEqualTo("public.items");
            assertThat(w.mode()).isEqualTo("AccessShareLock");
            assertThat(w.causedByMigration()).isTrue();
            assertThat(w.blockers()).contains(migration.pid());
            assertThat(w.query()).isEqualTo(SELECT);
            assertThat(client.ms()).isGreaterThan(250);
            assertCloseToClient(w, client);
        }
    }

    @Test
    void should_show_the_migrations_access_exclusive_hold_on_the_schema_qualified_table() throws Exception {
        // given
        Session migration = scenario.openInTransaction("zd-migration");
        monitor.migrationPid(migration.pid());
        long before = monitor.nowMs();

        // when the migration holds ACCESS EXCLUSIVE for about 100 ms
        migration.run("lock table items in access exclusive mode");
        Thread.sleep(100);
        migration.commit();
        long after = monitor.nowMs();
        awaitSamples(3);

        // then
        List<Timeline.LockHold> holds = monitor.holds(migration.pid(), 0, monitor.nowMs());
        assertThat(holds).filteredOn(h -> h.relation().equals("public.items") && h.mode().equals("AccessExclusiveLock"))
                .singleElement()
                .satisfies(h -> {
                    assertThat(h.startMs()).isGreaterThanOrEqualTo(before);
                    assertThat(h.endMs()).isLessThanOrEqualTo(after);
                    assertThat(h.endMs() - h.startMs()).isGreaterThan(50);
                    assertThat(h.file()).isNull();
                    assertThat(h.line()).isZero();
                });
        assertThat(monitor.holds(migration.pid() + 100_000, 0, monitor.nowMs())).isEmpty();
    }

    @Test
    void should_report_a_hold_still_held_until_the_end_of_the_window() throws Exception {
        // given the migration holds ACCESS EXCLUSIVE and has not committed
        Session migration = scenario.openInTransaction("zd-migration");
        monitor.migrationPid(migration.pid());
        migration.run("lock table items in access exclusive mode");
        awaitSamples(3);

        // when asking for a window that ends now, and for one that ends before the last sample
        long to = monitor.nowMs();
        List<Timeline.LockHold> holds = monitor.holds(migration.pid(), 0, to);
        long start = holds.isEmpty() ? 0 : holds.get(0).startMs();
        awaitSamples(2);
        List<Timeline.LockHold> earlier = monitor.holds(migration.pid(), 0, to);

        // then both end at the end of the window
        assertThat(holds).filteredOn(h -> h.relation().equals("public.items"))
                .singleElement()
                .satisfies(h -> assertThat(h.endMs()).isEqualTo(to));
        assertThat(earlier).filteredOn(h -> h.relation().equals("public.items"))
                .singleElement()
                .satisfies(h -> assertThat(h.startMs()).isEqualTo(start))
                .satisfies(h -> assertThat(h.endMs()).isEqualTo(to));
        migration.commit();
    }

    @Test
    void should_name_a_table_renamed_by_an_earlier_step_by_its_new_name() throws Exception {
        // given step 1 renamed items while the monitor watched it
        Session step1 = scenario.openInTransaction("zd-migration");
        monitor.migrationPid(step1.pid());
        step1.run("alter table items rename to goods");
        awaitSamples(3);
        assertThat(monitor.holds(step1.pid(), 0, monitor.nowMs())).extracting(Timeline.LockHold::relation).contains("public.items");
        step1.commit();

        // when step 2 locks the renamed table
        Session step2 = scenario.openInTransaction("zd-migration");
        monitor.migrationPid(step2.pid());
        step2.run("lock table goods in access exclusive mode");
        awaitSamples(3);

        // then
        assertThat(monitor.holds(step2.pid(), 0, monitor.nowMs())).extracting(Timeline.LockHold::relation)
                .containsExactly("public.goods");
        step2.commit();
    }

    @Test
    void should_attribute_an_app_wait_to_the_migration_through_the_lock_queue() throws Exception {
        // given a long transaction reading items (ACCESS SHARE held)
        Session reader = scenario.openInTransaction("long-report");
        reader.run(SELECT);
        // and the migration's ALTER TABLE queued behind it
        Session migration = scenario.open("zd-migration");
        monitor.migrationPid(migration.pid());
        Future<Timed> alter = scenario.submit(migration, "alter table items add column note text");
        scenario.awaitWaiting(migration.pid());

        // when a v1 read arrives: it conflicts with nothing held, only with the queued ALTER
        Session app = scenario.open("zd-app:v1");
        Future<Timed> read = scenario.submit(app, SELECT);
        scenario.awaitWaiting(app.pid());
        Thread.sleep(100);
        reader.commit();
        Timed client = read.get(10, TimeUnit.SECONDS);
        alter.get(10, TimeUnit.SECONDS);
        awaitSamples(3);

        // then the migration waited on the reader, and the app waited on the migration
        Timeline.LockWait migrationWait = single(waitsOf(migration.pid()));
        assertThat(migrationWait.who()).isEqualTo("migration");
        assertThat(migrationWait.mode()).isEqualTo("AccessExclusiveLock");
        assertThat(migrationWait.blockers()).containsExactly(reader.pid());
        assertThat(migrationWait.causedByMigration()).isFalse();

        Timeline.LockWait appWait = single(waitsOf(app.pid()));
        assertThat(appWait.who()).isEqualTo("v1");
        assertThat(appWait.causedByMigration()).isTrue();
        assertThat(appWait.blockers()).containsExactly(migration.pid(), reader.pid());
        assertCloseToClient(appWait, client);
    }

    @Test
    void should_not_attribute_a_wait_to_the_migration_when_it_is_not_in_the_chain() throws Exception {
        // given the migration is an idle backend and another session locks items
        Session migration = scenario.open("zd-migration");
        monitor.migrationPid(migration.pid());
        Session other = scenario.openInTransaction("batch-job");
        other.run("lock table items in share mode");

        // when a v1 client writes to items
        Session app = scenario.open("zd-app:v1");
        Future<Timed> write = scenario.submit(app, "update items set v = 'x' where id = 1");
        scenario.awaitWaiting(app.pid());
        Thread.sleep(100);
        other.commit();
        write.get(10, TimeUnit.SECONDS);
        awaitSamples(3);

        // then
        Timeline.LockWait w = single(waitsOf(app.pid()));
        assertThat(w.causedByMigration()).isFalse();
        assertThat(w.blockers()).containsExactly(other.pid());
        assertThat(w.mode()).isEqualTo("RowExclusiveLock");
        assertThat(monitor.holds(migration.pid(), 0, monitor.nowMs())).isEmpty();
    }

    @Test
    void should_name_a_row_lock_wait_by_its_lock_type() throws Exception {
        // given the migration updates row 1 and has not committed
        Session migration = scenario.openInTransaction("zd-migration");
        monitor.migrationPid(migration.pid());
        migration.run("update items set v = 'backfilled' where id = 1");

        // when a v2 client updates the same row
        Session app = scenario.open("zd-app:v2");
        Future<Timed> write = scenario.submit(app, "update items set v = 'app' where id = 1");
        scenario.awaitWaiting(app.pid());
        Thread.sleep(50);
        migration.commit();
        write.get(10, TimeUnit.SECONDS);
        awaitSamples(3);

        // then
        Timeline.LockWait w = single(waitsOf(app.pid()));
        assertThat(w.who()).isEqualTo("v2");
        assertThat(w.relation()).isEqualTo("transactionid");
        assertThat(w.mode()).isEqualTo("ShareLock");
        assertThat(w.causedByMigration()).isTrue();
    }

    @Test
    void should_count_two_statements_waiting_in_turn_on_the_same_lock_as_two_waits() throws Exception {
        // given the migration holds ACCESS EXCLUSIVE on items
        Session migration = scenario.openInTransaction("zd-migration");
        monitor.migrationPid(migration.pid());
        migration.run("lock table items in access exclusive mode");
        Session app = scenario.open("zd-app:v1");
        app.run("set statement_timeout = '300ms'");

        // when a read times out and the client retries at once
        CountDownLatch firstTimedOut = new CountDownLatch(1);
        Future<Boolean> reads = scenario.submit(() -> {
            boolean timedOut = false;
            try {
                app.run(SELECT);
            } catch (SQLException e) {
                timedOut = "57014".equals(e.getSQLState());
            }
            firstTimedOut.countDown();
            app.run(SELECT);
            return timedOut;
        });
        assertThat(firstTimedOut.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(30);
        migration.commit();
        assertThat(reads.get(10, TimeUnit.SECONDS)).as("the first read timed out").isTrue();
        awaitSamples(3);

        // then
        assertThat(waitsOf(app.pid())).hasSize(2);
    }

    @Test
    void should_not_miss_waits_of_20_to_40_ms() throws Exception {
        int counted = 0;
        int starved = 0;
        for (int i = 0; i < 10 && counted < 5; i++) {
            // given
            Session holder = scenario.openInTransaction("zd-migration");
            monitor.migrationPid(holder.pid());
            holder.run("lock table items in access exclusive mode");
            Session app = scenario.open("zd-app:v1");

            // when the holder lets go about 30 ms after the read started
            long from = monitor.nowMs();
            Future<Timed> read = scenario.submit(app, SELECT);
            Thread.sleep(30);
            holder.commit();
            Timed client = read.get(10, TimeUnit.SECONDS);
            long to = monitor.nowMs();
            awaitSamples(2);

            // then: every such wait is seen, unless the sampler got no CPU for longer than the wait lasted (a machine
            // loaded far beyond its cores: the report says so with samplerMaxGapMs, and the server's log fills it)
            if (client.ms() >= 20 && monitor.maxGapMs(from, to) >= client.ms()) {
                starved++;
            } else if (client.ms() >= 20) {
                counted++;
                assertThat(waitsOf(app.pid())).as("wait %d of %.1f ms", i, client.ms()).hasSize(1);
            }
        }
        assertThat(counted).as("reads that waited 20 ms or more while the sampler ran (%d more while it was starved)",
                starved).isGreaterThanOrEqualTo(3);
    }

    @Test
    void should_stop_its_thread_and_release_its_connection_on_close() throws Exception {
        // given
        awaitSamples(2);
        assertThat(scenario.sessionsNamed(LockMonitor.APPLICATION_NAME)).isEqualTo(1);

        // when
        monitor.close();

        // then
        assertThat(monitor.sampling()).isFalse();
        long samples = monitor.sampleCount();
        await().atMost(Duration.ofSeconds(5)).until(() -> scenario.sessionsNamed(LockMonitor.APPLICATION_NAME) == 0);
        Thread.sleep(50);
        assertThat(monitor.sampleCount()).isEqualTo(samples);
        assertThatCode(monitor::close).doesNotThrowAnyException();
    }

    @Test
    void should_count_errors_without_throwing_when_the_database_disappears() throws Exception {
        // given a wait that was recorded
        Session holder = scenario.openInTransaction("zd-migration");
        monitor.migrationPid(holder.pid());
        holder.run("lock table items in access exclusive mode");
        Session app = scenario.open("zd-app:v1");
        Future<Timed> read = scenario.submit(app, SELECT);
        scenario.awaitWaiting(app.pid());
        awaitSamples(3);
        holder.commit();
        read.get(10, TimeUnit.SECONDS);
        awaitSamples(2);

        // when the database is dropped under the monitor
        scenario.db.close();

        // then
        await().atMost(Duration.ofSeconds(10)).until(() -> monitor.errorCount() >= 2);
        assertThat(monitor.lastError()).isPresent();
        assertThat(monitor.sampling()).isTrue();
        assertThat(waitsOf(app.pid())).hasSize(1);
        assertThatCode(() -> monitor.holds(holder.pid(), 0, monitor.nowMs())).doesNotThrowAnyException();
        assertThatCode(monitor::close).doesNotThrowAnyException();
        assertThat(monitor.sampling()).isFalse();
    }

    @Test
    void should_sample_at_about_its_interval() throws Exception {
        // when
        long from = monitor.sampleCount();
        Thread.sleep(500);
        long taken = monitor.sampleCount() - from;

        // then at 5 ms, 500 ms hold 100 samples; a busy machine may skip some, never most
        assertThat(taken).isBetween(30L, 101L);
        assertThat(monitor.errorCount()).isZero();
        assertThat(monitor.lastError()).isEmpty();
    }

    @Test
    void should_report_a_small_sampler_gap_over_a_window_with_a_blocking_wait() throws Exception {
        // given a window in which v1 waits about 200 ms on the migration's ACCESS EXCLUSIVE lock
        awaitSamples(2);
        long from = monitor.nowMs();
        Session migration = scenario.openInTransaction("zd-migration");
        monitor.migrationPid(migration.pid());
        migration.run("lock table items in access exclusive mode");
        Session app = scenario.open("zd-app:v1");
        Future<Timed> read = scenario.submit(app, SELECT);
        scenario.awaitWaiting(app.pid());
        Thread.sleep(200);
        migration.commit();
        read.get(10, TimeUnit.SECONDS);
        awaitSamples(2);
        long to = monitor.nowMs();

        // then the sampler kept up: its longest blind spell is a few intervals, never zero
        double gap = monitor.maxGapMs(from, to);
        System.out.printf("sampler max gap over a %d ms window with a blocking wait: %.2f ms%n", to - from, gap);
        assertThat(single(waitsOf(app.pid())).durationMs()).isGreaterThanOrEqualTo(150);
        assertThat(gap).isGreaterThan(0).isLessThanOrEqualTo(SLACK_MS).isLessThanOrEqualTo(monitor.maxGapMs() + 1);
    }

    @Test
    void should_report_a_sampler_pause_as_the_windows_gap() throws Exception {
        // given a sampler that keeps up
        awaitSamples(2);
        long before = monitor.nowMs();
        Thread.sleep(100);
        long from = monitor.nowMs();

        // when it takes no sample for 120 ms, as a sampler starved of CPU
        monitor.pauseFor(Duration.ofMillis(120));
        Thread.sleep(200);
        awaitSamples(2);
        long to = monitor.nowMs();

        // then the window that holds the pause sees it; the window before does not
        assertThat(monitor.maxGapMs(from, to)).isBetween(115.0, 120.0 + SLACK_MS);
        assertThat(monitor.maxGapMs(before, from - 1)).isLessThan(115.0);
    }

    @Test
    void should_see_in_the_server_log_a_wait_the_paused_sampler_missed() throws Exception {
        // given a sampler that takes no sample for 600 ms, as one starved of CPU
        awaitSamples(2);
        long from = monitor.nowMs();
        Session migration = scenario.openInTransaction("zd-migration");
        monitor.migrationPid(migration.pid());
        monitor.pauseFor(Duration.ofMillis(600));
        Thread.sleep(20);

        // when v1 waits about 200 ms on the migration's ACCESS EXCLUSIVE lock inside the pause
        migration.run("lock table items in access exclusive mode");
        Session app = scenario.open("zd-app:v1");
        Future<Timed> read = scenario.submit(app, SELECT);
        Thread.sleep(200);
        migration.commit();
        Timed client = read.get(10, TimeUnit.SECONDS);
        awaitSamples(2);
        long to = monitor.nowMs();

        // then the sampler saw nothing and says how blind it was; the server's log saw the wait
        assertThat(waitsOf(app.pid())).isEmpty();
        assertThat(monitor.maxGapMs(from, to)).isGreaterThanOrEqualTo(500);
        List<Timeline.LockWait> logged = monitor.serverLogWaits(from, to).stream().filter(w -> w.pid() == app.pid()).toList();
        System.out.printf("server log: %s; client waited %.1f ms%n", logged, client.ms());
        assertThat(monitor.serverLogAvailable()).isTrue();
        Timeline.LockWait w = single(logged);
        assertThat(w.who()).isEqualTo("v1");
        assertThat(w.relation()).isEqualTo("public.items");
        assertThat(w.mode()).isEqualTo("AccessShareLock");
        assertThat(w.blockers()).containsExactly(migration.pid());
        assertThat(w.causedByMigration()).isTrue();
        assertThat((double) w.durationMs()).isBetween(client.ms() - SLACK_MS, client.ms() + 5);
        assertCloseToClient(w, client);
    }

    private List<Timeline.LockWait> waitsOf(int pid) {
        return monitor.waits(0, monitor.nowMs()).stream().filter(w -> w.pid() == pid).toList();
    }

    private static Timeline.LockWait single(List<Timeline.LockWait> waits) {
        assertThat(waits).hasSize(1);
        return waits.get(0);
    }

    private void awaitSamples(int n) {
        long target = monitor.sampleCount() + n;
        await().atMost(Duration.ofSeconds(10)).until(() -> monitor.sampleCount() >= target);
    }

    /**
     * The sampled wait lies inside the client's own timing, give or take the sampler's gaps: it
     * starts after the client sent the statement and ends before the client had its answer.
     */
    private void assertCloseToClient(Timeline.LockWait w, Timed client) {
        double tolerance = monitor.maxGapMs() + SLACK_MS;
        assertThat((double) w.startMs()).isBetween(client.startMs() - tolerance, client.endMs());
        assertThat((double) w.endMs()).isBetween(client.startMs(), client.endMs() + tolerance);
        assertThat((double) w.durationMs()).isBetween(client.ms() - tolerance, client.ms() + tolerance);
    }
}
