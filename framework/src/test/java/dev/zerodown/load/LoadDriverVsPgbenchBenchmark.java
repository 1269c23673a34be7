package dev.zerodown.load;

import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import dev.zerodown.result.VersionStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load driver's closed-loop throughput against pgbench running the same SQL (converted to
 * pgbench's {@code \set}/{@code :var} syntax) with the same number of clients, {@code -M prepared},
 * one pgbench thread per client, on the same embedded server, in interleaved pairs (the order
 * alternates) after a warm-up of each (10 s and 5 s). Prints each pair and the median ratio.
 *
 * <pre>
 * mvn -B -Pbench -pl framework test-compile exec:exec@load-driver-vs-pgbench
 * java -cp ... dev.zerodown.load.LoadDriverVsPgbenchBenchmark [clients] [seconds] [pairs] [pgbench]
 * </pre>
 */
public final class LoadDriverVsPgbenchBenchmark {
    static final String WORKLOAD = """
            -- weight: 3
            select abalance from pgbench_accounts where aid = {{int 1 100000}};
            -- weight: 1
            update pgbench_accounts set abalance = abalance + {{int -5000 5000}} where aid = {{int 1 100000}};
            """;
    private static final Pattern INT = Pattern.compile("\\{\\{int (-?\\d+) (-?\\d+)}}");
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private final Database db;
    private final int clients;
    private final int seconds;
    private final String pgbench;
    private final Path dir;
    private final List<String> scripts = new ArrayList<>();

    private LoadDriverVsPgbenchBenchmark(Database db, int clients, int seconds, String pgbench, Path dir) {
        this.db = db;
        this.clients = clients;
        this.seconds = seconds;
        this.pgbench = pgbench;
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int pairs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        String pgbench = args.length > 3 ? args[3] : "/usr/lib/postgresql/15/bin/pgbench";
        Path dir = Files.createTempDirectory("zd-bench");
        try (Database db = Postgres.embedded(17).createDatabase("bench")) {
            new LoadDriverVsPgbenchBenchmark(db, clients, seconds, pgbench, dir).run(pairs);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
            Postgres.stopAll();
        }
    }

    private void run(int pairs) throws Exception {
        System.out.printf("%s, %d cores, Java %s, PostgreSQL %s (embedded), %s%n", cpu(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Postgres.embedded(17).version(), LocalDate.now());
        System.out.printf("%d clients, %d s per run, closed loop, pgbench -M prepared -j %d%n", clients, seconds, threads());
        pgbench("-i", "-s", "1", "-q");
        writeScripts();
        driverTps(10);
        pgbenchTps(5);
        List<Double> ratios = new ArrayList<>();
        for (int i = 1; i <= pairs; i++) {
            double driver;
            double bench;
            if (i % 2 == 1) {
                driver = driverTps(seconds);
                bench = pgbenchTps(seconds);
            } else {
                bench = pgbenchTps(seconds);
                driver = driverTps(seconds);
            }
            ratios.add(driver / bench);
            System.out.printf(Locale.ROOT, "pair %d: load driver %.0f req/s, pgbench %.0f tps, ratio %.3f%n", i, driver, bench, driver / bench);
        }
        List<Double> sorted = ratios.stream().sorted().toList();
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        System.out.printf(Locale.ROOT, "median ratio (load driver / pgbench): %.3f (target >= 0.9)%n", median);
    }

    private double driverTps(int runSeconds) throws Exception {
        SqlWorkload w = SqlWorkload.parse("bench.sql", WORKLOAD);
        try (LoadDriver driver = new LoadDriver(db, new LoadSettings(clients, 0, 1), System.nanoTime())) {
            driver.start("bench", w, false, false);
            driver.beginWindow();
            TimeUnit.SECONDS.sleep(runSeconds);
            VersionStats s = driver.endWindow().get("bench");
            if (s.failed() > 0) {
                throw new IllegalStateException("the load driver had failed requests: " + s.failures());
            }
            return s.throughputPerSec();
        }
    }

    private double pgbenchTps(int runSeconds) throws Exception {
        List<String> args = new ArrayList<>(List.of("-n", "-M", "prepared", "-c", Integer.toString(clients),
                "-j", Integer.toString(threads()), "-T", Integer.toString(runSeconds)));
        args.addAll(scripts);
        String out = pgbench(args.toArray(String[]::new));
        Matcher m = TPS.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no tps in pgbench output:\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

    /** One pgbench thread per client, as the load driver has. */
    private int threads() {
        return clients;
    }

    /** One pgbench script per workload statement, {@code {{int A B}}} as {@code \set pN random(A, B)}, weighted alike. */
    private void writeScripts() throws IOException {
        for (SqlWorkload.Statement s : SqlWorkload.parse("bench.sql", WORKLOAD).statements()) {
            StringBuilder sets = new StringBuilder();
            Matcher m = INT.matcher(s.sql());
            StringBuilder sql = new StringBuilder();
            int n = 0;
            while (m.find()) {
                n++;
                sets.append("\\set p").append(n).append(" random(").append(m.group(1)).append(", ").append(m.group(2)).append(")\n");
                m.appendReplacement(sql, ":p" + n);
            }
            m.appendTail(sql);
            Path file = dir.resolve("s" + s.line() + ".sql");
            Files.writeString(file, sets + sql.toString() + ";\n");
            scripts.add("-f");
            scripts.add(file + "@" + s.weight());
        }
    }

    private String pgbench(String... args) throws Exception {
        String port = db.jdbcUrl().replaceAll(".*://[^:/]+:(\\d+)/.*", "$1");
        List<String> command = new ArrayList<>(List.of(pgbench, "-h", "localhost", "-p", port, "-U", db.user()));
        command.addAll(List.of(args));
        command.add(db.name());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10 * 60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("pgbench failed: " + command + "\n" + out);
        }
        return out;
    }

    private static String cpu() throws IOException {
        Path info = Path.of("/proc/cpuinfo");
        if (Files.isReadable(info)) {
            for (String line : Files.readAllLines(info)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        }
        return System.getProperty("os.arch");
    }
}
