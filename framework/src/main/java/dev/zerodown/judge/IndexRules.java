package dev.zerodown.judge;

import java.util.Map;
import java.util.Set;
import dev.zerodown.config.Text;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.hazards.Recipes;
import dev.zerodown.hazards.Severity;
import dev.zerodown.result.Hazard;
import dev.zerodown.trace.Catalog;
import dev.zerodown.trace.IndexChanges;
import dev.zerodown.trace.LockModes;
import dev.zerodown.trace.StatementRecord;
import dev.zerodown.trace.StepFacts;

/**
 * {@code non-concurrent-index}: an index of a pre-existing table created, dropped or rebuilt while
 * a lock blocking writes was held on the table (judged from the catalog and the locks, not the SQL);
 * a build or rebuild grows with the table and is an error, a drop is judged by how long it held the lock;
 * {@code invalid-index}: an index left INVALID after the step that was not invalid before it.
 */
final class IndexRules {
    private IndexRules() {
    }

    static void apply(StepFacts f, Findings out) {
        Map<StatementRecord, Set<Long>> truncated = f.truncations();
        for (StatementRecord r : f.records()) {
            if (r.catalog() == null) {
                continue;
            }
            Catalog before = f.before(r);
            IndexChanges changes = IndexChanges.of(before, r.catalog());
            for (Catalog.Rel idx : changes.built()) {
                if (f.preExisting(idx.tableOid())) {
                    judge(f, out, r, idx, "built", idx.tableOid());
                }
            }
            for (Catalog.Rel idx : changes.dropped()) {
                if (f.preExisting(idx.oid()) && r.catalog().relation(idx.tableOid()) != null) {
                    dropped(f, out, r, idx);
                }
            }
            for (Catalog.Rel[] pair : changes.rebuilt()) {
                long table = pair[0].tableOid();
                Catalog.Rel tableNow = r.catalog().relation(table);
                boolean tableRewritten = tableNow == null || before.relation(table) == null
                        || tableNow.filenode() != before.relation(table).filenode() || truncated.get(r).contains(table);
                if (f.preExisting(table) && !tableRewritten) {
                    judge(f, out, r, pair[0], "rebuilt (relfilenode " + pair[0].filenode() + " -> " + pair[1].filenode()
                            + ")", table);
                }
            }
        }
        invalid(f, out);
    }

    private static void judge(StepFacts f, Findings out, StatementRecord r, Catalog.Rel idx, String what, long tableOid) {
        StatementLocks.Lock lock = StatementLocks.modeFor(f, r, tableOid);
        if (lock == null || !LockModes.blocksWrites(lock.mode())) {
            return;
        }
        String mode = lock.mode();
        String table = f.name(tableOid);
        out.add(HazardId.NON_CONCURRENT_INDEX, idx.qualified(), r.statement(),
                out.where(r.statement()) + " " + what.replaceFirst(" \\(.*", "") + " index " + idx.qualified() + " on " + table
                        + " without CONCURRENTLY, holding " + mode + " on the table (" + LockModes.effect(mode) + ").",
                "index " + idx.qualified() + " " + what + "; table " + table + " (" + Text.number(f.rowsAtStart(tableOid))
                        + " rows) locked " + lock.described() + "; statement took " + (r.endMs() - r.startMs()) + " ms",
                r.endMs());
    }

    /**
     * An index dropped without CONCURRENTLY, judged by what it cost: unlike a build, a drop does not
     * grow with the table, so it is an error only when the lock on the table was held at least
     * {@code maxLockWait} (or, with traffic, when requests waited on it that long: see
     * {@link HazardRules#withTraffic}); else a warning.
     */
    private static void dropped(StepFacts f, Findings out, StatementRecord r, Catalog.Rel idx) {
        long tableOid = idx.tableOid();
        StatementLocks.Lock lock = StatementLocks.modeFor(f, r, tableOid);
        if (lock == null || !LockModes.blocksWrites(lock.mode())) {
            return;
        }
        String mode = lock.mode();
        String table = f.name(tableOid);
        long held = StatementLocks.heldMs(f, r, tableOid, lock);
        long limit = f.settings().maxLockWait().toMillis();
        boolean tooLong = held >= limit;
        String heldText = (lock.documented() ? "at most " : "") + held + " ms";
        out.add(HazardId.NON_CONCURRENT_INDEX, tooLong ? Severity.ERROR : Severity.WARNING, Recipes.INDEX_DROP, idx.qualified(),
                r.statement(),
                out.where(r.statement()) + " dropped index " + idx.qualified() + " on " + table + " without CONCURRENTLY,"
                        + " holding " + mode + " on the table (" + LockModes.effect(mode) + ") for " + heldText
                        + (tooLong ? ", at least maxLockWait (" + limit + " ms)." : "."),
                "index " + idx.qualified() + " dropped; table " + table + " (" + Text.number(f.rowsAtStart(tableOid))
                        + " rows) locked " + lock.described() + ", held " + heldText
                        + (tooLong ? ", at least maxLockWait=" + limit + "ms"
                        : ", under maxLockWait=" + limit + "ms: a warning unless requests wait on it longer")
                        + "; statement took " + (r.endMs() - r.startMs()) + " ms",
                r.endMs());
    }

    /**
     * The table (schema-qualified) of the index that {@code h}, a {@code non-concurrent-index} of this
     * step, found dropped; null when it found a build or a rebuild.
     */
    static String droppedFrom(StepFacts f, Hazard h) {
        if (f == null || h.line() == null || !f.step().fileName().equals(h.file())) {
            return null;
        }
        for (StatementRecord r : f.records()) {
            if (r.line() != h.line() || r.catalog() == null) {
                continue;
            }
            for (Catalog.Rel idx : IndexChanges.of(f.before(r), r.catalog()).dropped()) {
                if (idx.qualified().equals(h.relation())) {
                    return f.name(idx.tableOid());
                }
            }
        }
        return null;
    }

    private static void invalid(StepFacts f, Findings out) {
        for (Catalog.Rel idx : f.post().relations().values()) {
            if (!idx.isIndex() || idx.valid()) {
                continue;
            }
            Catalog.Rel was = f.pre().relation(idx.oid());
            if (was != null && !was.valid()) {
                StatementRecord touching = touching(f, idx);
                if (touching != null) {
                    out.add(HazardId.INVALID_INDEX, idx.qualified(), touching.statement(),
                            "Index " + idx.qualified() + " on " + f.name(idx.tableOid()) + " is still INVALID after this"
                                    + " step: an earlier failed build left it, and " + out.where(touching.statement())
                                    + " did not rebuild it (CREATE INDEX … IF NOT EXISTS skips an invalid index).",
                            "pg_index.indisvalid = false before and after the step, which touched " + f.name(idx.tableOid()),
                            touching.endMs());
                }
                continue;
            }
            StatementRecord by = firstInvalid(f, idx.oid());
            out.add(HazardId.INVALID_INDEX, idx.qualified(), by == null ? null : by.statement(),
                    "Index " + idx.qualified() + " on " + f.name(idx.tableOid()) + " was left INVALID"
                            + (by == null ? "" : " by " + out.where(by.statement())
                            + (by.failed() ? ", which failed with " + by.sqlState() : "")) + ".",
                    "pg_index.indisvalid = false after the step" + (by != null && by.failed() ? "; " + by.error() : ""),
                    by == null ? -1 : by.endMs());
        }
    }

    /** The first statement that names the index or locks its table, or null: an untouched table's old invalid index is not this step's. */
    private static StatementRecord touching(StepFacts f, Catalog.Rel idx) {
        String name = idx.name().toLowerCase(java.util.Locale.ROOT);
        for (StatementRecord r : f.records()) {
            String sql = r.statement().sql().toLowerCase(java.util.Locale.ROOT);
            if (sql.contains(name) || StatementLocks.modeFor(f, r, idx.tableOid()) != null) {
                return r;
            }
        }
        return null;
    }

    private static StatementRecord firstInvalid(StepFacts f, long oid) {
        for (StatementRecord r : f.records()) {
            Catalog.Rel idx = r.catalog() == null ? null : r.catalog().relation(oid);
            if (idx != null && !idx.valid()) {
                return r;
            }
        }
        return f.records().isEmpty() ? null : f.records().get(f.records().size() - 1);
    }
}
