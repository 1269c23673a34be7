package dev.zerodown.locks;

/**
 * One row of a sample: a lock some backend waits for, or a relation lock the migration holds.
 *
 * @param pid             the backend
 * @param granted         true for a held lock, false for a wait
 * @param locktype        pg_locks.locktype, such as {@code relation} or {@code transactionid}
 * @param mode            lock mode, such as {@code AccessExclusiveLock}
 * @param relationOid     pg_locks.relation, 0 when none
 * @param relationName    schema-qualified name, null when the relation is not visible to the monitor
 * @param target          what is waited for: the lock's identity (all identifying columns of pg_locks and
 *                        the mode) and the start of the waiting statement, so that two statements of
 *                        one connection waiting in turn on the same lock are two waits
 * @param applicationName the waiter's application_name (null for held locks)
 * @param query           the waiter's current query, shortened (null for held locks)
 * @param blockers        pg_blocking_pids of a waiter (empty for held locks)
 * @param waitedMs        how long the waiter had waited when the sample read pg_locks, by the server's
 *                        clock ({@code pg_locks.waitstart}, PostgreSQL 14 and later); NaN when unknown
 */
record LockRow(int pid, boolean granted, String locktype, String mode, long relationOid, String relationName,
               String target, String applicationName, String query, int[] blockers, double waitedMs) {

    /** What a wait is on, for people: the relation's name, or the lock type when it is not a relation. */
    String displayTarget() {
        String rel = relationName != null ? relationName : relationOid != 0 ? "oid " + relationOid : null;
        if ("relation".equals(locktype)) {
            return rel == null ? "relation" : rel;
        }
        return rel == null ? locktype : locktype + " " + rel;
    }
}
