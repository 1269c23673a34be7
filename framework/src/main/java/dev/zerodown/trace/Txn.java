package dev.zerodown.trace;

/** One transaction the migration ran: explicit for a transactional step, or one per statement in autocommit. */
record Txn(int index, long startMs, long endMs, boolean committed) {
}
