package dev.zerodown.hazards;

import java.util.EnumMap;
import java.util.Map;
import org.apiguardian.api.API;

/** The safe way to do what a hazard found: one paragraph per hazard id, shown in every report. */
@API(status = API.Status.INTERNAL)
public final class Recipes {
    private static final Map<HazardId, String> TEXT = new EnumMap<>(HazardId.class);

    /** The recipe of a {@code non-concurrent-index} that dropped an index (DROP INDEX, DROP COLUMN of an indexed column). */
    public static final String INDEX_DROP = "Drop indexes of live tables with DROP INDEX CONCURRENTLY, in a migration that "
            + "runs outside a transaction (a script of only such statements does, or set executeInTransaction=false): it "
            + "takes SHARE UPDATE EXCLUSIVE, which blocks neither reads nor writes. Before dropping an indexed column, drop "
            + "its indexes that way in an earlier migration, so that the column drop's ACCESS EXCLUSIVE lock covers only the "
            + "catalog change. A plain DROP INDEX holds ACCESS EXCLUSIVE on the table until commit, and while it waits for "
            + "that lock every request on the table queues behind it: set lock_timeout if you keep it.";

    /** The recipe of a {@code scan-under-lock} that checked a partition bound (ALTER TABLE ... ATTACH PARTITION). */
    public static final String ATTACH_PARTITION = "Prove the partition bound before attaching: add a CHECK constraint that "
            + "matches it (the partition key NOT NULL and within the bound, for example CHECK (taken_on IS NOT NULL AND "
            + "taken_on >= '2024-01-01' AND taken_on < '2025-01-01')) as NOT VALID, run VALIDATE CONSTRAINT in its own "
            + "transaction (it scans under SHARE UPDATE EXCLUSIVE, which blocks neither reads nor writes), then ATTACH "
            + "PARTITION: PostgreSQL skips the scan when a valid CHECK constraint implies the bound. Drop the CHECK "
            + "afterwards. A default partition is scanned too, to prove none of its rows belongs to the new partition: give "
            + "it a validated CHECK that excludes the new bound the same way.";

    static {
        TEXT.put(HazardId.FAILED_REQUESTS, "Make every step compatible with every version live while it runs: expand first "
                + "(new nullable columns, new tables, views), deploy code that works with both shapes, and contract (drop, "
                + "rename, tighten) only once no live version uses the old shape. The failing statements and SQLStates in the "
                + "report show which version broke on which change.");
        TEXT.put(HazardId.INVARIANT_VIOLATED, "Keep the old and the new shape in sync while both are live: dual-write from "
                + "the application or with a trigger, backfill existing rows in batches, and switch reads only once the "
                + "invariant holds from that state on.");
        TEXT.put(HazardId.BLOCKED_REQUESTS, "Hold strong locks only for a moment and never queue for them: set lock_timeout "
                + "(SET lock_timeout = '2s') and retry, keep each transaction to one short catalog-only statement, and move "
                + "whatever scans or rewrites out from under the lock (CREATE INDEX CONCURRENTLY, ADD CONSTRAINT ... NOT VALID "
                + "then VALIDATE CONSTRAINT, batched backfills).");
        TEXT.put(HazardId.TABLE_REWRITE, "Avoid statements that rewrite a live table under ACCESS EXCLUSIVE: add a column "
                + "without a volatile default (add it nullable or with a constant default, backfill in batches), change types "
                + "only in binary-compatible ways (widen varchar(n), varchar to text, drop a numeric precision limit), and for "
                + "other type changes add a new column of the new type, dual-write and backfill it in batches, and swap in a "
                + "later step. VACUUM FULL and CLUSTER rewrite too: use pg_repack or pg_squeeze on live tables.");
        TEXT.put(HazardId.SCAN_UNDER_LOCK, "Add constraints as NOT VALID (a brief lock, no scan) and run VALIDATE CONSTRAINT "
                + "in a later transaction: it scans under SHARE UPDATE EXCLUSIVE, which blocks neither reads nor writes. For "
                + "NOT NULL, add CHECK (col IS NOT NULL) NOT VALID, validate it, then SET NOT NULL (PostgreSQL 12+ skips the "
                + "scan when a validated check proves it) and drop the check; on PostgreSQL 18, ADD CONSTRAINT name NOT NULL "
                + "col NOT VALID followed by VALIDATE CONSTRAINT does the same. For a primary key USING INDEX, make the "
                + "columns NOT NULL that way first.");
        TEXT.put(HazardId.NON_CONCURRENT_INDEX, "Create, drop and rebuild indexes of live tables with CREATE INDEX "
                + "CONCURRENTLY, DROP INDEX CONCURRENTLY and REINDEX ... CONCURRENTLY, each in a migration that runs outside "
                + "a transaction (a script of only such statements does, or set executeInTransaction=false). For a unique "
                + "constraint or primary key, build the unique index concurrently first and then ADD CONSTRAINT ... USING "
                + "INDEX.");
        TEXT.put(HazardId.STRONG_LOCK, "Keep SHARE and stronger locks on live tables to catalog-only statements that finish "
                + "in milliseconds, with lock_timeout set so the statement gives up rather than queue traffic behind it, and "
                + "retry; prefer the forms that take SHARE UPDATE EXCLUSIVE (CONCURRENTLY, NOT VALID + VALIDATE CONSTRAINT, "
                + "DETACH PARTITION ... CONCURRENTLY).");
        TEXT.put(HazardId.LOCK_HELD_ACROSS_STATEMENTS, "Commit right after a statement that takes a strong lock: make it the "
                + "last statement of its transaction or put it in its own migration, and merge several changes to one table "
                + "into a single ALTER TABLE. Whatever runs after it in the same transaction (backfills, index builds, other "
                + "tables) lengthens the time traffic waits.");
        TEXT.put(HazardId.MISSING_LOCK_TIMEOUT, "Start every migration that takes a strong lock with SET lock_timeout = '2s' "
                + "(or have the runner set it: Flyway's initSql, the lockTimeout setting here) and retry on SQLState 55P03. "
                + "Without it, a statement waiting for its lock behind a long transaction makes every later request on that "
                + "table queue behind it.");
        TEXT.put(HazardId.LOCK_QUEUE, "Set lock_timeout so the migration gives up quickly when another transaction holds "
                + "the table, and retry with backoff (lockTimeout and lockRetries here); find and shorten the long "
                + "transactions (idle in transaction, long reports, open cursors) that hold locks on the tables you migrate.");
        TEXT.put(HazardId.BACKWARD_INCOMPATIBLE, "Use expand/contract: never drop, rename or retype what a live version "
                + "still uses. Add the new column or table beside the old one, deploy code that writes both and reads the new "
                + "one, backfill, and drop the old one in a later contract step once every version that used it is retired. "
                + "Instead of a rename, add a new column (or a view with the old name) and migrate readers.");
        TEXT.put(HazardId.DESTRUCTIVE, "Drop data only in a contract step, once every version that read it is retired and "
                + "the data is backed up or no longer needed; to keep a grace period, rename the table or stop writing the "
                + "column first and drop it in a later release.");
        TEXT.put(HazardId.UNBATCHED_BACKFILL, "Backfill in batches of a few thousand rows by primary-key range, each batch in "
                + "its own transaction (a migration with executeInTransaction=false, a DO loop with COMMIT in a procedure, or "
                + "application code), so row locks stay short, and WAL and replication lag stay smooth.");
        TEXT.put(HazardId.MIGRATION_FAILED, "Make the statement succeed on data like production's: clean up rows that "
                + "violate a new constraint before adding it (or add it NOT VALID and validate after the cleanup), run "
                + "statements that cannot run in a transaction in their own migration, and check the syntax on the "
                + "PostgreSQL major that production runs. A failed step leaves the release stuck until it is fixed.");
        TEXT.put(HazardId.INVALID_INDEX, "Drop the invalid index with DROP INDEX CONCURRENTLY before retrying, and fix the "
                + "cause first (duplicate keys for a unique index, a deadlock, a cancelled build): an invalid index is "
                + "maintained on every write, used by no query, enforces nothing, and makes a retry with the same name fail.");
    }

    private Recipes() {
    }

    /** The recipe for {@code id}: one paragraph. */
    public static String of(HazardId id) {
        return TEXT.get(id);
    }
}
