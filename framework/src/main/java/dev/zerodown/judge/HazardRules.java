package dev.zerodown.judge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import dev.zerodown.config.Text;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.hazards.Severity;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.migrations.SqlStatement;
import dev.zerodown.result.FailureGroup;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.Timeline;
import dev.zerodown.trace.CatalogDiff;
import dev.zerodown.trace.LockModes;
import dev.zerodown.trace.StepTrace;
import org.apiguardian.api.API;

/**
 * The hazards that need traffic to be seen, for the engine: requests blocked by the migration, the
 * migration queued behind another transaction with requests behind it, and failures of a live
 * version caused by a catalog change. Each is attributed to the migration statement responsible.
 */
@API(status = API.Status.INTERNAL)
public final class HazardRules {
    static final String MIGRATION = "migration";

    private HazardRules() {
    }

    /**
     * {@code blocked-requests}: application waits caused by the migration (directly or through the
     * lock queue) longer than {@code maxLockWait}, during the step; one hazard per relation.
     */
    public static List<Hazard> blockedRequests(List<Timeline.LockWait> waits, Duration maxLockWait, StepTrace trace) {
        Map<String, List<Timeline.LockWait>> byRelation = new LinkedHashMap<>();
        for (Timeline.LockWait w : waits) {
            if (w.causedByMigration() && request(w, trace) && w.durationMs() > maxLockWait.toMillis() && during(w, trace)) {
                byRelation.computeIfAbsent(Objects.toString(relationOf(w, trace), ""), k -> new ArrayList<>()).add(w);
            }
        }
        List<Hazard> out = new ArrayList<>();
        byRelation.forEach((relation, ws) -> {
            Timeline.LockWait longest = ws.stream().max(Comparator.comparingLong(Timeline.LockWait::durationMs)).orElseThrow();
            String rel = relation.isEmpty() ? null : relation;
            boolean rowLock = longest.relation() == null || !longest.relation().contains(".");
            Culprit c = Culprit.of(trace, rel, longest.startMs(), rowLock);
            String on = rel == null ? "a " + longest.relation() + " lock" : rel;
            out.add(hazard(trace, HazardId.BLOCKED_REQUESTS, rel, c,
                    Text.count(ws.size(), "request") + " of " + versions(ws) + " waited longer than "
                            + maxLockWait.toMillis() + " ms (up to " + longest.durationMs() + " ms) on " + on + ", locked by "
                            + c.where() + ".",
                    "waits over maxLockWait=" + maxLockWait.toMillis() + "ms: " + ws.size() + " (" + perVersion(ws)
                            + "); longest " + longest.durationMs() + " ms: pid " + longest.pid() + " (" + longest.who()
                            + ") waiting for " + longest.mode() + ", query: " + Text.statement(longest.query())
                            + c.evidence(),
                    longest.startMs()));
        });
        return List.copyOf(out);
    }

    /**
     * {@code lock-queue}: the migration itself waited for a lock behind another transaction while
     * application requests queued behind it for longer than {@code maxLockWait}.
     */
    public static List<Hazard> lockQueue(List<Timeline.LockWait> waits, Duration maxLockWait, StepTrace trace) {
        List<Hazard> out = new ArrayList<>();
        for (Timeline.LockWait m : waits) {
            if (!isMigration(m, trace) || !during(m, trace)) {
                continue;
            }
            List<Timeline.LockWait> behind = waits.stream()
                    .filter(a -> request(a, trace) && a.causedByMigration() && a.durationMs() > maxLockWait.toMillis()
                            && a.startMs() <= m.endMs() && a.endMs() >= m.startMs())
                    .toList();
            if (behind.isEmpty()) {
                continue;
            }
            long longest = behind.stream().mapToLong(Timeline.LockWait::durationMs).max().orElse(0);
            Culprit c = Culprit.of(trace, null, m.startMs());
            out.add(hazard(trace, HazardId.LOCK_QUEUE, m.relation(), c,
                    c.where() + " waited " + m.durationMs() + " ms for " + m.mode() + " on " + m.relation()
                            + " behind another transaction while " + Text.count(behind.size(), "request")
                            + " of " + versions(behind) + " queued behind it (up to " + longest + " ms).",
                    "migration waited " + m.durationMs() + " ms for " + m.mode() + " on " + m.relation() + ", blocked by pids "
                            + m.blockers() + "; requests queued behind it longer than maxLockWait=" + maxLockWait.toMillis()
                            + "ms: " + behind.size() + " (" + perVersion(behind) + "), longest " + longest + " ms",
                    m.startMs()));
        }
        return List.copyOf(out);
    }

    /**
     * {@code backward-incompatible}: failures of {@code version} (undefined column, table, function
     * or type; invalid input; type mismatch; not-null violation) that name something the step
     * dropped, renamed, retyped or made required; one hazard per change. File and line come from
     * the diff; use {@link #forStep} to add the statement text and acknowledgements.
     */
    public static List<Hazard> backwardIncompatible(CatalogDiff diff, String version, List<FailureGroup> failures) {
        return Incompatibilities.find(diff, version, failures);
    }

    /**
     * The step's hazards (see {@link StepJudge#hazards}) with {@code lock-held-across-statements}
     * raised to error where that lock was held longer than {@code maxLockWait} while requests
     * waited on it, and an index drop's {@code non-concurrent-index} raised to error where requests
     * waited on its lock longer than {@code maxLockWait}, followed by {@link #blockedRequests} and
     * {@link #lockQueue}.
     */
    public static List<Hazard> withTraffic(StepTrace trace, List<Hazard> stepHazards, List<Timeline.LockWait> waits,
                                           Duration maxLockWait) {
        List<Hazard> out = new ArrayList<>();
        List<Hazard> blocked = blockedRequests(waits, maxLockWait, trace);
        for (Hazard h : stepHazards) {
            out.add(switch (h.id()) {
                case LOCK_HELD_ACROSS_STATEMENTS -> escalate(h, trace, waits, maxLockWait);
                case NON_CONCURRENT_INDEX -> escalateDrop(h, trace, blocked);
                default -> h;
            });
        }
        out.addAll(blocked);
        for (Hazard q : lockQueue(waits, maxLockWait, trace)) {
            boolean known = stepHazards.stream().anyMatch(h -> h.id() == HazardId.LOCK_QUEUE
                    && Objects.equals(h.relation(), q.relation()) && Objects.equals(h.line(), q.line()));
            if (!known) {
                out.add(q);
            }
        }
        return List.copyOf(out);
    }

    /** Hazards of {@code step} (by file and line) get their statement text and the statement's acknowledgement. */
    public static List<Hazard> forStep(List<Hazard> hazards, MigrationStep step) {
        Map<Integer, SqlStatement> byLine = new TreeMap<>();
        step.statements().forEach(s -> byLine.putIfAbsent(s.line(), s));
        List<Hazard> out = new ArrayList<>();
        for (Hazard h : hazards) {
            SqlStatement s = step.fileName().equals(h.file()) && h.line() != null ? byLine.get(h.line()) : null;
            if (s == null) {
                out.add(h);
                continue;
            }
            out.add(Hazards.withStatement(h, s));
        }
        return List.copyOf(out);
    }

    /** What a hazard raised to error by the requests that waited on its lock adds to its evidence. */
    static final String REQUESTS_WAITED = "; requests waited on the lock longer than maxLockWait: ";

    /**
     * An index drop judged a warning (its lock held under {@code maxLockWait}) raised to error when the
     * statement's lock on the index's table made requests wait longer than {@code maxLockWait}: the
     * {@code blocked-requests} hazard on that table attributed to the same statement.
     */
    private static Hazard escalateDrop(Hazard h, StepTrace trace, List<Hazard> blocked) {
        String table = h.severity() == Severity.ERROR ? null : IndexRules.droppedFrom(trace.facts(), h);
        if (table == null) {
            return h;
        }
        for (Hazard b : blocked) {
            if (table.equals(b.relation()) && Objects.equals(b.line(), h.line())) {
                return Hazards.raised(h, Severity.ERROR, REQUESTS_WAITED + b.message());
            }
        }
        return h;
    }

    private static Hazard escalate(Hazard h, StepTrace trace, List<Timeline.LockWait> waits, Duration maxLockWait) {
        for (Timeline.LockHold hold : trace.holds()) {
            if (!hold.relation().equals(h.relation()) || h.line() == null || hold.line() != h.line()
                    || !LockModes.strong(hold.mode()) || hold.endMs() - hold.startMs() <= maxLockWait.toMillis()) {
                continue;
            }
            List<Timeline.LockWait> needing = waits.stream().filter(w -> w.causedByMigration() && request(w, trace)
                    && hold.relation().equals(w.relation()) && w.startMs() <= hold.endMs() && w.endMs() >= hold.startMs()).toList();
            if (!needing.isEmpty()) {
                long longest = needing.stream().mapToLong(Timeline.LockWait::durationMs).max().orElse(0);
                return Hazards.raised(h, Severity.ERROR, "; held longer than maxLockWait=" + maxLockWait.toMillis()
                        + "ms while " + Text.count(needing.size(), "request") + " waited on it (up to " + longest + " ms)");
            }
        }
        return h;
    }

    static Hazard hazard(StepTrace trace, HazardId id, String relation, Culprit c, String message, String evidence, long atMs) {
        return Hazards.of(id, relation, trace.step().fileName(), c.line(), c.statement(), message, evidence, atMs);
    }

    private static boolean isMigration(Timeline.LockWait w, StepTrace trace) {
        return w.pid() == trace.backendPid() || MIGRATION.equals(w.who());
    }

    /**
     * The relation a wait was for. A wait on a row the migration wrote is a wait on its transaction
     * id, without a relation: it is attributed to the relation the migration was writing then (held
     * ROW EXCLUSIVE) that the waiting query names, if exactly one.
     */
    static String relationOf(Timeline.LockWait w, StepTrace trace) {
        if (w.relation() != null && w.relation().contains(".")) {
            return w.relation();
        }
        String query = Objects.toString(w.query(), "");
        List<String> writing = trace.holds().stream()
                .filter(h -> "RowExclusiveLock".equals(h.mode()) && h.startMs() <= w.startMs() && h.endMs() >= w.startMs())
                .map(Timeline.LockHold::relation)
                .filter(r -> Incompatibilities.word(query, r.substring(r.lastIndexOf('.') + 1)))
                .distinct().toList();
        return writing.size() == 1 ? writing.get(0) : null;
    }

    /** Zerodown's own sessions (tracer, watchdog, sampler) are no requests. */
    private static boolean request(Timeline.LockWait w, StepTrace trace) {
        return !isMigration(w, trace) && (w.who() == null || !w.who().startsWith("zerodown-"));
    }

    private static boolean during(Timeline.LockWait w, StepTrace trace) {
        return w.startMs() <= trace.endMs() && w.endMs() >= trace.startMs();
    }

    private static String versions(List<Timeline.LockWait> ws) {
        return String.join(", ", ws.stream().map(Timeline.LockWait::who).distinct().toList());
    }

    private static String perVersion(List<Timeline.LockWait> ws) {
        Map<String, Integer> n = new TreeMap<>();
        ws.forEach(w -> n.merge(w.who(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        n.forEach((who, k) -> parts.add(who + ": " + k));
        return String.join(", ", parts);
    }
}
