package dev.zerodown.postgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.zerodown.profile.ProductionProfile;
import dev.zerodown.profile.ProfileSeed;
import dev.zerodown.profile.Scale;

/**
 * Seeding from a profile on two embedded servers started side by side, one with PostgreSQL's own shared_buffers,
 * max_wal_size and checkpoint settings, one with {@link ServerSettings#sizing()}: rounds alternate between them
 * (A B, B A, …) so that the machine's drift falls on both.
 * {@code mvn -B -Pbench -pl framework test-compile exec:exec@server-sizing-benchmark}; options -Dbench.rows
 * (default 1,000,000), -Dbench.repeats (3), -Dbench.dataDirectory (disk, the nightly preset's; or auto, memory,
 * a folder), -Dbench.variants (see {@link #variants()}).
 */
public final class ServerSizingBenchmark {
    private ServerSizingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.getLong("bench.rows", 1_000_000);
        int repeats = Integer.getInteger("bench.repeats", 3);
        Path root = DataDirectories.root(System.getProperty("bench.dataDirectory", "disk"));
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
        Map<String, EmbeddedServer> servers = new java.util.LinkedHashMap<>();
        Map<String, List<Double>> seconds = new java.util.LinkedHashMap<>();
        Map<String, List<Long>> checkpoints = new java.util.LinkedHashMap<>();
        try {
            servers.put("PostgreSQL's defaults", EmbeddedServer.start(17, root, ServerSettings.defaultSizing()));
            for (Map<String, String> variant : variants()) {
                Map<String, String> settings = new java.util.LinkedHashMap<>(ServerSettings.defaultSizing());
                settings.putAll(variant);
                servers.put(variant.toString(), EmbeddedServer.start(17, root, settings));
            }
            servers.keySet().forEach(k -> {
                seconds.put(k, new ArrayList<>());
                checkpoints.put(k, new ArrayList<>());
            });
            List<String> order = new ArrayList<>(servers.keySet());
            List<String> reversed = new ArrayList<>(order);
            java.util.Collections.reverse(reversed);
            for (int round = 0; round < repeats; round++) {
                for (String name : round % 2 == 0 ? order : reversed) {
                    try (Database db = servers.get(name).createDatabase("sizing_bench")) {
                        exec(db, """
                                create type status as enum ('new', 'paid', 'shipped', 'cancelled');
                                create table customers (id bigint primary key, email text not null unique);
                                create table orders (id bigint primary key, customer_id bigint not null references customers,
                                                     status status not null, total numeric(12,2) not null check (total >= 0),
                                                     note text, created_at timestamptz not null);
                                """);
                        long before = checkpoints(db);
                        long start = System.nanoTime();
                        new ProfileSeed(profile, Scale.parse("1"), rows, round).seed(db.dataSource("bench"));
                        seconds.get(name).add((System.nanoTime() - start) / 1e9);
                        checkpoints.get(name).add(checkpoints(db) - before);
                    }
                }
            }
        } finally {
            servers.values().forEach(EmbeddedServer::close);
        }
        System.out.printf(Locale.ROOT, "seeding %,d rows of orders from a profile, %d rounds alternating, data in %s%n",
                rows, repeats, DataDirectories.describe(root));
        seconds.forEach((name, s) -> System.out.printf(Locale.ROOT, "  %-90s median %6.2f s (%s), checkpoints %s%n",
                name, median(s), s.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList(), checkpoints.get(name)));
        Postgres.stopAll();
    }

    /**
     * The servers to compare with PostgreSQL's defaults: {@link ServerSettings#sizing()}, or -Dbench.variants, sets of
     * {@code name=value} over the defaults separated by {@code |} ({@code shared_buffers=512MB|max_wal_size=4GB}).
     */
    private static List<Map<String, String>> variants() {
        String given = System.getProperty("bench.variants", "");
        if (given.isBlank()) {
            return List.of(ServerSettings.sizing());
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (String variant : given.split("\\|")) {
            Map<String, String> m = new java.util.LinkedHashMap<>();
            for (String pair : variant.split(",")) {
                String[] kv = pair.split("=", 2);
                m.put(kv[0].trim(), kv[1].trim());
            }
            out.add(m);
        }
        return out;
    }

    /** Checkpoints requested or timed so far (pg_stat_checkpointer from 17 on). */
    private static long checkpoints(Database db) throws Exception {
        try (Connection c = db.connect("bench"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select num_timed + num_requested from pg_stat_checkpointer")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static void exec(Database db, String sql) throws Exception {
        try (Connection c = db.connect("bench"); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
