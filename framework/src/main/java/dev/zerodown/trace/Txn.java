package dev.zerodown.trace;

import org.apiguardian.api.API;

/** One transaction the migration ran: explicit for a transactional step, or one per statement in autocommit. */
@API(status = API.Status.INTERNAL)
public record Txn(int index, long startMs, long endMs, boolean committed) {
}
