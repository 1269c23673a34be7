package dev.zerodown.trace;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.zerodown.config.Text;
import dev.zerodown.migrations.SqlStatement;
import dev.zerodown.result.Timeline;

/**
 * Runs the statements of one attempt of a step on the migration connection and measures each one:
 * lock_timeout before, locks held and catalog after, rows written and scans started (inside a
 * transaction block). Stops at the first failure or when the watchdog fired.
 */
final class StepRun {
    /** SQLStates after which a statement wrapped in a block for measuring is re-run as plain autocommit. */
    private static final Set<String> NEEDS_AUTOCOMMIT = Set.of("25001", "2D000");

    private final Connection migration;
    private final MigrationProbe probe;
    private final int pid;
    private final LockSource locks;
    private final Watchdog dog;
    private final Catalog pre;
    private final Map<Long, Long> rows;
    private final List<StatementRecord> records = new ArrayList<>();
    private final List<Txn> txns = new ArrayList<>();
    private final StepCallbacks callbacks;
    private Catalog last;
    private String commitError;

    StepRun(Connection migration, MigrationProbe probe, int pid, LockSource locks, Watchdog dog, Catalog pre,
            Map<Long, Long> rows, StepCallbacks callbacks) {
        this.callbacks = callbacks;
        this.migration = migration;
        this.probe = probe;
        this.pid = pid;
        this.locks = locks;
        this.dog = dog;
        this.pre = pre;
        this.rows = rows;
        this.last = pre;
    }

    List<StatementRecord> records() {
        return List.copyOf(records);
    }

    List<Txn> txns() {
        return List.copyOf(txns);
    }

    /** The error of a COMMIT that failed (deferred constraints), or null. */
    String commitError() {
        return commitError;
    }

    /**
     * Forgets the failed attempt before a retry and returns its records (for the timeline): the
     * whole step when it ran in one transaction (all rolled back), else only the failed statement.
     */
    List<StatementRecord> discardFailedAttempt(boolean wholeStep) {
        List<StatementRecord> gone = new ArrayList<>();
        if (wholeStep) {
            gone.addAll(records);
            records.clear();
            txns.clear();
            last = pre;
        } else if (!records.isEmpty()) {
            StatementRecord failed = records.remove(records.size() - 1);
            gone.add(failed);
            if (failed.inBlock() && userBlocks.containsKey(failed.txn())) {
                // the script's own transaction was rolled back as a whole: forget every statement of it
                for (int i = records.size() - 1; i >= 0 && records.get(i).txn() == failed.txn(); i--) {
                    gone.add(0, records.remove(i));
                }
                userBlocks.remove(failed.txn());
            }
            if (failed.inBlock() && !txns.isEmpty() && txns.get(txns.size() - 1).index() == failed.txn()) {
                txns.remove(txns.size() - 1);
            }
        }
        commitError = null;
        return gone;
    }

    /**
     * Runs every statement in one transaction, rolled back on failure or timeout; the step's
     * {@code beforeEachMigrate} callbacks first and its {@code afterEachMigrate} ones last, in the same transaction.
     */
    void inTransaction(List<SqlStatement> statements) throws SQLException {
        migration.setAutoCommit(false);
        int txn = txns.size();
        long start = locks.nowMs();
        callbacks.before(migration, dog);
        Probes.Xact counters = probe.after().xact();
        boolean ok = true;
        for (int i = 0; i < statements.size(); i++) {
            if (dog.fired()) {
                ok = false;
                break;
            }
            Measured m = measure(statements.get(i), i, txn, counters);
            records.add(m.record());
            if (m.record().failed()) {
                ok = false;
                break;
            }
            counters = m.after();
        }
        if (ok && !dog.fired()) {
            callbacks.after(migration, dog);
        }
        txns.add(end(txn, start, ok));
        migration.setAutoCommit(true);
    }

    /**
     * Runs the statements from {@code from} each on its own; transactional ones in a block of their own so they can be
     * measured. A script's own {@code BEGIN … COMMIT} is sent as written and the statements between are one block.
     * The {@code beforeEachMigrate} callbacks run first (on the first attempt), {@code afterEachMigrate} last.
     */
    void autocommit(List<SqlStatement> statements, int from) throws SQLException {
        migration.setAutoCommit(true);
        if (from == 0) {
            callbacks.before(migration, dog);
        }
        for (int i = from; i < statements.size(); i++) {
            if (dog.fired()) {
                return;
            }
            SqlStatement s = statements.get(i);
            if (TransactionControl.of(s) == TransactionControl.BEGIN) {
                i = userBlock(statements, i);
                if (i < 0) {
                    return;
                }
                continue;
            }
            StatementRecord r = s.transactional() ? wrapped(s, i) : measure(s, i, -1, null).record();
            records.add(r);
            if (r.failed()) {
                return;
            }
        }
        if (!dog.fired()) {
            callbacks.after(migration, dog);
        }
    }

    /**
     * Runs a script's own transaction from its {@code BEGIN} at {@code begin} to its {@code COMMIT} (or
     * {@code ROLLBACK}) on the server as written, measuring the statements between as one block; the control
     * statements themselves get no record, as a transactional step's BEGIN and COMMIT do not. Returns the index
     * of the statement that ended the block, or -1 when the block failed (its transaction is rolled back).
     */
    private int userBlock(List<SqlStatement> statements, int begin) throws SQLException {
        int txn = txns.size();
        long start = locks.nowMs();
        Probes.Xact counters = probe.after().xact();
        SQLException opened = execute(statements.get(begin));
        if (opened != null) {
            records.add(measureFailed(statements.get(begin), begin, start, opened));
            return -1;
        }
        userBlocks.put(txn, begin);
        for (int i = begin + 1; i < statements.size(); i++) {
            SqlStatement s = statements.get(i);
            TransactionControl control = TransactionControl.of(s);
            if (control == TransactionControl.COMMIT || control == TransactionControl.ROLLBACK) {
                SQLException ended = execute(s);
                boolean committed = control == TransactionControl.COMMIT && ended == null && !dog.fired();
                if (ended != null) {
                    commitError = (ended.getSQLState() == null ? "XX000" : ended.getSQLState()) + " "
                            + firstLine(ended.getMessage());
                    rollbackServerSide();
                }
                txns.add(new Txn(txn, start, locks.nowMs(), committed));
                return ended == null ? i : -1;
            }
            if (dog.fired()) {
                break;
            }
            Measured m = measure(s, i, txn, counters);
            records.add(m.record());
            if (m.record().failed()) {
                rollbackServerSide();
                txns.add(new Txn(txn, start, locks.nowMs(), false));
                return -1;
            }
            counters = m.after();
        }
        if (dog.fired()) {
            rollbackServerSide();
            txns.add(new Txn(txn, start, locks.nowMs(), false));
            return -1;
        }
        // no COMMIT before the end of the script: Flyway commits the open transaction with the step (measured with
        // Flyway 13: the rows stay, the step succeeds), so the block lasts until the script's end
        SQLException ended = execute(COMMIT);
        if (ended != null) {
            commitError = (ended.getSQLState() == null ? "XX000" : ended.getSQLState()) + " " + firstLine(ended.getMessage());
            rollbackServerSide();
        }
        txns.add(new Txn(txn, start, locks.nowMs(), ended == null));
        return ended == null ? statements.size() - 1 : -1;
    }

    private static final SqlStatement COMMIT = new SqlStatement("commit", 0, true, List.of());

    /** Which statement's BEGIN opened each of the script's own transactions (by transaction index). */
    private final Map<Integer, Integer> userBlocks = new java.util.HashMap<>();

    /**
     * Where a retry of the failed attempt starts: the failed statement, or the BEGIN of the script's own
     * transaction it failed in (everything since that BEGIN was rolled back).
     */
    int retryFrom(StatementRecord failed) {
        return failed.inBlock() ? userBlocks.getOrDefault(failed.txn(), failed.index()) : failed.index();
    }

    /** Ends the script's own transaction on the server after a failure (the connection stays in autocommit). */
    private void rollbackServerSide() {
        try (Statement st = migration.createStatement()) {
            st.execute("rollback");
        } catch (SQLException e) {
            // the backend is gone (terminated after a timeout): nothing left to roll back
        }
    }

    /** The record of a BEGIN the server refused. */
    private StatementRecord measureFailed(SqlStatement s, int position, long start, SQLException e) {
        String state = e.getSQLState() == null ? "XX000" : e.getSQLState();
        return new StatementRecord(position, s, -1, start, locks.nowMs(), state, firstLine(e.getMessage()),
                probeLockTimeout(), null, List.of(), null, null, Set.of());
    }

    private long probeLockTimeout() {
        try {
            return probe.lockTimeoutMs();
        } catch (SQLException e) {
            return -1;
        }
    }

    private StatementRecord wrapped(SqlStatement s, int position) throws SQLException {
        migration.setAutoCommit(false);
        int txn = txns.size();
        long start = locks.nowMs();
        StatementRecord r = measure(s, position, txn, probe.after().xact()).record();
        if (r.failed() && NEEDS_AUTOCOMMIT.contains(r.sqlState())) {
            rollbackQuietly();
            migration.setAutoCommit(true);
            return measure(s, position, -1, null).record();
        }
        txns.add(end(txn, start, !r.failed()));
        migration.setAutoCommit(true);
        return r;
    }

    private Txn end(int txn, long start, boolean commit) throws SQLException {
        boolean committed = false;
        if (commit && !dog.fired()) {
            try {
                migration.commit();
                committed = true;
            } catch (SQLException e) {
                commitError = e.getSQLState() + " " + firstLine(e.getMessage());
                rollbackQuietly();
            }
        } else {
            rollbackQuietly();
        }
        return new Txn(txn, start, locks.nowMs(), committed);
    }

    private void rollbackQuietly() {
        try {
            migration.rollback();
        } catch (SQLException e) {
            // the backend is gone (terminated after a timeout): nothing left to roll back
        }
    }

    /** A statement's record and the transaction's statistics after it. */
    private record Measured(StatementRecord record, Probes.Xact after) {
    }

    /**
     * Runs and measures one statement. Inside a block ({@code txn >= 0}) {@code before} holds the
     * statistics read after the previous statement, and one round trip after it reads the new
     * statistics and the backend's locks; only the parts of the catalog whose system tables the
     * statement wrote are read again. A statement that failed inside a block has aborted its
     * transaction, which released its locks: nothing more can be read.
     */
    private Measured measure(SqlStatement s, int position, int txn, Probes.Xact before) throws SQLException {
        long lockTimeout = before != null ? before.lockTimeoutMs() : probe.lockTimeoutMs();
        long start = locks.nowMs();
        SQLException error = execute(s);
        long end = locks.nowMs();
        List<Timeline.LockHold> sampled = locks.holds(pid, start, end);
        Set<Probes.HeldLock> held = txn >= 0 ? Set.of() : null;
        Catalog catalog = null;
        Probes.Xact after = null;
        Map<Long, Probes.Counters> delta = null;
        Set<Long> emptied = Set.of();
        if ((error == null || txn < 0) && !dog.fired()) {
            Set<CatalogReader.Part> changed = EnumSet.allOf(CatalogReader.Part.class);
            if (txn >= 0) {
                Probes.After a = probe.after();
                after = a.xact();
                held = a.locks();
                delta = after.minus(before);
                changed = after.changedParts(before);
            }
            catalog = probe.catalog(changed, last);
            emptied = changed.contains(CatalogReader.Part.RELATIONS) ? emptied(catalog) : Set.of();
            last = catalog;
        }
        String state = error == null ? null : error.getSQLState() == null ? "XX000" : error.getSQLState();
        String message = error == null ? null : firstLine(error.getMessage());
        return new Measured(new StatementRecord(position, s, txn, start, end, state, message, lockTimeout, held, sampled,
                catalog, delta, emptied), after);
    }

    private SQLException execute(SqlStatement s) {
        try (Statement st = migration.createStatement()) {
            boolean results = st.execute(s.sql());
            while (results || st.getUpdateCount() != -1) {
                results = st.getMoreResults();
            }
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    /** Pre-existing tables with rows at the start that got new storage and have no rows now (TRUNCATE). */
    private Set<Long> emptied(Catalog now) throws SQLException {
        Set<Long> out = new HashSet<>();
        for (Catalog.Rel before : last.relations().values()) {
            Catalog.Rel after = now.relation(before.oid());
            if (after == null || !before.holdsRows() || after.filenode() == before.filenode()
                    || rows.getOrDefault(before.oid(), 0L) == 0 || pre.relation(before.oid()) == null) {
                continue;
            }
            if (!Probes.hasRows(migration, after)) {
                out.add(before.oid());
            }
        }
        return out;
    }

    /** The first line of a server error, without its {@code ERROR: } prefix. */
    static String firstLine(String message) {
        return Text.firstLine(message != null && message.startsWith("ERROR: ") ? message.substring(7) : message);
    }
}
