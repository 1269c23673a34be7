package dev.zerodown.postgres;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import dev.zerodown.postgres.TemplateServer.CloneStrategy;

/**
 * Prints how long embedded PostgreSQL takes to start and to hand out a fresh database, per major.
 * Each figure about a "new JVM" comes from a child JVM of its own:
 * <ul>
 *   <li>cold: an empty {@code java.io.tmpdir}, so zonky unpacks the binaries and initdb runs;</li>
 *   <li>warm: the usual temp folder, with the binaries unpacked and the initialized cluster saved
 *       by an earlier start (every build after the first on a machine);</li>
 *   <li>later start: a second server of the same major in the same JVM;</li>
 *   <li>fresh database: median of 20 {@code CREATE DATABASE … TEMPLATE}, {@code STRATEGY FILE_COPY} (what
 *       Zerodown uses from 15 on; 13 and 14 always copy files) against {@code WAL_LOG} (the server default from 15 on),
 *       interleaved; and the median {@code DROP DATABASE … WITH (FORCE)};</li>
 *   <li>the same later start and fresh database with the data directory on disk ({@code java.io.tmpdir})
 *       instead of {@code /dev/shm}.</li>
 * </ul>
 * Run with the other benchmarks, {@code mvn -B -Pbench -pl framework test}, or alone (see docs/choosing-postgres.md):
 * <pre>
 * mvn -q -B test-compile exec:exec -pl framework -Dexec.executable=java -Dexec.classpathScope=test \
 *     -Dexec.args="-cp %classpath dev.zerodown.postgres.PostgresStartupBenchmark 13 17 18"
 * </pre>
 */
public final class PostgresStartupBenchmark {
    private static final int DATABASES = 20;

    private PostgresStartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child(Integer.parseInt(args[1]), args[2].equals("cold"));
            return;
        }
        List<Integer> majors = args.length == 0 ? List.of(13, 17, 18) : Arrays.stream(args).map(Integer::valueOf).toList();
        System.out.printf("%-6s %-8s %-8s %-9s %-16s %-14s %-8s %-15s %-14s%n", "major", "cold ms", "warm ms", "later ms",
                "fresh (file_copy)", "fresh (wal_log)", "drop ms", "later ms (disk)", "fresh ms (disk)");
        for (int major : majors) {
            Path tmp = Files.createTempDirectory("zerodown-bench-");
            try {
                Map<String, String> cold = runChild(major, "cold", tmp);
                Map<String, String> warm = runChild(major, "warm", null);
                System.out.printf("%-6d %-8s %-8s %-9s %-16s %-14s %-8s %-15s %-14s%n", major, cold.get("first"), warm.get("first"),
                        warm.get("later"), warm.get("fast"), warm.getOrDefault("wal_log", "n/a"), warm.get("drop_fast"),
                        warm.get("later_disk"), warm.get("fast_disk"));
            } finally {
                DataDirectories.delete(tmp);
            }
        }
        System.out.println("load average at the end: " + Files.readString(Paths.get("/proc/loadavg")).trim());
    }

    private static Map<String, String> runChild(int major, String mode, Path tmp) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        if (tmp != null) {
            cmd.add("-Djava.io.tmpdir=" + tmp);
        }
        if (System.getProperty("zerodown.binariesDirectory") != null) {
            cmd.add("-Dzerodown.binariesDirectory=" + System.getProperty("zerodown.binariesDirectory"));
        }
        cmd.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", PostgresStartupBenchmark.class.getName(),
                "--child", Integer.toString(major), mode));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, String> result = new LinkedHashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                String[] kv = line.split(" ");
                if (kv.length == 3 && kv[0].equals("RESULT")) {
                    result.put(kv[1], kv[2]);
                }
            }
        }
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("benchmark child for PostgreSQL " + major + " (" + mode + ") failed");
        }
        return result;
    }

    private static void child(int major, boolean cold) {
        long t0 = System.nanoTime();
        PostgresServer first = Postgres.start(PostgresOptions.embedded(major));
        report("first", ms(t0));
        first.close();
        if (cold) {
            return;
        }
        long t1 = System.nanoTime();
        try (PostgresServer later = Postgres.start(PostgresOptions.embedded(major))) {
            report("later", ms(t1));
            TemplateServer server = (TemplateServer) later;
            List<CloneStrategy> strategies = major >= 15 ? List.of(CloneStrategy.FILE_COPY, CloneStrategy.WAL_LOG)
                    : List.of(CloneStrategy.SERVER_DEFAULT);
            Map<String, double[]> times = freshDatabases(server, strategies);
            times.forEach((key, values) -> report(key, median(values)));
        }
        long t2 = System.nanoTime();
        try (EmbeddedServer onDisk = EmbeddedServer.start(major, Paths.get(System.getProperty("java.io.tmpdir"), "zerodown-postgres"))) {
            report("later_disk", ms(t2));
            report("fast_disk", median(freshDatabases(onDisk, List.of(CloneStrategy.FAST)).get("fast")));
        }
    }

    /**
     * {@value #DATABASES} rounds after two unmeasured ones; each round creates and drops one database
     * per strategy, interleaved, so that the machine's load weighs on every strategy alike.
     */
    private static Map<String, double[]> freshDatabases(TemplateServer server, List<CloneStrategy> strategies) {
        Map<String, double[]> times = new LinkedHashMap<>();
        for (int i = -2; i < DATABASES; i++) {
            for (CloneStrategy strategy : strategies) {
                long t0 = System.nanoTime();
                Database db = server.createDatabase("bench", strategy);
                long t1 = System.nanoTime();
                db.close();
                long t2 = System.nanoTime();
                if (i >= 0) {
                    String name = strategy == CloneStrategy.WAL_LOG ? "wal_log" : "fast";
                    times.computeIfAbsent(name, k -> new double[DATABASES])[i] = (t1 - t0) / 1e6;
                    times.computeIfAbsent("drop_" + name, k -> new double[DATABASES])[i] = (t2 - t1) / 1e6;
                }
            }
        }
        return times;
    }

    private static String median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format("%.0f", (sorted[DATABASES / 2 - 1] + sorted[DATABASES / 2]) / 2);
    }

    private static String ms(long since) {
        return Long.toString((System.nanoTime() - since) / 1_000_000);
    }

    private static void report(String key, String value) {
        System.out.println("RESULT " + key + " " + value);
    }
}
