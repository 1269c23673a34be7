package dev.zerodown.locks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.zerodown.result.Timeline;

/**
 * Merges the waits seen in consecutive samples into one wait per (backend, lock, statement), as
 * samples arrive. A wait ends halfway between the last sample that saw it and the first that no
 * longer did. It starts when the server says it started ({@code pg_locks.waitstart}, from
 * PostgreSQL 14), else halfway between the first sample that saw it and the one before. So a wait
 * seen once lasts about one interval, and the estimate has no bias. Finished waits are kept up to a
 * cap; beyond it the oldest are dropped and counted. Not thread-safe: the monitor guards it.
 */
final class WaitTracker {
    static final int MAX_BLOCKERS = 64;
    /**
     * Two sightings of one backend's wait on one lock that started this close together are one wait
     * (seen once through a stale activity row); waits of one connection in turn start at least one
     * whole wait apart.
     */
    static final long SAME_START_NANOS = 3_000_000;

    private final int maxKept;
    private final Map<String, OpenWait> open = new HashMap<>();
    private final ArrayDeque<Timeline.LockWait> finished = new ArrayDeque<>();
    private long dropped;
    private long generation;
    private long previousNanos = Long.MIN_VALUE;

    WaitTracker(int maxKept) {
        this.maxKept = maxKept;
    }

    /** Takes one successful sample at {@code atNanos} (since the run's origin). */
    void onSample(long atNanos, List<LockRow> rows, BlockingChain chain, int migrationPid) {
        generation++;
        for (LockRow row : rows) {
            if (row.granted()) {
                continue;
            }
            String key = row.pid() + "/" + row.target();
            OpenWait w = open.get(key);
            if (w == null) {
                w = new OpenWait(row, Names.who(row.pid(), row.applicationName(), migrationPid), startOf(row, atNanos));
                open.put(key, w);
                if (!Double.isNaN(row.waitedMs()) && row.waitedMs() >= 0) {
                    dropFragmentOf(w.toWait(atNanos));
                }
            }
            w.seen(atNanos, generation, chain.blockersOf(row.pid()), migrationPid);
        }
        for (Iterator<OpenWait> it = open.values().iterator(); it.hasNext(); ) {
            OpenWait w = it.next();
            if (w.generation != generation) {
                it.remove();
                if (!duplicateOfAnOpenWait(w)) {
                    keep(w.toWait(midpoint(w.lastSeenNanos, atNanos)));
                }
            }
        }
        previousNanos = atNanos;
    }

    /**
     * Ends every open wait halfway between its last sighting and {@code atNanos}, the time by which it
     * may have ended (the monitor stops, or loses sight of the database).
     */
    void closeAll(long atNanos) {
        for (OpenWait w : open.values()) {
            keep(w.toWait(midpoint(w.lastSeenNanos, Math.max(atNanos, w.lastSeenNanos))));
        }
        open.clear();
        previousNanos = Long.MIN_VALUE;
    }

    private long startOf(LockRow row, long atNanos) {
        if (!Double.isNaN(row.waitedMs()) && row.waitedMs() >= 0) {
            return atNanos - (long) (row.waitedMs() * 1e6);
        }
        return previousNanos == Long.MIN_VALUE ? atNanos : midpoint(previousNanos, atNanos);
    }

    private static long midpoint(long a, long b) {
        return a + (b - a) / 2;
    }

    List<Timeline.LockWait> overlapping(long fromMs, long toMs) {
        List<Timeline.LockWait> out = new ArrayList<>();
        for (Timeline.LockWait w : finished) {
            if (w.startMs() <= toMs && w.endMs() >= fromMs) {
                out.add(w);
            }
        }
        for (OpenWait w : open.values()) {
            Timeline.LockWait now = w.toWait(w.lastSeenNanos);
            if (now.startMs() <= toMs && now.endMs() >= fromMs) {
                out.add(now);
            }
        }
        out.sort((a, b) -> Long.compare(a.startMs(), b.startMs()));
        return out;
    }

    long dropped() {
        return dropped;
    }

    /**
     * A backend waits for one lock at a time: a wait that ends while another wait of the same backend on
     * the same lock that started at the same moment is still open was seen through a stale activity row
     * (an older statement start) and is the same wait, so it is dropped.
     */
    private boolean duplicateOfAnOpenWait(OpenWait w) {
        for (OpenWait other : open.values()) {
            if (other != w && other.pid == w.pid && other.lock.equals(w.lock)
                    && Math.abs(other.startNanos - w.startNanos) <= SAME_START_NANOS) {
                return true;
            }
        }
        return false;
    }

    /**
     * A wait the server dates to the same moment ({@code waitstart}) as one that just ended is the same
     * wait, seen again after a sample that missed it (or skipped its stale activity row): the earlier
     * fragment is dropped, the reopened wait covers it.
     */
    private void dropFragmentOf(Timeline.LockWait reopened) {
        finished.removeIf(f -> f.pid() == reopened.pid() && java.util.Objects.equals(f.relation(), reopened.relation())
                && java.util.Objects.equals(f.mode(), reopened.mode())
                && Math.abs(f.startMs() - reopened.startMs()) <= SAME_START_NANOS / 1_000_000
                && f.endMs() >= reopened.startMs());
    }

    private void keep(Timeline.LockWait w) {
        if (finished.size() >= maxKept) {
            finished.pollFirst();
            dropped++;
        }
        finished.addLast(w);
    }

    private static final class OpenWait {
        final int pid;
        final String lock;
        final String who;
        final String relation;
        final String mode;
        final String query;
        final long startNanos;
        final Set<Integer> blockers = new LinkedHashSet<>();
        boolean causedByMigration;
        long lastSeenNanos;
        long generation;

        OpenWait(LockRow row, String who, long startNanos) {
            this.pid = row.pid();
            String target = row.target() == null ? "" : row.target();
            int cut = target.lastIndexOf(':');
            this.lock = cut < 0 ? target : target.substring(0, cut); // the lock's identity, without the statement start
            this.who = who;
            this.relation = row.displayTarget();
            this.mode = row.mode();
            this.query = Names.shorten(row.query());
            this.startNanos = startNanos;
        }

        void seen(long atNanos, long gen, Set<Integer> chain, int migrationPid) {
            lastSeenNanos = atNanos;
            generation = gen;
            for (Integer b : chain) {
                if (blockers.size() < MAX_BLOCKERS) {
                    blockers.add(b);
                }
            }
            causedByMigration |= migrationPid != 0 && chain.contains(migrationPid);
        }

        Timeline.LockWait toWait(long endNanos) {
            return new Timeline.LockWait(pid, who, relation, mode, List.copyOf(blockers), causedByMigration,
                    Names.ms(startNanos), Names.ms(endNanos), query);
        }
    }
}
