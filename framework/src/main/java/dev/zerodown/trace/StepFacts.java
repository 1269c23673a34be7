package dev.zerodown.trace;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.zerodown.migrations.MigrationStep;
import org.apiguardian.api.API;

/**
 * Everything measured for one step, the input of the hazard rules in {@code dev.zerodown.judge}.
 *
 * @param pre     the catalog when the step began (defines "pre-existing")
 * @param rows    rows of each pre-existing table when the step began (capped, see {@link Probes})
 * @param records the statements that ran, in order (the failed one last)
 * @param post    the committed catalog after the step
 * @param ending  how the step ended: refused, timed out, COMMIT failed, attempts retried
 */
@API(status = API.Status.INTERNAL)
public record StepFacts(MigrationStep step, TraceSettings settings, Catalog pre, Map<Long, Long> rows,
                 List<StatementRecord> records, List<Txn> txns, Catalog post, LockLedger ledger, StepEnding ending) {

    /** The catalog as it was just before {@code r} ran. */
    public Catalog before(StatementRecord r) {
        Catalog c = pre;
        for (StatementRecord x : records) {
            if (x == r) {
                return c;
            }
            if (x.catalog() != null) {
                c = x.catalog();
            }
        }
        return c;
    }

    public long rowsAtStart(long relid) {
        return rows.getOrDefault(relid, 0L);
    }

    public boolean preExisting(long oid) {
        return pre.relation(oid) != null;
    }

    public String name(long oid) {
        Catalog.Rel r = pre.relation(oid);
        return r != null ? r.qualified() : post.relation(oid) != null ? post.relation(oid).qualified() : "oid " + oid;
    }

    /**
     * Tables each statement emptied by giving them new storage (TRUNCATE): measured as new
     * relfilenode and no rows left, unless earlier statements of the step had already deleted
     * as many rows as the table had.
     */
    public Map<StatementRecord, Set<Long>> truncations() {
        Map<StatementRecord, Set<Long>> out = new HashMap<>();
        Map<Long, Long> written = new HashMap<>();
        for (StatementRecord r : records) {
            Set<Long> t = new HashSet<>();
            for (long relid : r.emptied()) {
                if (written.getOrDefault(relid, 0L) < rowsAtStart(relid)) {
                    t.add(relid);
                }
            }
            out.put(r, t);
            if (r.delta() != null) {
                r.delta().forEach((relid, c) -> written.merge(relid, c.writes(), Long::sum));
            }
        }
        return out;
    }
}
