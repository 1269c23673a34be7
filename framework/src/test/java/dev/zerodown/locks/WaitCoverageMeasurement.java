package dev.zerodown.locks;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import dev.zerodown.judge.TransitionJudge;
import dev.zerodown.locks.LockScenario.Session;
import dev.zerodown.locks.LockScenario.Timed;
import dev.zerodown.result.Timeline;
import org.junit.jupiter.api.Test;

/**
 * A measurement, not a check (run it with {@code -Dzerodown.measureWaitCoverage=true}, ideally on a loaded
 * machine): injects waits of 20–40 ms while the sampler is paused now and then (as one starved of CPU) and
 * counts those the sampler saw ({@code -Dzerodown.measureNoPause=true}: no artificial pause), the server's log saw, and both merged.
 */
class WaitCoverageMeasurement {
    @Test
    void measure() throws Exception {
        assumeThat(Boolean.getBoolean("zerodown.measureWaitCoverage")).isTrue();
        int n = Integer.getInteger("zerodown.measureWaits", 40);
        Random random = new Random(7);
        try (LockScenario scenario = new LockScenario("wait_coverage");
             LockMonitor monitor = LockMonitor.start(scenario.db, Duration.ofMillis(5), scenario.originNanos)) {
            int sampledSeen = 0;
            int loggedSeen = 0;
            int mergedSeen = 0;
            int counted = 0;
            double worstGap = 0;
            for (int i = 0; i < n; i++) {
                Session holder = scenario.openInTransaction("zd-migration");
                monitor.migrationPid(holder.pid());
                holder.run("lock table items in access exclusive mode");
                Session app = scenario.open("zd-app:v1");
                long from = monitor.nowMs();
                if (i % 2 == 0 && !Boolean.getBoolean("zerodown.measureNoPause")) {
                    monitor.pauseFor(Duration.ofMillis(60 + random.nextInt(100)));
                }
                Future<Timed> read = scenario.submit(app, "select count(*) from items");
                Thread.sleep(20 + random.nextInt(20));
                holder.commit();
                Timed client = read.get(10, TimeUnit.SECONDS);
                Thread.sleep(200);
                long to = monitor.nowMs();
                if (client.ms() < 20) {
                    app.connection().close();
                    holder.connection().close();
                    continue;
                }
                counted++;
                worstGap = Math.max(worstGap, monitor.maxGapMs(from, to));
                List<Timeline.LockWait> sampled = monitor.waits(from, to).stream().filter(w -> w.pid() == app.pid()).toList();
                List<Timeline.LockWait> logged = monitor.serverLogWaits(from, to).stream().filter(w -> w.pid() == app.pid()).toList();
                sampledSeen += sampled.isEmpty() ? 0 : 1;
                loggedSeen += logged.isEmpty() ? 0 : 1;
                mergedSeen += TransitionJudge.withServerLog(sampled, logged).isEmpty() ? 0 : 1;
                app.connection().close();
                holder.connection().close();
            }
            System.out.printf("WAIT-COVERAGE waits>=20ms %d: sampler %d, server log %d, merged %d; worst gap %.0f ms%n",
                    counted, sampledSeen, loggedSeen, mergedSeen, worstGap);
        }
    }
}
