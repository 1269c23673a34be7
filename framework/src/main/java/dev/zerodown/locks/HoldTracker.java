package dev.zerodown.locks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import dev.zerodown.result.Timeline;

/**
 * Merges the relation locks the migration's backend held in consecutive samples into one interval
 * per (backend, relation, mode): from the first sample that saw it to the last. Finished intervals
 * are kept up to a cap; beyond it the oldest are dropped and counted. Not thread-safe.
 */
final class HoldTracker {
    private final int maxKept;
    private final Map<String, OpenHold> open = new HashMap<>();
    private final ArrayDeque<Hold> finished = new ArrayDeque<>();
    private long dropped;
    private long generation;

    HoldTracker(int maxKept) {
        this.maxKept = maxKept;
    }

    void onSample(long atNanos, List<LockRow> rows) {
        generation++;
        for (LockRow row : rows) {
            if (!row.granted()) {
                continue;
            }
            String key = row.pid() + "/" + row.relationOid() + "/" + row.mode();
            OpenHold h = open.computeIfAbsent(key, k -> new OpenHold(row.pid(), row.mode(), atNanos));
            if (row.relationName() != null || h.relation == null) {
                h.relation = row.relationName() != null ? row.relationName() : "oid " + row.relationOid();
            }
            h.lastSeenNanos = atNanos;
            h.generation = generation;
        }
        for (Iterator<OpenHold> it = open.values().iterator(); it.hasNext(); ) {
            OpenHold h = it.next();
            if (h.generation != generation) {
                it.remove();
                keep(h.finish());
            }
        }
    }

    void closeAll() {
        for (OpenHold h : open.values()) {
            keep(h.finish());
        }
        open.clear();
    }

    /** Intervals of {@code pid} overlapping the window; a lock still held ends at {@code toMs} (at most now). */
    List<Timeline.LockHold> overlapping(int pid, long fromMs, long toMs, long nowMs) {
        List<Timeline.LockHold> out = new ArrayList<>();
        for (Hold h : finished) {
            if (h.pid == pid && h.hold.startMs() <= toMs && h.hold.endMs() >= fromMs) {
                out.add(h.hold);
            }
        }
        for (OpenHold h : open.values()) {
            long start = Names.ms(h.startNanos);
            long end = Math.min(toMs, Math.max(Names.ms(h.lastSeenNanos), nowMs));
            if (h.pid == pid && start <= toMs && end >= fromMs) {
                out.add(new Timeline.LockHold(h.relation, h.mode, start, end, null, 0));
            }
        }
        out.sort((a, b) -> Long.compare(a.startMs(), b.startMs()));
        return out;
    }

    long dropped() {
        return dropped;
    }

    private void keep(Hold h) {
        if (finished.size() >= maxKept) {
            finished.pollFirst();
            dropped++;
        }
        finished.addLast(h);
    }

    private record Hold(int pid, Timeline.LockHold hold) {
    }

    private static final class OpenHold {
        final int pid;
        final String mode;
        final long startNanos;
        String relation;
        long lastSeenNanos;
        long generation;

        OpenHold(int pid, String mode, long startNanos) {
            this.pid = pid;
            this.mode = mode;
            this.startNanos = startNanos;
        }

        Hold finish() {
            return new Hold(pid, new Timeline.LockHold(relation, mode, Names.ms(startNanos), Names.ms(lastSeenNanos),
                    null, 0));
        }
    }
}
