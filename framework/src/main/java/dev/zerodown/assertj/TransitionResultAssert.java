package dev.zerodown.assertj;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.InvariantResult;
import dev.zerodown.result.Timeline;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.Verdict;
import dev.zerodown.result.VersionStats;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/** AssertJ assertions on one transition; every message names the transition and the evidence. */
@API(status = API.Status.STABLE)
public final class TransitionResultAssert extends AbstractAssert<TransitionResultAssert, TransitionResult> {

    TransitionResultAssert(TransitionResult actual) {
        super(actual, TransitionResultAssert.class);
    }

    public TransitionResultAssert isSafe() {
        isNotNull();
        if (actual.verdict() != Verdict.SAFE) {
            failWithMessage("Expected transition <%s> to be safe, but it is unsafe:%n%s", actual.name(),
                    describe(actual.hazards().stream().filter(Hazard::blocking).toList()));
        }
        return this;
    }

    public TransitionResultAssert isUnsafe() {
        isNotNull();
        if (actual.verdict() != Verdict.UNSAFE) {
            failWithMessage("Expected transition <%s> to be unsafe, but it is safe (hazards: %s)", actual.name(),
                    ids(actual.hazards()));
        }
        return this;
    }

    /** No version had a failed request. */
    public TransitionResultAssert hasNoFailedRequests() {
        isNotNull();
        for (VersionStats s : actual.requests().values()) {
            if (s.failed() > 0) {
                failWithMessage("Expected no failed request in <%s>, but version <%s> had %d of %d failed: %s",
                        actual.name(), s.version(), s.failed(), s.total(), failures(s));
            }
        }
        return this;
    }

    /** This version had failed requests with the SQLState, e.g. {@code 42703}. */
    public TransitionResultAssert hasFailedRequests(String version, String sqlState) {
        VersionStats s = stats(version);
        if (s.failuresBySqlState().getOrDefault(sqlState, 0L) == 0) {
            failWithMessage("Expected version <%s> to fail with SQLState %s in <%s>, but its failures were %s",
                    version, sqlState, actual.name(), s.failuresBySqlState());
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
                .ifPresent(w -> failWithMessage("Expected every lock wait on the migration in <%s> below %dms, but %s"
                        + " waited %dms for %s on %s (blocked by pids %s; query: %s)", actual.name(), limit.toMillis(),
                        w.who(), w.durationMs(), w.mode(), w.relation(), w.blockers(), w.query()));
        return this;
    }

    /** The longest wait on the migration was at least this long (to prove a blocking step is caught). */
    public TransitionResultAssert hasMaxLockWaitAtLeast(Duration limit) {
        isNotNull();
        long max = actual.timeline().lockWaits().stream()
                .filter(w -> w.causedByMigration() && !"migration".equals(w.who()))
                .mapToLong(Timeline.LockWait::durationMs).max().orElse(0);
        if (max < limit.toMillis()) {
            failWithMessage("Expected a lock wait on the migration of at least %dms in <%s>, but the longest was %dms",
                    limit.toMillis(), actual.name(), max);
        }
        return this;
    }

    public TransitionResultAssert hasHazard(String id) {
        return hasHazard(HazardId.parse(id));
    }

    public TransitionResultAssert hasHazard(HazardId id) {
        isNotNull();
        if (actual.hazards(id).isEmpty()) {
            failWithMessage("Expected hazard <%s> in <%s>, but it had: %s", id, actual.name(), ids(actual.hazards()));
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
            failWithMessage("Expected no hazard <%s> in <%s>, but found:%n%s", id, actual.name(), describe(found));
        }
        return this;
    }

    /** The invariant was checked and returned no row. */
    public TransitionResultAssert holdsInvariant(String name) {
        InvariantResult r = invariant(name);
        if (!r.holds()) {
            failWithMessage("Expected invariant <%s> to hold in <%s>, but it returned %d row(s), e.g. %s", name,
                    actual.name(), r.discrepancies(), r.sample());
        }
        return this;
    }

    /** The invariant was checked and returned rows. */
    public TransitionResultAssert violatesInvariant(String name) {
        InvariantResult r = invariant(name);
        if (r.holds()) {
            failWithMessage("Expected invariant <%s> to be violated in <%s>, but it held", name, actual.name());
        }
        return this;
    }

    private InvariantResult invariant(String name) {
        isNotNull();
        return actual.invariants().stream().filter(i -> i.name().equals(name)).findFirst().orElseGet(() -> {
            failWithMessage("Expected invariant <%s> to be checked in <%s>, but only %s were active", name,
                    actual.name(), actual.invariants().stream().map(InvariantResult::name).toList());
            return null;
        });
    }

    private VersionStats stats(String version) {
        isNotNull();
        return actual.requests(version).orElseGet(() -> {
            failWithMessage("Expected version <%s> to serve traffic in <%s>, but the versions were %s", version,
                    actual.name(), actual.requests().keySet());
            return null;
        });
    }

    private static String failures(VersionStats s) {
        return s.failures().stream().limit(3)
                .map(f -> f.sqlState() + " x" + f.count() + " on '" + f.statement() + "': " + f.sampleMessage())
                .collect(Collectors.joining("; "));
    }

    private static String ids(List<Hazard> hazards) {
        return hazards.stream().map(h -> h.id().id()).distinct().toList().toString();
    }

    private static String describe(List<Hazard> hazards) {
        return hazards.stream().map(h -> "  " + h.id() + (h.where().isEmpty() ? "" : " at " + h.where()) + ": "
                + h.message() + (h.evidence() == null ? "" : " [" + h.evidence() + "]"))
                .collect(Collectors.joining(System.lineSeparator()));
    }
}
