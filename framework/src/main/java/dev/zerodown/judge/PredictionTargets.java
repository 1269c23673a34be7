package dev.zerodown.judge;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.predict.Target;
import dev.zerodown.result.Hazard;
import dev.zerodown.trace.Catalog;
import dev.zerodown.trace.IndexChanges;
import dev.zerodown.trace.LockModes;
import dev.zerodown.trace.StatementRecord;
import dev.zerodown.trace.StepFacts;
import dev.zerodown.trace.StepTrace;
import org.apiguardian.api.API;

/**
 * Which statements of a step get their lock predicted at production size: each one with a
 * {@code table-rewrite}, {@code scan-under-lock}, {@code non-concurrent-index} or {@code strong-lock}
 * hazard, for each pre-existing table holding rows on which, holding a lock that blocks traffic, it
 * took that lock, built or rebuilt an index, rewrote the table or scanned it. A lock kept from an
 * earlier statement of the transaction alone does not make a table the statement's.
 */
@API(status = API.Status.INTERNAL)
public final class PredictionTargets {
    /** The hazards judged on a prediction. */
    static final Set<HazardId> PREDICTED = EnumSet.of(HazardId.TABLE_REWRITE, HazardId.SCAN_UNDER_LOCK,
            HazardId.NON_CONCURRENT_INDEX, HazardId.STRONG_LOCK);

    private PredictionTargets() {
    }

    /** The targets of {@code trace}, given the hazards judged from it. */
    public static List<Target> of(StepTrace trace, List<Hazard> hazards) {
        StepFacts f = trace.facts();
        List<Target> out = new ArrayList<>();
        if (f == null || trace.failed()) {
            return out;
        }
        for (StatementRecord r : f.records()) {
            if (r.failed() || r.catalog() == null || !hasHazard(hazards, trace.step().fileName(), r.line())) {
                continue;
            }
            Catalog before = f.before(r);
            IndexChanges indexes = IndexChanges.of(before, r.catalog());
            Map<Long, StatementLocks.Lock> taken = StatementLocks.strongTaken(f, r);
            for (Catalog.Rel rel : f.pre().relations().values()) {
                StatementLocks.Lock lock = rel.holdsRows() ? StatementLocks.modeFor(f, r, rel.oid()) : null;
                if (lock == null || !LockModes.strong(lock.mode())) {
                    continue;
                }
                boolean sorts = sorts(indexes, rel.oid());
                if (taken.containsKey(rel.oid()) || sorts || rewrote(before, r, rel.oid()) || scanned(r, rel.oid())) {
                    out.add(new Target(trace.step(), r.index(), rel.schema(), rel.name(), sorts));
                }
            }
        }
        return out;
    }

    private static boolean hasHazard(List<Hazard> hazards, String file, int line) {
        return hazards.stream().anyMatch(h -> PREDICTED.contains(h.id()) && file.equals(h.file())
                && h.line() != null && h.line() == line);
    }

    private static boolean rewrote(Catalog before, StatementRecord r, long table) {
        Catalog.Rel was = before.relation(table);
        Catalog.Rel now = r.catalog().relation(table);
        return was != null && now != null && was.filenode() != now.filenode();
    }

    private static boolean scanned(StatementRecord r, long table) {
        return r.delta() != null && r.delta().get(table) != null && r.delta().get(table).scans() > 0;
    }

    private static boolean sorts(IndexChanges c, long table) {
        return c.built().stream().anyMatch(i -> i.tableOid() == table)
                || c.rebuilt().stream().anyMatch(p -> p[0].tableOid() == table);
    }
}
