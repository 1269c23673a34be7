package dev.zerodown.judge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.trace.Catalog;
import dev.zerodown.trace.LockLedger;
import dev.zerodown.trace.LockModes;
import dev.zerodown.trace.StatementRecord;
import dev.zerodown.trace.StepFacts;

/**
 * {@code strong-lock}, {@code missing-lock-timeout} and {@code lock-held-across-statements}. A
 * statement that failed is reported as {@code migration-failed} only (an aborted transaction has
 * already released its locks when the next measurement is taken).
 */
final class LockRules {
    private LockRules() {
    }

    static void apply(StepFacts f, Findings out) {
        for (StatementRecord r : f.records()) {
            if (r.failed()) {
                continue;
            }
            Map<Long, String> strong = strongTaken(f, r);
            strong.forEach((relid, mode) -> {
                strongLock(f, out, r, relid, mode);
                if (r.lockTimeoutMs() == 0) {
                    missingTimeout(f, out, r, relid, mode);
                }
            });
        }
        heldAcross(f, out);
    }

    /**
     * The strongest SHARE-or-stronger mode {@code r} newly took on each pre-existing table, view or
     * materialized view — unless locks its transaction already held there meant the request could
     * not wait (a SHARE lock for an index build after the same transaction took ACCESS EXCLUSIVE).
     */
    static Map<Long, String> strongTaken(StepFacts f, StatementRecord r) {
        Map<Long, String> out = new LinkedHashMap<>();
        f.ledger().takenBy(r).forEach((relid, modes) -> {
            Catalog.Rel rel = f.pre().relation(relid);
            String mode = LockModes.strongest(modes);
            if (rel != null && rel.isTableLike() && LockModes.strong(mode)
                    && !LockModes.alreadyCovered(mode, f.ledger().heldBefore(r, relid))) {
                out.put(relid, mode);
            }
        });
        return out;
    }

    private static void strongLock(StepFacts f, Findings out, StatementRecord r, long relid, String mode) {
        LockLedger.Hold h = f.ledger().hold(r, relid, mode);
        String name = f.name(relid);
        long held = h == null ? 0 : h.durationMs();
        out.add(HazardId.STRONG_LOCK, name, r.statement(),
                out.where(r.statement()) + " took " + mode + " on " + name + ", which " + LockModes.effect(mode)
                        + ", and held it " + held + " ms.",
                "mode " + mode + "; held " + held + " ms" + (h == null ? "" : " (" + h.startMs() + " ms to " + h.endMs()
                        + " ms)") + "; lock_timeout " + timeout(r.lockTimeoutMs()),
                r.endMs());
    }

    private static void missingTimeout(StepFacts f, Findings out, StatementRecord r, long relid, String mode) {
        String name = f.name(relid);
        out.add(HazardId.MISSING_LOCK_TIMEOUT, name, r.statement(),
                out.where(r.statement()) + " requested " + mode + " on " + name
                        + " with lock_timeout unset: behind a long transaction it would have waited, and all traffic on "
                        + name + " with it.",
                "lock_timeout = 0 when the statement was sent; requested " + mode + " (" + LockModes.effect(mode) + ")",
                r.startMs());
    }

    private static void heldAcross(StepFacts f, Findings out) {
        Map<String, LockLedger.Hold> strongest = new LinkedHashMap<>();
        for (LockLedger.Hold h : f.ledger().holds()) {
            Catalog.Rel rel = f.pre().relation(h.relid());
            if (!h.taker().inBlock() || h.later().isEmpty() || !rel.isTableLike() || !LockModes.strong(h.mode())) {
                continue;
            }
            strongest.merge(h.taker().txn() + "|" + h.relid(), h, LockRules::firstThenStrongest);
        }
        for (LockLedger.Hold h : strongest.values()) {
            String name = f.name(h.relid());
            List<String> later = new ArrayList<>();
            long laterMs = 0;
            for (StatementRecord r : h.later()) {
                later.add(out.where(r.statement()) + " (" + (r.endMs() - r.startMs()) + " ms)");
                laterMs += r.endMs() - r.startMs();
            }
            out.add(HazardId.LOCK_HELD_ACROSS_STATEMENTS, name, h.taker().statement(),
                    h.mode() + " on " + name + " taken at " + out.where(h.taker().statement()) + " stayed held while "
                            + h.later().size() + " later statement" + (h.later().size() == 1 ? "" : "s")
                            + " of the same transaction ran, " + h.durationMs() + " ms in all.",
                    "mode " + h.mode() + " (" + LockModes.effect(h.mode()) + "); held " + h.durationMs() + " ms ("
                            + h.startMs() + " ms to " + h.endMs() + " ms); later statements: " + String.join(", ", later)
                            + "; " + laterMs + " ms of them",
                    h.endMs());
        }
    }

    /** The earlier hold (the one that started the blocking); of two taken together, the stronger. */
    private static LockLedger.Hold firstThenStrongest(LockLedger.Hold a, LockLedger.Hold b) {
        if (a.taker() != b.taker()) {
            return a.taker().index() <= b.taker().index() ? a : b;
        }
        return LockModes.strength(a.mode()) >= LockModes.strength(b.mode()) ? a : b;
    }

    static String timeout(long ms) {
        return ms == 0 ? "0 (unset)" : ms < 0 ? "unknown" : ms + " ms";
    }
}
