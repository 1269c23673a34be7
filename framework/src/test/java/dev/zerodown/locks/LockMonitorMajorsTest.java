package dev.zerodown.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import dev.zerodown.result.Timeline;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;

/** The sample query on the oldest and newest supported majors (pg_locks.waitstart exists from 14 on). */
class LockMonitorMajorsTest {

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 18})
    void should_find_a_wait_caused_by_the_migration_and_its_hold(int major) throws Exception {
        long origin = System.nanoTime();
        try (Database db = Postgres.embedded(major).createDatabase("lock_majors");
             LockMonitor monitor = LockMonitor.start(db, Duration.ofMillis(5), origin);
             Connection migration = db.connect("zd-migration");
             Connection app = db.connect("zd-app:v1");
             Statement m = migration.createStatement();
             Statement a = app.createStatement()) {
            // given
            m.execute("create table items (id int primary key)");
            a.execute("set statement_timeout = '20s'");
            migration.setAutoCommit(false);
            int pid = migration.unwrap(PGConnection.class).getBackendPID();
            monitor.migrationPid(pid);
            m.execute("lock table items in access exclusive mode");

            // when a v1 read waits about 150 ms
            long before = monitor.nowMs();
            CompletableFuture<Void> read = CompletableFuture.runAsync(() -> {
                try {
                    a.executeQuery("select count(*) from items").close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> !monitor.waits(0, monitor.nowMs()).isEmpty());
            Thread.sleep(150);
            migration.commit();
            read.get(10, TimeUnit.SECONDS);
            long after = monitor.nowMs();
            long samples = monitor.sampleCount();
            await().atMost(Duration.ofSeconds(10)).until(() -> monitor.sampleCount() >= samples + 3);

            // then
            List<Timeline.LockWait> waits = monitor.waits(0, monitor.nowMs());
            assertThat(waits).singleElement().satisfies(w -> {
                assertThat(w.who()).isEqualTo("v1");
                assertThat(w.relation()).isEqualTo("public.items");
                assertThat(w.causedByMigration()).isTrue();
                assertThat(w.startMs()).isBetween(before - 50, after);
                assertThat(w.durationMs()).isBetween(100L, after - before + 50);
            });
            assertThat(monitor.holds(pid, 0, monitor.nowMs())).extracting(Timeline.LockHold::relation, Timeline.LockHold::mode)
                    .contains(tuple("public.items", "AccessExclusiveLock"));
            assertThat(monitor.errorCount()).isZero();
            // and the server logged the same wait (csvlog on 13, jsonlog on 18)
            List<Timeline.LockWait> logged = monitor.serverLogWaits(0, monitor.nowMs());
            assertThat(monitor.serverLogAvailable()).isTrue();
            assertThat(logged).singleElement().satisfies(w -> {
                assertThat(w.who()).isEqualTo("v1");
                assertThat(w.relation()).isEqualTo("public.items");
                assertThat(w.mode()).isEqualTo("AccessShareLock");
                assertThat(w.blockers()).containsExactly(pid);
                assertThat(w.causedByMigration()).isTrue();
                assertThat(w.durationMs()).isBetween(100L, after - before + 50);
            });
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 18})
    void should_read_how_long_a_backend_has_waited_where_the_server_tells(int major) throws Exception {
        try (Database db = Postgres.embedded(major).createDatabase("lock_waited");
             Connection holder = db.connect("holder");
             Connection app = db.connect("zd-app:v1");
             Connection sampler = db.connect(LockMonitor.APPLICATION_NAME);
             Statement h = holder.createStatement();
             Statement a = app.createStatement();
             SampleQuery query = new SampleQuery(sampler)) {
            // given a read that has waited about 100 ms
            h.execute("create table items (id int primary key)");
            a.execute("set statement_timeout = '20s'");
            holder.setAutoCommit(false);
            h.execute("lock table items in access exclusive mode");
            CompletableFuture<Void> read = CompletableFuture.runAsync(() -> {
                try {
                    a.executeQuery("select count(*) from items").close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> !query.run(0).isEmpty());
            Thread.sleep(100);

            // when
            List<LockRow> rows = query.run(0);
            holder.commit();
            read.get(10, TimeUnit.SECONDS);

            // then pg_locks.waitstart exists from 14 on
            assertThat(rows).singleElement().satisfies(r -> {
                assertThat(r.granted()).isFalse();
                if (major >= 14) {
                    assertThat(r.waitedMs()).isBetween(100.0, 10_000.0);
                } else {
                    assertThat(r.waitedMs()).isNaN();
                }
            });
        }
    }
}
