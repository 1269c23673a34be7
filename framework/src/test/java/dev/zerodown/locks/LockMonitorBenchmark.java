package dev.zerodown.locks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import dev.zerodown.postgres.PostgresServer;
import dev.zerodown.result.Timeline;

/**
 * Measures what the lock sampler costs and how precise it is, and prints the figures.
 * <ul>
 *   <li>cost: throughput of a pgbench-like read/write load ({@code bench.clients} clients) without
 *       the sampler, with it (no migration backend set) and with it while a migration backend holds
 *       a lock, in interleaved rounds; the median ratio per configuration;</li>
 *   <li>precision: waits of known length injected on a table the load does not touch, measured wait
 *       vs the waiting client's own latency, idle and under the load.</li>
 * </ul>
 * Run: {@code mvn -B -Pbench -pl framework test-compile exec:exec@lock-monitor-benchmark} (options: -Dbench.rounds, -Dbench.seconds,
 * -Dbench.clients, -Dbench.interval, -Dbench.repeats, -Dbench.sections=locks,precision,cost). See
 * docs/lock-sampler.md.
 */
public final class LockMonitorBenchmark {
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 10);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 2);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
    private static final int REPEATS = Integer.getInteger("bench.repeats", 10);
    private static final Duration INTERVAL = Duration.ofMillis(Integer.getInteger("bench.interval", 5));
    private static final int[] WAITS_MS = {20, 50, 200};
    private static final List<String> SECTIONS = List.of(System.getProperty("bench.sections", "locks,precision,cost").split(","));

    private enum Config { OFF, SAMPLER, SAMPLER_WITH_MIGRATION }

    private LockMonitorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        PostgresServer server = Postgres.embedded(17);
        try (Database db = server.createDatabase("lock_bench")) {
            BenchLoad.seed(db);
            System.out.printf(Locale.ROOT, "Lock sampler benchmark, %s%n", LocalDate.now());
            System.out.printf(Locale.ROOT, "machine: %s; %d cores; %s; Java %s; %s%n", cpuModel(),
                    Runtime.getRuntime().availableProcessors(), System.getProperty("os.name") + " " + System.getProperty("os.version"),
                    System.getProperty("java.version"), server);
            System.out.printf(Locale.ROOT, "interval %d ms, %d clients, %d rounds of %d s; load average at the start: %s%n%n",
                    INTERVAL.toMillis(), CLIENTS, ROUNDS, SECONDS, loadAverage());
            if (SECTIONS.contains("locks")) {
                lockTableSize(db);
            }
            if (SECTIONS.contains("precision")) {
                precision(db, false);
            }
            if (!SECTIONS.contains("cost") && !SECTIONS.contains("precision")) {
                return;
            }
            try (BenchLoad load = new BenchLoad(db, CLIENTS)) {
                Thread.sleep(1000);
                if (SECTIONS.contains("cost")) {
                    cost(db, load);
                }
                if (SECTIONS.contains("precision")) {
                    precision(db, true);
                }
                if (load.errors() > 0) {
                    System.out.println("load errors: " + load.errors());
                }
            }
        } finally {
            System.out.println("load average at the end: " + loadAverage());
            Postgres.stopAll();
        }
    }

    private static void cost(Database db, BenchLoad load) throws Exception {
        List<double[]> ratios = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        List<List<Double>> cpu = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<Double>> sampleMs = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<Double>> ratesBy = List.of(new ArrayList<>(), new ArrayList<>());
        double maxGap = 0;
        for (int round = 0; round < ROUNDS; round++) {
            double[] opsPerSecond = new double[Config.values().length];
            List<Config> order = new ArrayList<>(List.of(Config.values()));
            if (round % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (Config config : order) {
                Window w = window(db, load, config);
                opsPerSecond[config.ordinal()] = w.opsPerSecond;
                if (config != Config.OFF) {
                    rates.add(w.samplesPerSecond);
                    cpu.get(config.ordinal() - 1).add(w.cpuMsPerSecond);
                    sampleMs.get(config.ordinal() - 1).add(w.sampleMs);
                    ratesBy.get(config.ordinal() - 1).add(w.samplesPerSecond);
                    maxGap = Math.max(maxGap, w.maxGapMs);
                }
            }
            double[] r = {opsPerSecond[1] / opsPerSecond[0], opsPerSecond[2] / opsPerSecond[0]};
            ratios.add(r);
            System.out.printf(Locale.ROOT, "round %d: off %.0f ops/s, sampler %.0f (%.3f), sampler+migration %.0f (%.3f)%n",
                    round + 1, opsPerSecond[0], opsPerSecond[1], r[0], opsPerSecond[2], r[1]);
        }
        double idle = median(ratios.stream().mapToDouble(r -> r[0]).toArray());
        double mig = median(ratios.stream().mapToDouble(r -> r[1]).toArray());
        System.out.printf(Locale.ROOT, "COST median throughput ratio: sampler %.3f (cost %.1f%%), sampler+migration %.3f (cost %.1f%%)%n",
                idle, 100 * (1 - idle), mig, 100 * (1 - mig));
        int cores = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < 2; i++) {
            double ms = median(cpu.get(i).stream().mapToDouble(Double::doubleValue).toArray());
            double perSecond = median(ratesBy.get(i).stream().mapToDouble(Double::doubleValue).toArray());
            System.out.printf(Locale.ROOT, "CPU of the sampler (its backend + its thread), %s: %.1f ms/s = %.1f%% of %d cores"
                            + " (%.0f us a sample at %.0f samples/s); a sample takes %.2f ms (wall)%n",
                    i == 0 ? "sampler" : "sampler+migration", ms, ms / 10 / cores, cores, ms * 1000 / perSecond, perSecond,
                    median(sampleMs.get(i).stream().mapToDouble(Double::doubleValue).toArray()));
        }
        System.out.printf(Locale.ROOT, "sampling under load: %.0f samples/s median (target %.0f), max gap %.1f ms%n%n",
                median(rates.stream().mapToDouble(Double::doubleValue).toArray()), 1000.0 / INTERVAL.toMillis(), maxGap);
    }

    /** Throughput of one window; with the sampler, its rate, gaps and CPU (backend + thread, ms per second). */
    private record Window(double opsPerSecond, double samplesPerSecond, double maxGapMs, double cpuMsPerSecond,
                          double sampleMs) {
    }

    private static Window window(Database db, BenchLoad load, Config config) throws Exception {
        try (Connection migration = db.connect("zd-migration")) {
            LockMonitor monitor = config == Config.OFF ? null : LockMonitor.start(db, INTERVAL, System.nanoTime());
            try {
                if (config == Config.SAMPLER_WITH_MIGRATION) {
                    migration.setAutoCommit(false);
                    LockScenario.execute(migration, "lock table accounts in share update exclusive mode");
                    LockScenario.execute(migration, "lock table target in share mode");
                    monitor.migrationPid(pid(migration));
                }
                Thread.sleep(300);
                SamplerCpu cpu = monitor == null ? null : SamplerCpu.find(migration);
                long samples0 = monitor == null ? 0 : monitor.sampleCount();
                long cpu0 = cpu == null ? 0 : cpu.nanos();
                long ops0 = load.ops();
                long t0 = System.nanoTime();
                Thread.sleep(SECONDS * 1000L);
                long ops1 = load.ops();
                double seconds = (System.nanoTime() - t0) / 1e9;
                long samples1 = monitor == null ? 0 : monitor.sampleCount();
                double cpuMs = cpu == null ? 0 : (cpu.nanos() - cpu0) / 1e6 / seconds;
                return new Window((ops1 - ops0) / seconds, (samples1 - samples0) / seconds,
                        monitor == null ? 0 : monitor.maxGapMs(), cpuMs, monitor == null ? 0 : monitor.typicalSampleMs());
            } finally {
                if (monitor != null) {
                    monitor.close();
                }
            }
        }
    }

    private static void precision(Database db, boolean underLoad) throws Exception {
        String when = underLoad ? "under load" : "idle";
        ExecutorService client = Executors.newSingleThreadExecutor();
        long origin = System.nanoTime();
        try (LockMonitor monitor = LockMonitor.start(db, INTERVAL, origin);
             Connection holder = db.connect("zd-migration");
             Connection app = db.connect("zd-app:v1")) {
            holder.setAutoCommit(false);
            monitor.migrationPid(pid(holder));
            int appPid = pid(app);
            long samples0 = monitor.sampleCount();
            long t0 = System.nanoTime();
            for (int target : WAITS_MS) {
                List<Double> errors = new ArrayList<>();
                int missed = 0;
                for (int i = 0; i < REPEATS; i++) {
                    LockScenario.execute(holder, "lock table target in access exclusive mode");
                    long start = System.nanoTime();
                    Future<double[]> read = client.submit(() -> {
                        long s = System.nanoTime();
                        LockScenario.execute(app, "select * from target");
                        return new double[] {(s - origin) / 1e6, (System.nanoTime() - origin) / 1e6};
                    });
                    sleepUntil(start + target * 1_000_000L);
                    holder.commit();
                    double[] seenByClient = read.get(10, TimeUnit.SECONDS);
                    long before = monitor.sampleCount();
                    while (monitor.sampleCount() < before + 2) {
                        Thread.sleep(1);
                    }
                    List<Timeline.LockWait> seen = monitor.waits((long) seenByClient[0], (long) Math.ceil(seenByClient[1])).stream()
                            .filter(w -> w.pid() == appPid).toList();
                    if (seen.isEmpty()) {
                        missed++;
                        System.out.printf(Locale.ROOT, "  missed: client waited %.1f ms from %.1f; the sampler's waits of that backend: %s%n",
                                seenByClient[1] - seenByClient[0], seenByClient[0], monitor.waits(0, monitor.nowMs()).stream()
                                        .filter(w -> w.pid() == appPid && w.endMs() > seenByClient[0] - 500).toList());
                    } else {
                        errors.add(seen.get(0).durationMs() - (seenByClient[1] - seenByClient[0]));
                    }
                    Thread.sleep(20);
                }
                double[] e = errors.stream().mapToDouble(Double::doubleValue).toArray();
                double[] abs = errors.stream().mapToDouble(Math::abs).toArray();
                long within = errors.stream().filter(x -> Math.abs(x) <= INTERVAL.toMillis()).count();
                System.out.printf(Locale.ROOT, "PRECISION %s, %d ms waits: %d/%d seen, error (measured - client) median %+.1f ms, "
                                + "|error| p90 %.1f ms, max %.1f ms, within one interval %d/%d%n",
                        when, target, REPEATS - missed, REPEATS, median(e), percentile(abs, 0.9), percentile(abs, 1.0), within, e.length);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "sampling %s: %.0f samples/s, a sample takes %.2f ms (wall), max gap %.1f ms, errors %d%n%n",
                    when, (monitor.sampleCount() - samples0) / seconds, monitor.typicalSampleMs(), monitor.maxGapMs(), monitor.errorCount());
        } finally {
            client.shutdownNow();
        }
    }

    /** How a sample's duration grows with the locks held (advisory locks fill the shared lock table like relation locks). */
    private static void lockTableSize(Database db) throws Exception {
        try (LockMonitor monitor = LockMonitor.start(db, INTERVAL, System.nanoTime());
             Connection holder = db.connect("zd-migration")) {
            holder.setAutoCommit(false);
            monitor.migrationPid(pid(holder));
            Thread.sleep(2000); // warm-up: class loading and JIT
            StringBuilder line = new StringBuilder("SAMPLE DURATION by locks held (migration in a transaction):");
            for (int held : new int[] {0, 100, 1_000, 5_000}) {
                LockScenario.execute(holder, "select pg_advisory_xact_lock(g) from generate_series(1, " + held + ") g");
                Thread.sleep(1500);
                long samples0 = monitor.sampleCount();
                long t0 = System.nanoTime();
                Thread.sleep(1000);
                double rate = (monitor.sampleCount() - samples0) / ((System.nanoTime() - t0) / 1e9);
                line.append(String.format(Locale.ROOT, " %d: %.2f ms (%.0f samples/s);", held, monitor.typicalSampleMs(), rate));
                holder.commit();
            }
            System.out.println(line + "\n");
        }
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }

    private static int pid(Connection c) throws SQLException {
        try (var s = c.createStatement(); var rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return v[(int) Math.min(v.length - 1, Math.ceil(p * v.length) - 1)];
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
