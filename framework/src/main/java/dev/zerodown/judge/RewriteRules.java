package dev.zerodown.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.zerodown.config.Text;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.trace.Catalog;
import dev.zerodown.trace.IndexChanges;
import dev.zerodown.trace.LockModes;
import dev.zerodown.trace.StatementRecord;
import dev.zerodown.trace.StepFacts;

/** {@code table-rewrite}: a pre-existing table or materialized view got a new relfilenode (TRUNCATE excepted). */
final class RewriteRules {
    private RewriteRules() {
    }

    static void apply(StepFacts f, Findings out) {
        Map<StatementRecord, Set<Long>> truncated = f.truncations();
        for (StatementRecord r : f.records()) {
            if (r.catalog() == null) {
                continue;
            }
            Catalog before = f.before(r);
            for (Catalog.Rel old : before.relations().values()) {
                Catalog.Rel now = r.catalog().relation(old.oid());
                if (now == null || !old.holdsRows() || !f.preExisting(old.oid()) || now.filenode() == old.filenode()
                        || truncated.get(r).contains(old.oid())) {
                    continue;
                }
                rewrite(f, out, r, before, old, now);
            }
        }
    }

    private static void rewrite(StepFacts f, Findings out, StatementRecord r, Catalog before, Catalog.Rel old,
                                Catalog.Rel now) {
        String name = f.name(old.oid());
        List<String> indexes = new ArrayList<>();
        for (Catalog.Rel[] pair : IndexChanges.of(before, r.catalog()).rebuilt()) {
            if (pair[0].tableOid() == old.oid()) {
                indexes.add(pair[0].qualified() + " (" + pair[0].filenode() + " -> " + pair[1].filenode() + ")");
            }
        }
        StatementLocks.Lock held = StatementLocks.modeFor(f, r, old.oid());
        String lock = held == null ? "lock not observed" : held.mode() + " (" + LockModes.effect(held.mode()) + ")";
        String lockEvidence = held == null ? "not observed" : held.described();
        out.add(HazardId.TABLE_REWRITE, name, r.statement(),
                out.where(r.statement()) + " rewrote " + old.kindName() + " " + name + " ("
                        + Text.number(f.rowsAtStart(old.oid())) + " rows) into new storage while holding " + lock + ".",
                "relfilenode " + old.filenode() + " -> " + now.filenode() + "; rows " + Text.number(f.rowsAtStart(old.oid()))
                        + "; statement took " + (r.endMs() - r.startMs()) + " ms; lock " + lockEvidence
                        + (indexes.isEmpty() ? "" : "; indexes rebuilt: " + String.join(", ", indexes)),
                r.endMs());
    }
}
