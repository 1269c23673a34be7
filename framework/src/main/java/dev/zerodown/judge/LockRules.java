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
            StatementLocks.strongTaken(f, r).forEach((relid, lock) -> {
                strongLock(f, out, r, relid, lock);
                if (r.lockTimeoutMs() == 0) {
                    missingTimeout(f, out, r, relid, lock);
                }
            });
        }
        heldAcross(f, out);
    }

    private static void strongLock(StepFacts f, Findings out, StatementRecord r, long relid, StatementLocks.Lock lock) {
        String mode = lock.mode();
        LockLedger.Hold h = StatementLocks.hold(f, r, relid, lock);
        String name = f.name(relid);
        long held = StatementLocks.heldMs(f, r, relid, lock);
        String heldText = lock.documented() ? "for at most " + held + " ms (the statement's duration)" : held + " ms";
        out.add(HazardId.STRONG_LOCK, name, r.statement(),
                out.where(r.statement()) + " took " + mode + " on " + name + ", which " + LockModes.effect(mode)
                        + ", and held it " + heldText + ".",
                "mode " + lock.described() + "; held " + (lock.documented() ? "at most " : "") + held + " ms"
                        + (h != null ? " (" + h.startMs() + " ms to " + h.endMs() + " ms)"
                        : lock.documented() ? " (" + r.startMs() + " ms to " + r.endMs() + " ms)" : "")
                        + "; lock_timeout " + timeout(r.lockTimeoutMs()),
                r.endMs());
    }

    private static void missingTimeout(StepFacts f, Findings out, StatementRecord r, long relid, StatementLocks.Lock lock) {
        String name = f.name(relid);
        out.add(HazardId.MISSING_LOCK_TIMEOUT, name, r.statement(),
                out.where(r.statement()) + " requested " + lock.mode() + " on " + name
                        + " with lock_timeout unset: behind a long transaction it would have waited, and all traffic on "
                        + name + " with it.",
                "lock_timeout = 0 when the statement was sent; requested " + lock.mode() + " (" + LockModes.effect(lock.mode())
                        + "; " + lock.source() + ")",
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
