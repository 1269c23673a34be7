package dev.zerodown.profile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;

/**
 * Seeding rows/s against {@code psql \copy} of the same rows, in one sitting on one server:
 * {@code mvn -B -Pbench -pl framework test-compile exec:exec@profile-seed-benchmark}. Each round seeds
 * the table from the profile (COPY through pgjdbc, analyze included), dumps it with {@code \copy … to},
 * truncates it and loads the same rows with {@code \copy … from} plus analyze. Options: -Dbench.rows,
 * -Dbench.repeats, -Dbench.psql.
 */
public final class ProfileSeedBenchmark {
    private ProfileSeedBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.getLong("bench.rows", 500_000);
        int repeats = Integer.getInteger("bench.repeats", 5);
        String psql = System.getProperty("bench.psql", "/usr/bin/psql");
        Database db = Postgres.embedded(17).createDatabase("seed_bench");
        exec(db, """
                create type status as enum ('new', 'paid', 'shipped', 'cancelled');
                create table customers (id bigint primary key, email text not null unique);
                create table orders (id bigint primary key, customer_id bigint not null references customers,
                                     status status not null, total numeric(12,2) not null check (total >= 0),
                                     note text, created_at timestamptz not null);
                """);
        ProductionProfile profile = ProductionProfile.parse(String.format(Locale.ROOT, """
                {"profileVersion": 1, "serverVersion": "17", "tables": [
                 {"schema": "public", "name": "customers", "rows": 1, "columns": []},
                 {"schema": "public", "name": "orders", "rows": %d, "columns": [
                   {"name": "customer_id", "type": "bigint", "notNull": true, "nullFrac": 0, "nDistinct": 1, "avgWidth": 8},
                   {"name": "status", "type": "status", "notNull": true, "nullFrac": 0, "nDistinct": 4, "avgWidth": 4},
                   {"name": "total", "type": "numeric", "notNull": true, "nullFrac": 0, "nDistinct": -0.3, "avgWidth": 6},
                   {"name": "note", "type": "text", "notNull": false, "nullFrac": 0.6, "nDistinct": -0.4, "avgWidth": 40},
                   {"name": "created_at", "type": "timestamptz", "notNull": true, "nullFrac": 0, "nDistinct": -1, "avgWidth": 8}]}]}
                """, rows), "benchmark");
        Path dump = Files.createTempFile("zerodown-seed-bench", ".txt");
        List<Double> ours = new ArrayList<>();
        List<Double> theirs = new ArrayList<>();
        for (int round = 0; round < repeats; round++) {
            exec(db, "truncate orders, customers");
            ProfileSeed.Result r = new ProfileSeed(profile, Scale.parse("1"), rows, round).seed(db.dataSource("bench"));
            ours.add(r.rows().get("public.orders") * 1000.0 / r.millis());
            psql(psql, db, "\\copy orders to '" + dump + "'");
            exec(db, "truncate orders");
            long start = System.nanoTime();
            psql(psql, db, "\\copy orders from '" + dump + "'");
            exec(db, "analyze orders");
            theirs.add(rows * 1e9 / (System.nanoTime() - start));
        }
        Files.deleteIfExists(dump);
        double a = median(ours);
        double b = median(theirs);
        System.out.printf(Locale.ROOT, "profile seed: %,d rows of orders, %d rounds, median of each%n", rows, repeats);
        System.out.printf(Locale.ROOT, "  ProfileSeed (generate + COPY + analyze) %,10.0f rows/s%n", a);
        System.out.printf(Locale.ROOT, "  psql \\copy from file (+ analyze)        %,10.0f rows/s%n", b);
        System.out.printf(Locale.ROOT, "  ratio                                     %10.2f%n", a / b);
        db.close();
        Postgres.stopAll();
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static void psql(String psql, Database db, String command) throws Exception {
        String rest = db.jdbcUrl().substring("jdbc:postgresql://".length());
        String hostPort = rest.substring(0, rest.indexOf('/'));
        String name = rest.substring(rest.indexOf('/') + 1).replaceAll("\\?.*", "");
        String host = hostPort.contains(":") ? hostPort.substring(0, hostPort.indexOf(':')) : hostPort;
        String port = hostPort.contains(":") ? hostPort.substring(hostPort.indexOf(':') + 1) : "5432";
        ProcessBuilder pb = new ProcessBuilder(psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", port,
                "-U", db.user(), "-d", name, "-c", command).redirectErrorStream(true);
        if (db.password() != null && !db.password().isEmpty()) {
            pb.environment().putAll(Map.of("PGPASSWORD", db.password()));
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("psql failed: " + out);
        }
    }

    private static void exec(Database db, String sql) throws Exception {
        try (Connection c = db.connect("bench"); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
