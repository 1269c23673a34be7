package dev.zerodown.locks;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who blocks whom in one sample. pg_blocking_pids names the direct blockers of a waiter: holders of
 * a conflicting lock and backends queued ahead of it with a conflicting request. A blocker that
 * itself waits has its own blockers, so the chain is followed to its end.
 */
final class BlockingChain {
    private final Map<Integer, int[]> direct = new HashMap<>();

    BlockingChain(List<LockRow> rows) {
        for (LockRow row : rows) {
            if (!row.granted()) {
                direct.merge(row.pid(), row.blockers(), BlockingChain::concat);
            }
        }
    }

    /** Every backend in the chain that blocks {@code pid}, nearest first, without {@code pid} itself. */
    Set<Integer> blockersOf(int pid) {
        Set<Integer> seen = new LinkedHashSet<>();
        Deque<Integer> todo = new ArrayDeque<>();
        todo.add(pid);
        while (!todo.isEmpty()) {
            int[] next = direct.get(todo.poll());
            if (next == null) {
                continue;
            }
            for (int b : next) {
                if (b != pid && seen.add(b)) {
                    todo.add(b);
                }
            }
        }
        return seen;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
