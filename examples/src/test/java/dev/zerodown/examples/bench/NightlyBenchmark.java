package dev.zerodown.examples.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.zerodown.engine.CompatibilityRun;
import dev.zerodown.examples.bigint.v1.AppV1;
import dev.zerodown.examples.bigint.v2.AppV2;
import dev.zerodown.invariants.Invariant;
import dev.zerodown.plan.Rollout;
import dev.zerodown.postgres.Postgres;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.VersionStats;
import dev.zerodown.settings.Settings;

/**
 * The nightly preset on an example at production-like size: the int-to-bigint widening of orders.total_cents
 * ({@code IntToBigintTest}'s rollout and invariant) with the shop seeded from a profile of 250,000 customers,
 * 1,000,000 orders and 1,000,000 order lines (2.25M rows), every setting of {@code preset=nightly} (60 s soaks,
 * 8 clients, scale 1, the profile's 100 calls/s, data on disk, a 5 s reader in the way of every step, locks
 * predicted at the profile's rows), and a migration runner's {@code lockTimeout=500ms} with 10 retries.
 * Outside the default build: {@code mvn -B -Pbench -pl framework,examples test-compile exec:exec@nightly-benchmark}.
 * Options: -Dbench.orders (1,000,000; customers are a quarter of it), -Dbench.soak (the preset's 60s).
 */
public final class NightlyBenchmark {
    private NightlyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long orders = Long.getLong("bench.orders", 1_000_000);
        long customers = orders / 4;
        Path dir = Files.createDirectories(Path.of("target", "zerodown-nightly-bench"));
        Path profile = dir.resolve("profile.json");
        Files.writeString(profile, profile(customers, orders));
        Path seed = dir.resolve("no-seed.sql");
        Files.writeString(seed, "-- the profile seeds every table; the examples' seed.sql would clash with its keys\n");
        Settings settings = Settings.defaults().with("preset", "nightly").with(Map.of(
                "migrations", "classpath:db/shop,classpath:db/bigint", "profile", profile.toString(), "seed", seed.toString(),
                "lockTimeout", "500ms", "lockRetries", "10", "reportDirectory", dir.resolve("reports").toString(),
                "history", dir.resolve("history").toString()));
        if (System.getProperty("bench.soak") != null) {
            settings = settings.with("soak", System.getProperty("bench.soak"));
        }
        Rollout rollout = Rollout.startWith("v1", AppV1::new)
                .migrate("V2").migrate("V3").migrate("V4")
                .deploy("v2", AppV2::new).retire("v1")
                .migrate("V5").contract("V6");
        Invariant inSync = new Invariant("amounts in sync",
                "select id from orders where amount_cents is distinct from total_cents", "V4", "V6", "NightlyBenchmark");

        long t0 = System.nanoTime();
        RunResult r = CompatibilityRun.of("NightlyBenchmark", rollout).settings(settings).invariants(List.of(inSync))
                .run(17).result();
        Duration wall = Duration.ofNanos(System.nanoTime() - t0);

        System.out.printf(Locale.ROOT, "%nnightly on the int-to-bigint example: %,d customers + %,d orders + %,d order lines"
                + " seeded from a profile, PostgreSQL %s, soak %s, verdict %s, wall time %dm %02ds%n", customers, orders,
                orders, r.postgresVersion(), settings.soak(), r.verdict().id(), wall.toMinutes(), wall.toSecondsPart());
        for (TransitionResult t : r.transitions()) {
            long requests = t.requests().values().stream().mapToLong(VersionStats::total).sum();
            long failed = t.requests().values().stream().mapToLong(VersionStats::failed).sum();
            System.out.printf(Locale.ROOT, "  %-45s %-6s %7.1f s  %,7d requests (%d failed)  hazards %s%n", t.name(),
                    t.verdict().id(), (t.endMs() - t.startMs()) / 1000.0, requests, failed,
                    t.hazards().stream().map(Hazard::id).distinct().toList());
        }
        System.out.println("  reports: " + dir.resolve("reports").toAbsolutePath());
        Postgres.stopAll();
    }

    private static String profile(long customers, long orders) {
        return String.format(Locale.ROOT, """
                {"profileVersion": 1, "serverVersion": "17.6", "capturedAt": "2026-12-04T18:56:51Z", "tables": [
                  {"schema": "public", "name": "customers", "rows": %1$d, "rowsSource": "reltuples", "columns": [
                    {"name": "id", "type": "bigint", "notNull": true, "nullFrac": 0, "nDistinct": -1, "avgWidth": 8},
                    {"name": "name", "type": "text", "notNull": true, "nullFrac": 0, "nDistinct": -0.8, "avgWidth": 14},
                    {"name": "email", "type": "text", "notNull": true, "nullFrac": 0, "nDistinct": -1, "avgWidth": 26},
                    {"name": "street", "type": "text", "notNull": true, "nullFrac": 0, "nDistinct": -0.5, "avgWidth": 18},
                    {"name": "city", "type": "text", "notNull": true, "nullFrac": 0, "nDistinct": 400, "avgWidth": 8},
                    {"name": "postal_code", "type": "text", "notNull": true, "nullFrac": 0, "nDistinct": 5000, "avgWidth": 6},
                    {"name": "country", "type": "text", "notNull": true, "nullFrac": 0, "nDistinct": 4, "avgWidth": 3}]},
                  {"schema": "public", "name": "orders", "rows": %2$d, "rowsSource": "reltuples", "columns": [
                    {"name": "id", "type": "bigint", "notNull": true, "nullFrac": 0, "nDistinct": -1, "avgWidth": 8},
                    {"name": "customer_id", "type": "bigint", "notNull": true, "nullFrac": 0, "nDistinct": %1$d, "avgWidth": 8},
                    {"name": "status", "type": "text", "notNull": true, "nullFrac": 0, "nDistinct": 3, "avgWidth": 5},
                    {"name": "total_cents", "type": "integer", "notNull": true, "nullFrac": 0, "nDistinct": 50000, "avgWidth": 4},
                    {"name": "placed_at", "type": "timestamptz", "notNull": false, "nullFrac": 0, "nDistinct": -1, "avgWidth": 8}]},
                  {"schema": "public", "name": "order_lines", "rows": %2$d, "rowsSource": "reltuples", "columns": [
                    {"name": "id", "type": "bigint", "notNull": true, "nullFrac": 0, "nDistinct": -1, "avgWidth": 8},
                    {"name": "order_id", "type": "bigint", "notNull": true, "nullFrac": 0, "nDistinct": %2$d, "avgWidth": 8},
                    {"name": "sku", "type": "text", "notNull": true, "nullFrac": 0, "nDistinct": 500, "avgWidth": 8},
                    {"name": "quantity", "type": "integer", "notNull": true, "nullFrac": 0, "nDistinct": 3, "avgWidth": 4},
                    {"name": "price_cents", "type": "integer", "notNull": true, "nullFrac": 0, "nDistinct": 1000, "avgWidth": 4}]}],
                 "queries": [{"query": "select total_cents from public.orders where id = $1", "calls": 360000, "meanMs": 0.02,
                              "rows": 360000}],
                 "queryStats": {"since": "2026-12-04T17:56:51Z", "seconds": 3600, "deallocations": 0}}
                """, customers, orders);
    }
}
