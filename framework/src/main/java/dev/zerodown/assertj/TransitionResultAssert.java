package dev.zerodown.assertj;

import static dev.zerodown.assertj.error.ShouldBeSafe.shouldBeSafe;
import static dev.zerodown.assertj.error.ShouldBeUnsafe.shouldBeUnsafe;
import static dev.zerodown.assertj.error.ShouldHaveCheckedInvariant.shouldHaveCheckedInvariant;
import static dev.zerodown.assertj.error.ShouldHaveFailedRequests.shouldHaveFailedRequests;
import static dev.zerodown.assertj.error.ShouldHaveHazard.shouldHaveHazard;
import static dev.zerodown.assertj.error.ShouldHaveMaxLockWaitAtLeast.shouldHaveMaxLockWaitAtLeast;
import static dev.zerodown.assertj.error.ShouldHaveMaxLockWaitBelow.shouldHaveMaxLockWaitBelow;
import static dev.zerodown.assertj.error.ShouldHaveNoFailedRequests.shouldHaveNoFailedRequests;
import static dev.zerodown.assertj.error.ShouldHoldInvariant.shouldHoldInvariant;
import static dev.zerodown.assertj.error.ShouldNotHaveHazard.shouldNotHaveHazard;
import static dev.zerodown.assertj.error.ShouldServeTraffic.shouldServeTraffic;
import static dev.zerodown.assertj.error.ShouldViolateInvariant.shouldViolateInvariant;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.InvariantResult;
import dev.zerodown.result.Timeline;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.Verdict;
import dev.zerodown.result.VersionStats;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on one transition; every message names the transition and the evidence. The
 * messages are built by one factory per failure kind in {@code dev.zerodown.assertj.error}.
 */
@API(status = API.Status.STABLE)
public final class TransitionResultAssert extends AbstractAssert<TransitionResultAssert, TransitionResult> {

    TransitionResultAssert(TransitionResult actual) {
        super(actual, TransitionResultAssert.class);
    }

    public TransitionResultAssert isSafe() {
        isNotNull();
        if (actual.verdict() != Verdict.SAFE) {
            throwAssertionError(shouldBeSafe(actual));
        }
        return this;
    }

    public TransitionResultAssert isUnsafe() {
        isNotNull();
        if (actual.verdict() != Verdict.UNSAFE) {
            throwAssertionError(shouldBeUnsafe(actual));
        }
        return this;
    }

    /** No version had a failed request; the failure lists every version that had one, in live order. */
    public TransitionResultAssert hasNoFailedRequests() {
        isNotNull();
        List<VersionStats> failing = actual.requests().values().stream().filter(s -> s.failed() > 0)
                .sorted(Comparator.comparingInt((VersionStats s) -> liveIndex(s.version())).thenComparing(VersionStats::version))
                .toList();
        if (!failing.isEmpty()) {
            throwAssertionError(shouldHaveNoFailedRequests(actual, failing));
        }
        return this;
    }

    private int liveIndex(String version) {
        int i = actual.liveVersions().indexOf(version);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /** This version had failed requests with the SQLState, e.g. {@code 42703}. */
    public TransitionResultAssert hasFailedRequests(String version, String sqlState) {
        VersionStats s = stats(version);
        if (s.failuresBySqlState().getOrDefault(sqlState, 0L) == 0) {
            throwAssertionError(shouldHaveFailedRequests(actual, s, sqlState));
        }
        return this;
    }

    /** No request of any version waited on the migration for this long or longer. */
    public TransitionResultAssert hasMaxLockWaitBelow(Duration limit) {
        isNotNull();
        actual.timeline().lockWaits().stream()
                .filter(w -> w.causedByMigration() && !"migration".equals(w.who()))
                .filter(w -> w.durationMs() >= limit.toMillis())
                .findFirst()
                .ifPresent(w -> throwAssertionError(shouldHaveMaxLockWaitBelow(actual, limit, w)));
        return this;
    }

    /** The longest wait on the migration was at least this long (to prove a blocking step is caught). */
    public TransitionResultAssert hasMaxLockWaitAtLeast(Duration limit) {
        isNotNull();
        long max = actual.timeline().lockWaits().stream()
                .filter(w -> w.causedByMigration() && !"migration".equals(w.who()))
                .mapToLong(Timeline.LockWait::durationMs).max().orElse(0);
        if (max < limit.toMillis()) {
            throwAssertionError(shouldHaveMaxLockWaitAtLeast(actual, limit, max));
        }
        return this;
    }

    public TransitionResultAssert hasHazard(String id) {
        return hasHazard(HazardId.parse(id));
    }

    public TransitionResultAssert hasHazard(HazardId id) {
        isNotNull();
        if (actual.hazards(id).isEmpty()) {
            throwAssertionError(shouldHaveHazard(actual, id));
        }
        return this;
    }

    public TransitionResultAssert hasNoHazard(String id) {
        return hasNoHazard(HazardId.parse(id));
    }

    public TransitionResultAssert hasNoHazard(HazardId id) {
        isNotNull();
        List<Hazard> found = actual.hazards(id);
        if (!found.isEmpty()) {
            throwAssertionError(shouldNotHaveHazard(actual, id, found));
        }
        return this;
    }

    /** The invariant was checked and returned no row. */
    public TransitionResultAssert holdsInvariant(String name) {
        InvariantResult r = invariant(name);
        if (!r.holds()) {
            throwAssertionError(shouldHoldInvariant(actual, r));
        }
        return this;
    }

    /** The invariant was checked and returned rows. */
    public TransitionResultAssert violatesInvariant(String name) {
        InvariantResult r = invariant(name);
        if (r.holds()) {
            throwAssertionError(shouldViolateInvariant(actual, name));
        }
        return this;
    }

    private InvariantResult invariant(String name) {
        isNotNull();
        return actual.invariants().stream().filter(i -> i.name().equals(name)).findFirst().orElseGet(() -> {
            throwAssertionError(shouldHaveCheckedInvariant(actual, name));
            return null;
        });
    }

    private VersionStats stats(String version) {
        isNotNull();
        return actual.requests(version).orElseGet(() -> {
            throwAssertionError(shouldServeTraffic(actual, version));
            return null;
        });
    }
}
