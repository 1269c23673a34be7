package dev.zerodown.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.hazards.Recipes;
import dev.zerodown.hazards.Severity;
import dev.zerodown.judge.HazardRules;
import dev.zerodown.locks.LockMonitor;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.Timeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index drop is judged by what it cost, not as an index build: the lock's measured hold and who
 * waited on it. A drop under lock_timeout that holds ACCESS EXCLUSIVE for a few milliseconds is a
 * warning; requests that waited on that lock longer than maxLockWait make it an error.
 */
class IndexDropTest {
    /** Long enough that the drop's hold stays under it on a loaded machine too; each assertion still follows the measured hold. */
    private static final Duration MAX_LOCK_WAIT = Duration.ofSeconds(1);
    private static final String BASELINE = """
            create table users (id bigint primary key, email text not null, name text);
            insert into users select g, 'user' || g || '@example.com', 'name ' || g from generate_series(1, 5000) g;
            create index users_email_idx on users (email);
            """;

    @TempDir
    static Path dir;
    private static Database db;
    private static StepTrace trace;

    @BeforeAll
    static void traceDropColumn() {
        db = Postgres.embedded(17).createDatabase("index_drop");
        StepExecutor e = new StepExecutor(db, TraceSettings.defaults().withMaxLockWait(MAX_LOCK_WAIT), (LockMonitor) null);
        e.applyUntraced(Steps.of(dir, "V1__users.sql", BASELINE));
        trace = e.execute(Steps.of(dir, "V2__drop_email.sql", "set lock_timeout = '2s';\nalter table users drop column email;\n"));
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void should_warn_on_an_index_dropped_with_its_column_under_a_brief_lock() {
        Hazard drop = Steps.hazards(trace, HazardId.NON_CONCURRENT_INDEX).get(0);
        long held = heldMs();

        assertThat(drop.relation()).isEqualTo("public.users_email_idx");
        assertThat(drop.where()).isEqualTo("V2__drop_email.sql:2");
        assertThat(drop.message()).startsWith("V2__drop_email.sql:2 dropped index public.users_email_idx on public.users without"
                + " CONCURRENTLY, holding AccessExclusiveLock on the table (blocks reads and writes) for " + held + " ms");
        assertThat(drop.recipe()).isEqualTo(Recipes.INDEX_DROP).contains("DROP INDEX CONCURRENTLY");
        if (held < MAX_LOCK_WAIT.toMillis()) {
            assertThat(drop.severity()).isEqualTo(Severity.WARNING);
            assertThat(drop.evidence()).contains("locked AccessExclusiveLock (observed in pg_locks), held " + held + " ms, under"
                    + " maxLockWait=" + MAX_LOCK_WAIT.toMillis() + "ms");
            assertThat(Steps.hazards(trace)).filteredOn(Hazard::blocking).as("nothing of this step is an error").isEmpty();
        } else {
            assertThat(drop.severity()).isEqualTo(Severity.ERROR);
            assertThat(drop.evidence()).contains("held " + held + " ms, at least maxLockWait=" + MAX_LOCK_WAIT.toMillis() + "ms");
        }
    }

    @Test
    void should_fail_the_drop_when_requests_waited_on_its_lock_longer_than_max_lock_wait() {
        Timeline.LockHold lock = lockOnUsers();
        Timeline.LockWait longWait = readerWait(lock.startMs(), lock.startMs() + MAX_LOCK_WAIT.toMillis() + 50);

        List<Hazard> hazards = HazardRules.withTraffic(trace, Steps.hazards(trace), List.of(longWait), MAX_LOCK_WAIT);

        Hazard drop = hazards.stream().filter(h -> h.id() == HazardId.NON_CONCURRENT_INDEX).findFirst().orElseThrow();
        Hazard blocked = hazards.stream().filter(h -> h.id() == HazardId.BLOCKED_REQUESTS).findFirst().orElseThrow();
        assertThat(blocked.relation()).isEqualTo("public.users");
        assertThat(blocked.where()).isEqualTo(drop.where());
        assertThat(drop.severity()).isEqualTo(Severity.ERROR);
        if (heldMs() < MAX_LOCK_WAIT.toMillis()) {
            assertThat(drop.evidence()).endsWith("; requests waited on the lock longer than maxLockWait: " + blocked.message());
        }
        assertThat(drop.recipe()).isEqualTo(Recipes.INDEX_DROP);
    }

    @Test
    void should_keep_the_drop_judged_on_its_hold_when_requests_waited_less_than_max_lock_wait() {
        Timeline.LockHold lock = lockOnUsers();
        Timeline.LockWait shortWait = readerWait(lock.startMs(), lock.startMs() + MAX_LOCK_WAIT.toMillis() / 2);

        List<Hazard> hazards = HazardRules.withTraffic(trace, Steps.hazards(trace), List.of(shortWait), MAX_LOCK_WAIT);

        assertThat(hazards).extracting(Hazard::id).doesNotContain(HazardId.BLOCKED_REQUESTS);
        assertThat(hazards).filteredOn(h -> h.id() == HazardId.NON_CONCURRENT_INDEX).singleElement()
                .extracting(Hazard::severity)
                .isEqualTo(heldMs() < MAX_LOCK_WAIT.toMillis() ? Severity.WARNING : Severity.ERROR);
    }

    /** How long the drop held ACCESS EXCLUSIVE on users, as measured. */
    private static long heldMs() {
        Timeline.LockHold h = lockOnUsers();
        return h.endMs() - h.startMs();
    }

    private static Timeline.LockHold lockOnUsers() {
        return trace.holds().stream().filter(h -> h.relation().equals("public.users") && h.mode().equals("AccessExclusiveLock"))
                .findFirst().orElseThrow();
    }

    /** A read of users that waited on the migration's lock from {@code start} to {@code end}. */
    private static Timeline.LockWait readerWait(long start, long end) {
        return new Timeline.LockWait(trace.backendPid() + 1, "v1", "public.users", "AccessShareLock", List.of(trace.backendPid()),
                true, start, end, "select name from users where id = 42");
    }
}
