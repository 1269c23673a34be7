package dev.zerodown.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import dev.zerodown.result.Timeline;
import org.junit.jupiter.api.Test;

/** The example of docs/lock-sampler.md, compiled and run so that the doc cannot rot. */
class LockSamplerDocExampleTest {

    @Test
    void should_run_the_documented_example() throws Exception {
        // example: lock-sampler
        long origin = System.nanoTime();
        try (Database db = Postgres.embedded(17).createDatabase("doc_example");
             LockMonitor monitor = LockMonitor.start(db, Duration.ofMillis(5), origin);
             Connection migration = db.connect("zd-migration");
             Connection app = db.connect("zd-app:v1");
             Statement m = migration.createStatement();
             Statement a = app.createStatement()) {
            m.execute("create table users (id int primary key, name text)");
            migration.setAutoCommit(false);
            monitor.migrationPid(migration.unwrap(org.postgresql.PGConnection.class).getBackendPID());

            m.execute("alter table users add column email text");           // ACCESS EXCLUSIVE until commit
            CompletableFuture<Void> read = CompletableFuture.runAsync(() -> {
                try {
                    a.executeQuery("select count(*) from users").close();     // v1 waits on the migration
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(200);
            migration.commit();
            read.get(10, TimeUnit.SECONDS);
            Thread.sleep(20);                                                   // a few more samples

            List<Timeline.LockWait> waits = monitor.waits(0, monitor.nowMs());
            List<Timeline.LockHold> holds = monitor.holds(migration.unwrap(org.postgresql.PGConnection.class).getBackendPID(),
                    0, monitor.nowMs());
            // waits: [LockWait[pid=…, who=v1, relation=public.users, mode=AccessShareLock, blockers=[<migration pid>],
            //          causedByMigration=true, startMs=…, endMs=… (about 200 ms later), query=select count(*) from users]]
            // holds: [LockHold[relation=public.users, mode=AccessExclusiveLock, …]]
            // example end
            assertThat(waits).singleElement().satisfies(w -> {
                assertThat(w.who()).isEqualTo("v1");
                assertThat(w.relation()).isEqualTo("public.users");
                assertThat(w.causedByMigration()).isTrue();
                assertThat(w.durationMs()).isGreaterThan(100);
            });
            assertThat(holds).extracting(Timeline.LockHold::relation, Timeline.LockHold::mode)
                    .contains(tuple("public.users", "AccessExclusiveLock"));
        }
    }
}
