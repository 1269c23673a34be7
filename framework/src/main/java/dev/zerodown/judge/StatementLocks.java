package dev.zerodown.judge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import dev.zerodown.trace.Catalog;
import dev.zerodown.trace.LockLedger;
import dev.zerodown.trace.LockModes;
import dev.zerodown.trace.StatementRecord;
import dev.zerodown.trace.StepFacts;

/**
 * The locks the rules judge a statement on. Inside a transaction block, what pg_locks showed after
 * the statement (exact: the locks stay until commit). Outside one, what the lock sampler saw and what
 * PostgreSQL documents for the command ({@link DocumentedLocks}), the stronger of the two: a lock held
 * a few milliseconds may fall between two samples, and a verdict must not depend on that.
 */
final class StatementLocks {
    /**
     * A lock a statement held on a relation.
     *
     * @param mode       the mode, as pg_locks names it
     * @param source     where the mode comes from, for the evidence: "observed in pg_locks", "observed by
     *                   the lock sampler", "documented for VACUUM FULL; not seen by the lock sampler"…
     * @param documented true when only the documentation gives this mode (the sampler saw no lock as strong)
     */
    record Lock(String mode, String source, boolean documented) {
        /** {@code AccessExclusiveLock (documented for VACUUM FULL; …)}. */
        String described() {
            return mode + " (" + source + ")";
        }
    }

    private StatementLocks() {
    }

    /**
     * The strongest SHARE-or-stronger mode {@code r} newly took on each pre-existing table, view or
     * materialized view — unless locks its transaction already held there meant the request could
     * not wait (a SHARE lock for an index build after the same transaction took ACCESS EXCLUSIVE).
     */
    static Map<Long, Lock> strongTaken(StepFacts f, StatementRecord r) {
        Map<Long, Lock> out = new LinkedHashMap<>();
        Map<Long, Set<String>> taken = f.ledger().takenBy(r);
        Map<Long, DocumentedLocks.Lock> documented = documented(f, r);
        for (long relid : union(taken.keySet(), documented.keySet())) {
            Catalog.Rel rel = f.pre().relation(relid);
            Lock lock = combine(r, LockModes.strongest(taken.getOrDefault(relid, Set.of())), documented.get(relid));
            if (rel != null && rel.isTableLike() && lock != null && LockModes.strong(lock.mode())
                    && !LockModes.alreadyCovered(lock.mode(), f.ledger().heldBefore(r, relid))) {
                out.put(relid, lock);
            }
        }
        return out;
    }

    /**
     * The lock that matters for what {@code r} did to {@code relid}: the strongest mode it took itself
     * when that blocks writes, else the strongest held while it ran (see {@link LockLedger#modeFor}),
     * or the documented one when stronger; null when none.
     */
    static Lock modeFor(StepFacts f, StatementRecord r, long relid) {
        return combine(r, f.ledger().modeFor(r, relid), documented(f, r).get(relid));
    }

    /**
     * How long {@code lock}, which {@code r} held on {@code relid}, was held: the measured hold that
     * covers the statement (taken by it or earlier in its transaction, until commit); for a documented
     * one, the statement's duration.
     */
    static long heldMs(StepFacts f, StatementRecord r, long relid, Lock lock) {
        LockLedger.Hold h = hold(f, r, relid, lock);
        return h != null ? h.durationMs() : Math.max(0, r.endMs() - r.startMs());
    }

    /** The measured hold of {@code lock} on {@code relid} that covers {@code r}, or null (documented only). */
    static LockLedger.Hold hold(StepFacts f, StatementRecord r, long relid, Lock lock) {
        if (lock.documented()) {
            return null;
        }
        for (LockLedger.Hold h : f.ledger().holds()) {
            if (h.relid() == relid && h.mode().equals(lock.mode()) && (h.taker() == r || h.later().contains(r))) {
                return h;
            }
        }
        return null;
    }

    private static Map<Long, DocumentedLocks.Lock> documented(StepFacts f, StatementRecord r) {
        return r.inBlock() ? Map.of() : DocumentedLocks.of(f, r);
    }

    private static Lock combine(StatementRecord r, String observed, DocumentedLocks.Lock documented) {
        String seen = r.inBlock() ? "observed in pg_locks" : "observed by the lock sampler";
        if (documented == null || observed != null && LockModes.strength(observed) >= LockModes.strength(documented.mode())) {
            boolean agrees = documented != null && documented.mode().equals(observed);
            return observed == null ? null
                    : new Lock(observed, agrees ? "documented for " + documented.command() + ", " + seen : seen, false);
        }
        String missed = observed == null ? "the lock sampler saw no lock" : "the lock sampler saw only " + observed;
        return new Lock(documented.mode(), "documented for " + documented.command() + "; " + missed
                + " during the statement's " + Math.max(0, r.endMs() - r.startMs()) + " ms", true);
    }

    private static Set<Long> union(Set<Long> a, Set<Long> b) {
        Set<Long> out = new java.util.LinkedHashSet<>(a);
        out.addAll(b);
        return out;
    }
}
