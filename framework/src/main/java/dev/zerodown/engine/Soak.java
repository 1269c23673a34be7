package dev.zerodown.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.zerodown.invariants.Invariant;
import dev.zerodown.invariants.InvariantChecker;
import dev.zerodown.locks.LockMonitor;
import dev.zerodown.result.InvariantResult;

/**
 * Time on the new state after a transition: the load keeps running, active invariants are checked
 * every {@link #CHECK_EVERY} and once at the end; the worst check of each invariant is kept.
 */
final class Soak {
    static final Duration CHECK_EVERY = Duration.ofMillis(250);

    private final InvariantChecker checker;
    private final List<Invariant> active;
    private final LockMonitor clock;
    private final Map<String, InvariantResult> worst = new LinkedHashMap<>();

    Soak(InvariantChecker checker, List<Invariant> active, LockMonitor clock) {
        this.checker = checker;
        this.active = active;
        this.clock = clock;
    }

    void run(Duration soak) {
        long deadline = System.nanoTime() + soak.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            sleep(Math.min(left, CHECK_EVERY.toNanos()));
            if (System.nanoTime() < deadline) {
                check();
            }
        }
        check();
    }

    private void check() {
        if (active.isEmpty()) {
            return;
        }
        for (InvariantResult r : checker.check(active, clock.nowMs())) {
            InvariantResult prev = worst.get(r.name());
            if (prev == null || r.discrepancies() > prev.discrepancies()) {
                worst.put(r.name(), r);
            }
        }
    }

    List<InvariantResult> results() {
        return new ArrayList<>(worst.values());
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during soak", e);
        }
    }
}
