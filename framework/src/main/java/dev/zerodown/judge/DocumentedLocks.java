package dev.zerodown.judge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import dev.zerodown.sql.Keywords;
import dev.zerodown.trace.Catalog;
import dev.zerodown.trace.IndexChanges;
import dev.zerodown.trace.StatementRecord;
import dev.zerodown.trace.StepFacts;

/**
 * The table lock each command takes, as PostgreSQL documents it: the one table of documented modes.
 * A statement that runs outside a transaction block releases its locks when it ends, so the tracer
 * cannot read them back from pg_locks and only the lock sampler may have seen them; the judge then
 * takes the documented mode as well, so a hazard does not depend on whether a sample fell inside a
 * statement of a few milliseconds.
 *
 * <p>Which relation a row's mode applies to is measured, not read from the SQL: the tables the
 * statement gave new storage ({@link On#REWRITTEN}), the tables of the indexes it built, rebuilt or
 * dropped ({@link On#INDEXED}), the partitions it detached ({@link On#DETACHED}). Rows {@link On#NAMED} take a mode that blocks neither reads nor writes,
 * so no hazard needs their relation; they are listed so that the table is complete and tested.
 *
 * <p>Sources: the PostgreSQL documentation (13 to 18 agree), section 13.3.1 "Table-Level Locks"
 * (https://www.postgresql.org/docs/current/explicit-locking.html#LOCKING-TABLES) and the reference page
 * of each command, named in {@link Row#docs()}. {@code DocumentedLocksTest} checks every mode against a
 * real server: the mode the command queues for while another session holds the weakest mode that
 * conflicts with it.
 */
final class DocumentedLocks {
    /** Which relations a documented mode is taken on. */
    enum On {
        /** the tables and materialized views the statement gave new storage (relfilenode) */
        REWRITTEN,
        /** the tables of the indexes the statement built, rebuilt or dropped */
        INDEXED,
        /** the partitions the statement detached (no longer a partition after it) */
        DETACHED,
        /** the relation the statement names (not resolved: the mode blocks neither reads nor writes) */
        NAMED
    }

    /** A mode and the relations it is taken on. */
    record Grant(On on, String mode) {
    }

    /**
     * One documented command.
     *
     * @param command the command as the evidence names it ("documented for VACUUM FULL")
     * @param grants  the table locks it takes
     * @param docs    where PostgreSQL documents them
     * @param matches whether a statement's first words (see {@link #head}) are this command
     */
    record Row(String command, List<Grant> grants, String docs, Predicate<List<String>> matches) {
        Row(String command, On on, String mode, String docs, Predicate<List<String>> matches) {
            this(command, List.of(new Grant(on, mode)), docs, matches);
        }

        /** The mode taken on the relations {@code on} designates, or null. */
        String mode(On on) {
            return grants.stream().filter(g -> g.on() == on).map(Grant::mode).findFirst().orElse(null);
        }
    }

    /** A documented lock on one relation. */
    record Lock(String mode, String command) {
    }

    private static final String TABLE_LOCKS = "13.3.1 Table-Level Locks";
    private static final String SUE = "ShareUpdateExclusiveLock";
    private static final String AEL = "AccessExclusiveLock";

    /** First match wins: the CONCURRENTLY forms before the plain ones, the generic rewrite last. */
    static final List<Row> ROWS = List.of(
            new Row("VACUUM FULL", On.REWRITTEN, AEL,
                    "VACUUM (\"VACUUM FULL … requires an ACCESS EXCLUSIVE lock on the table\"); " + TABLE_LOCKS,
                    k -> Keywords.startsWith(k, "VACUUM") && option(k, "FULL")),
            new Row("VACUUM", On.NAMED, SUE,
                    TABLE_LOCKS + " (SHARE UPDATE EXCLUSIVE: \"VACUUM (without FULL)\")", k -> Keywords.startsWith(k, "VACUUM")),
            new Row("ANALYZE", On.NAMED, SUE, TABLE_LOCKS + " (SHARE UPDATE EXCLUSIVE: \"ANALYZE\")",
                    k -> Keywords.startsWith(k, "ANALYZE") || Keywords.startsWith(k, "ANALYSE")),
            new Row("CLUSTER", On.REWRITTEN, AEL,
                    "CLUSTER (\"an ACCESS EXCLUSIVE lock is acquired on it\"); " + TABLE_LOCKS, k -> Keywords.startsWith(k, "CLUSTER")),
            new Row("REINDEX CONCURRENTLY", On.INDEXED, SUE,
                    "REINDEX, Rebuilding Indexes Concurrently; " + TABLE_LOCKS + " (SHARE UPDATE EXCLUSIVE)",
                    k -> Keywords.startsWith(k, "REINDEX") && option(k, "CONCURRENTLY")),
            new Row("REINDEX", On.INDEXED, "ShareLock",
                    "REINDEX (\"locks out writes but not reads of the index's parent table. It also takes an ACCESS"
                            + " EXCLUSIVE lock on the specific index being processed\")", k -> Keywords.startsWith(k, "REINDEX")),
            new Row("CREATE INDEX CONCURRENTLY", On.INDEXED, SUE,
                    "CREATE INDEX, Building Indexes Concurrently; " + TABLE_LOCKS + " (SHARE UPDATE EXCLUSIVE)",
                    k -> createIndex(k) && k.contains("CONCURRENTLY")),
            new Row("CREATE INDEX", On.INDEXED, "ShareLock",
                    TABLE_LOCKS + " (SHARE: \"CREATE INDEX (without CONCURRENTLY)\")", DocumentedLocks::createIndex),
            new Row("DROP INDEX CONCURRENTLY", On.INDEXED, SUE,
                    "DROP INDEX (CONCURRENTLY: \"without locking out concurrent selects, inserts, updates, and deletes"
                            + " on the index's table\")", k -> Keywords.startsWith(k, "DROP", "INDEX", "CONCURRENTLY")),
            new Row("DROP INDEX", On.INDEXED, AEL,
                    "DROP INDEX (\"A normal DROP INDEX acquires an ACCESS EXCLUSIVE lock on the table\")",
                    k -> Keywords.startsWith(k, "DROP", "INDEX")),
            new Row("DETACH PARTITION CONCURRENTLY", List.of(new Grant(On.NAMED, SUE), new Grant(On.DETACHED, AEL)),
                    "ALTER TABLE, DETACH PARTITION (\"During the first transaction, a SHARE UPDATE EXCLUSIVE lock is taken"
                            + " on both parent table and partition … the second transaction acquires SHARE UPDATE EXCLUSIVE on"
                            + " the partitioned table and ACCESS EXCLUSIVE on the partition\")",
                    k -> Keywords.startsWith(k, "ALTER", "TABLE") && after(k, "DETACH", "CONCURRENTLY")),
            new Row("TRUNCATE", On.REWRITTEN, AEL,
                    "TRUNCATE (\"acquires an ACCESS EXCLUSIVE lock on each table it operates on\"); " + TABLE_LOCKS,
                    k -> Keywords.startsWith(k, "TRUNCATE")),
            new Row("REFRESH MATERIALIZED VIEW", On.REWRITTEN, AEL,
                    TABLE_LOCKS + " (ACCESS EXCLUSIVE: \"REFRESH MATERIALIZED VIEW (without CONCURRENTLY)\")",
                    k -> Keywords.startsWith(k, "REFRESH", "MATERIALIZED", "VIEW") && !k.contains("CONCURRENTLY")),
            new Row("a table rewrite", On.REWRITTEN, AEL,
                    TABLE_LOCKS + " (ACCESS EXCLUSIVE: VACUUM FULL, CLUSTER, TRUNCATE, REFRESH MATERIALIZED VIEW and the"
                            + " rewriting forms of ALTER TABLE)", k -> true));

    private static final int HEAD_TOKENS = 32;

    private DocumentedLocks() {
    }

    /** The row for {@code sql} (the generic rewrite row when no command row matches). */
    static Row row(String sql) {
        List<String> head = Keywords.head(sql, HEAD_TOKENS);
        return ROWS.stream().filter(r -> r.matches().test(head)).findFirst().orElseThrow();
    }

    /**
     * The documented lock of {@code r} on each pre-existing relation it applies to, as measured by the
     * statement's catalog changes; the generic rewrite row covers rewritten tables that the
     * statement's own row does not (a procedure that rewrites, say).
     */
    static Map<Long, Lock> of(StepFacts f, StatementRecord r) {
        Map<Long, Lock> out = new LinkedHashMap<>();
        if (r.catalog() == null) {
            return out;
        }
        Row row = row(r.statement().sql());
        Catalog before = f.before(r);
        for (Grant g : row.grants()) {
            for (long relid : relations(g.on(), f, before, r)) {
                out.put(relid, new Lock(g.mode(), row.command()));
            }
        }
        Row rewrite = ROWS.get(ROWS.size() - 1);
        for (long relid : relations(On.REWRITTEN, f, before, r)) {
            out.putIfAbsent(relid, new Lock(rewrite.mode(On.REWRITTEN), rewrite.command()));
        }
        return out;
    }

    private static List<Long> relations(On on, StepFacts f, Catalog before, StatementRecord r) {
        List<Long> out = new ArrayList<>();
        switch (on) {
            case REWRITTEN -> {
                for (Catalog.Rel old : before.relations().values()) {
                    Catalog.Rel now = r.catalog().relation(old.oid());
                    if (old.holdsRows() && f.preExisting(old.oid()) && now != null && now.filenode() != old.filenode()) {
                        out.add(old.oid());
                    }
                }
            }
            case INDEXED -> {
                IndexChanges c = IndexChanges.of(before, r.catalog());
                List<Catalog.Rel> indexes = new ArrayList<>(c.built());
                indexes.addAll(c.dropped());
                c.rebuilt().forEach(p -> indexes.add(p[0]));
                for (Catalog.Rel idx : indexes) {
                    if (f.preExisting(idx.tableOid()) && !out.contains(idx.tableOid())) {
                        out.add(idx.tableOid());
                    }
                }
            }
            case DETACHED -> {
                for (Catalog.Rel old : before.relations().values()) {
                    Catalog.Rel now = r.catalog().relation(old.oid());
                    if (old.isPartition() && f.preExisting(old.oid()) && now != null && !now.isPartition()) {
                        out.add(old.oid());
                    }
                }
            }
            default -> {
                // a mode that blocks neither reads nor writes: no hazard needs the relation
            }
        }
        return out;
    }

    /** {@code word} as a keyword or a parenthesized option not turned off ({@code (FULL false)}). */
    private static boolean option(List<String> k, String word) {
        int i = k.indexOf(word);
        if (i < 0) {
            return false;
        }
        String next = i + 1 < k.size() ? k.get(i + 1) : "";
        return !(next.equals("FALSE") || next.equals("OFF") || next.equals("0"));
    }

    private static boolean createIndex(List<String> k) {
        return Keywords.startsWith(k, "CREATE", "INDEX") || Keywords.startsWith(k, "CREATE", "UNIQUE", "INDEX");
    }

    private static boolean after(List<String> k, String first, String then) {
        int i = k.indexOf(first);
        return i >= 0 && k.subList(i, k.size()).contains(then);
    }
}
