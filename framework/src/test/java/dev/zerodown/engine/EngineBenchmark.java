package dev.zerodown.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.zerodown.engine.apps.Customers;
import dev.zerodown.plan.Rollout;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.settings.Settings;

/**
 * Figures for docs/junit.md: time from a run's start to its first transition (in a new JVM with the
 * binaries to unpack, then with a server up) and the overhead of a transition beyond its soak.
 * Run: {@code mvn -B -Pbench -pl framework test} (or exec:exec@engine-benchmark). Prints, asserts nothing.
 */
public final class EngineBenchmark {
    private EngineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("zerodown-bench-epg");
        System.setProperty("ot.epg.working-dir", work.toString());
        int transitions = Integer.getInteger("bench.transitions", 12);
        Duration soak = Duration.ofMillis(Long.getLong("bench.soakMs", 200));

        double cold = firstTransitionMs(run(1, soak));
        List<Double> warm = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            warm.add(firstTransitionMs(run(1, soak)));
        }
        RunResult many = run(transitions, soak).result;
        List<Double> overhead = new ArrayList<>();
        for (TransitionResult t : many.transitions()) {
            overhead.add((double) (t.endMs() - t.startMs()) - soak.toMillis());
        }
        System.out.printf(Locale.ROOT, "first transition after start, new JVM (unpack + initdb + start): %.0f ms%n", cold);
        System.out.printf(Locale.ROOT, "first transition after start, server up: median %.0f ms (of %d)%n", median(warm), warm.size());
        System.out.printf(Locale.ROOT, "overhead per transition beyond a %d ms soak: median %.0f ms, max %.0f ms (%d transitions)%n",
                soak.toMillis(), median(overhead), overhead.stream().mapToDouble(d -> d).max().orElse(0), overhead.size());
    }

    private record Timed(RunResult result, Instant calledAt) {
    }

    private static Timed run(int deploys, Duration soak) {
        Rollout r = Rollout.startWith("v0", Customers.V1::new).migrate("V2");
        for (int i = 1; i < deploys; i++) {
            r = r.deploy("v" + i, Customers.V1::new).retire("v" + (i - 1));
        }
        Settings s = Settings.defaults().with(Map.of("migrations", "classpath:engine/bench", "soak",
                soak.toMillis() + "ms"));
        Instant called = Instant.now();
        RunResult result = CompatibilityRun.of("bench", r).settings(s).writeReports(false).run(17).result();
        return new Timed(result, called);
    }

    private static double firstTransitionMs(Timed t) {
        Instant first = t.result.startedAt().plusMillis(t.result.transitions().get(0).startMs());
        return Duration.between(t.calledAt, first).toMillis();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
