package dev.zerodown.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import dev.zerodown.result.Timeline;
import org.junit.jupiter.api.Test;

/** The merging rules on their own (the PostgreSQL side is covered by LockMonitorTest). */
class WaitTrackerTest {
    private static final long MS = 1_000_000L;
    private static final int MIGRATION = 7;

    @Test
    void should_merge_consecutive_samples_into_one_wait_between_the_midpoints_of_its_first_and_last_sightings() {
        // given
        WaitTracker tracker = new WaitTracker(10);
        List<LockRow> waiting = List.of(wait(42, "relation:1:2", MIGRATION));

        // when the wait is absent at 5 ms, seen at 10, 15, 20 ms and gone at 25 ms
        sample(tracker, 5, List.of());
        sample(tracker, 10, waiting);
        sample(tracker, 15, waiting);
        sample(tracker, 20, waiting);
        sample(tracker, 25, List.of());

        // then it lasted from 7.5 to 22.5 ms
        assertThat(tracker.overlapping(0, 100)).singleElement().satisfies(w -> {
            assertThat(w.startMs()).isEqualTo(7);
            assertThat(w.endMs()).isEqualTo(22);
            assertThat(w.causedByMigration()).isTrue();
            assertThat(w.who()).isEqualTo("v1");
        });
    }

    @Test
    void should_start_a_wait_when_the_server_says_it_started() {
        // given
        WaitTracker tracker = new WaitTracker(10);

        // when the sample at 10 ms reads a wait that began 3.2 ms earlier (pg_locks.waitstart)
        sample(tracker, 5, List.of());
        sample(tracker, 10, List.of(wait(42, "relation:1:2", 0, 3.2)));
        sample(tracker, 20, List.of());

        // then
        assertThat(tracker.overlapping(0, 100)).singleElement().satisfies(w -> {
            assertThat(w.startMs()).isEqualTo(6);
            assertThat(w.endMs()).isEqualTo(15);
        });
    }

    @Test
    void should_split_waits_separated_by_a_sample_without_them() {
        // given
        WaitTracker tracker = new WaitTracker(10);
        List<LockRow> waiting = List.of(wait(42, "relation:1:2", MIGRATION));

        // when
        sample(tracker, 10, waiting);
        sample(tracker, 15, List.of());
        sample(tracker, 20, waiting);
        sample(tracker, 25, List.of());

        // then
        assertThat(tracker.overlapping(0, 100)).extracting(Timeline.LockWait::startMs, Timeline.LockWait::endMs)
                .containsExactly(tuple(10L, 12L), tuple(17L, 22L));
    }

    @Test
    void should_start_a_new_wait_when_the_same_backend_waits_on_another_lock() {
        // given
        WaitTracker tracker = new WaitTracker(10);

        // when
        sample(tracker, 10, List.of(wait(42, "transactionid:100", 0)));
        sample(tracker, 15, List.of(wait(42, "tuple:1:2:0:1", 0)));
        sample(tracker, 20, List.of());

        // then
        assertThat(tracker.overlapping(0, 100)).hasSize(2);
    }

    @Test
    void should_keep_one_wait_when_a_stale_activity_row_shows_the_same_wait_under_an_older_statement_start() {
        // given: one backend waits on one lock; one sample reads its activity before it started the statement
        WaitTracker tracker = new WaitTracker(10);
        String lock = "relation:5:16384::::::::AccessShareLock:";

        // when
        sample(tracker, 10, List.of(wait(42, lock + "1700000000.1", 0, 4), wait(42, lock + "1700000000.2", 0, 4)));
        sample(tracker, 15, List.of(wait(42, lock + "1700000000.2", 0, 9)));
        sample(tracker, 60, List.of(wait(42, lock + "1700000000.2", 0, 54)));
        sample(tracker, 70, List.of());

        // then
        assertThat(tracker.overlapping(0, 100)).singleElement()
                .satisfies(w -> assertThat(w.endMs() - w.startMs()).isBetween(55L, 60L));
    }

    @Test
    void should_drop_the_oldest_finished_waits_beyond_the_cap_and_count_them() {
        // given
        WaitTracker tracker = new WaitTracker(3);

        // when five separate waits finish
        for (int i = 0; i < 5; i++) {
            sample(tracker, 10 * i, List.of(wait(100 + i, "relation:1:2", 0)));
        }
        sample(tracker, 100, List.of());

        // then
        assertThat(tracker.overlapping(0, 1000)).extracting(Timeline.LockWait::pid).containsExactly(102, 103, 104);
        assertThat(tracker.dropped()).isEqualTo(2);
    }

    @Test
    void should_only_return_waits_overlapping_the_window() {
        // given a wait from 10 to 15 ms
        WaitTracker tracker = new WaitTracker(10);
        sample(tracker, 10, List.of(wait(42, "relation:1:2", 0)));
        sample(tracker, 20, List.of());

        // then
        assertThat(tracker.overlapping(16, 100)).isEmpty();
        assertThat(tracker.overlapping(0, 9)).isEmpty();
        assertThat(tracker.overlapping(15, 15)).hasSize(1);
    }

    @Test
    void should_follow_the_chain_without_looping_on_a_cycle() {
        // given 1 waits on 2, 2 on 3, 3 on 1 (a deadlock before the detector runs)
        List<LockRow> rows = List.of(wait(1, "a", 2), wait(2, "b", 3), wait(3, "c", 1));

        // then
        assertThat(new BlockingChain(rows).blockersOf(1)).containsExactly(2, 3);
    }

    private static void sample(WaitTracker tracker, long ms, List<LockRow> rows) {
        tracker.onSample(ms * MS, rows, new BlockingChain(rows), MIGRATION);
    }

    private static LockRow wait(int pid, String target, int blocker) {
        return wait(pid, target, blocker, Double.NaN);
    }

    private static LockRow wait(int pid, String target, int blocker, double waitedMs) {
        int[] blockers = blocker == 0 ? new int[0] : new int[] {blocker};
        return new LockRow(pid, false, "relation", "AccessShareLock", 2, "public.items", target, "zd-app:v1", "select 1",
                blockers, waitedMs);
    }
}
