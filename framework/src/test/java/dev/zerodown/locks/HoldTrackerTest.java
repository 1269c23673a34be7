package dev.zerodown.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import dev.zerodown.result.Timeline;
import org.junit.jupiter.api.Test;

/** The interval rules of held locks on their own (the PostgreSQL side is covered by LockMonitorTest). */
class HoldTrackerTest {
    private static final long MS = 1_000_000L;

    @Test
    void should_make_one_interval_per_relation_and_mode_from_first_to_last_sighting() {
        // given
        HoldTracker tracker = new HoldTracker(10);
        LockRow share = hold(7, 100, "public.items", "ShareLock");
        LockRow exclusive = hold(7, 100, "public.items", "AccessExclusiveLock");

        // when the migration holds SHARE from 10 to 15 ms, then ACCESS EXCLUSIVE as well until 25 ms
        tracker.onSample(10 * MS, List.of(share));
        tracker.onSample(15 * MS, List.of(share));
        tracker.onSample(20 * MS, List.of(share, exclusive));
        tracker.onSample(25 * MS, List.of(share, exclusive));
        tracker.onSample(30 * MS, List.of());

        // then
        assertThat(tracker.overlapping(7, 0, 100, 100))
                .extracting(Timeline.LockHold::relation, Timeline.LockHold::mode, Timeline.LockHold::startMs, Timeline.LockHold::endMs)
                .containsExactly(tuple("public.items", "ShareLock", 10L, 25L), tuple("public.items", "AccessExclusiveLock", 20L, 25L));
        assertThat(tracker.overlapping(8, 0, 100, 100)).isEmpty();
    }

    @Test
    void should_name_a_relation_by_oid_until_its_name_is_known() {
        // given
        HoldTracker tracker = new HoldTracker(10);

        // when the relation becomes visible to the monitor while held
        tracker.onSample(10 * MS, List.of(hold(7, 100, null, "AccessExclusiveLock")));
        assertThat(tracker.overlapping(7, 0, 100, 100)).extracting(Timeline.LockHold::relation).containsExactly("oid 100");
        tracker.onSample(15 * MS, List.of(hold(7, 100, "public.fresh", "AccessExclusiveLock")));

        // then
        assertThat(tracker.overlapping(7, 0, 100, 100)).extracting(Timeline.LockHold::relation).containsExactly("public.fresh");
    }

    @Test
    void should_drop_the_oldest_finished_holds_beyond_the_cap_and_count_them() {
        // given
        HoldTracker tracker = new HoldTracker(2);

        // when three locks are taken and released in turn
        for (int i = 0; i < 3; i++) {
            tracker.onSample((10 + 10 * i) * MS, List.of(hold(7, 100 + i, "public.t" + i, "ShareLock")));
        }
        tracker.onSample(50 * MS, List.of());

        // then
        assertThat(tracker.overlapping(7, 0, 100, 100)).extracting(Timeline.LockHold::relation).containsExactly("public.t1", "public.t2");
        assertThat(tracker.dropped()).isEqualTo(1);
    }

    private static LockRow hold(int pid, long oid, String name, String mode) {
        return new LockRow(pid, true, "relation", mode, oid, name, null, null, null, new int[0], Double.NaN);
    }
}
