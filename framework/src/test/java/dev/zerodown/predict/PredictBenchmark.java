package dev.zerodown.predict;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.migrations.SqlStatement;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import dev.zerodown.postgres.PostgresServer;
import dev.zerodown.result.Prediction;
import dev.zerodown.trace.TraceSettings;

/**
 * How far the predicted hold is from the measured one: {@code ALTER TABLE … ALTER COLUMN … TYPE
 * bigint} measured by {@link SizeRuns} at 10,000, 33,333 and 100,000 rows, the fit read at
 * 1,000,000 rows, against the same statement measured on a 1,000,000-row table (fastest of 3 runs,
 * each rolled back). {@code mvn -B -Pbench -pl framework test-compile exec:exec@predict-benchmark};
 * options -Dbench.rows (seeded, default 100000), -Dbench.production (default 1000000), -Dbench.repeats.
 */
public final class PredictBenchmark {
    private static final String TABLE = """
            create table accounts (id int primary key, balance int not null, owner text not null);
            insert into accounts select g, g %% 1000, 'owner ' || g from generate_series(1, %d) g;
            vacuum analyze accounts;
            """;
    private static final String ALTER = "alter table accounts alter column balance type bigint";

    private PredictBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long seeded = Long.getLong("bench.rows", 100_000);
        long production = Long.getLong("bench.production", 1_000_000);
        int repeats = Integer.getInteger("bench.repeats", 3);
        PostgresServer server = Postgres.embedded(17);
        MigrationStep step = new MigrationStep("2", "retype", "V2__retype.sql", "V2__retype.sql",
                List.of(new SqlStatement(ALTER, 1, true, List.of())), true);
        Target target = new Target(step, 0, "public", "accounts", true);
        TraceSettings settings = new TraceSettings(Duration.ofMinutes(10), null, 0, 10_000, false, Duration.ofMillis(100));
        List<Double> errors = new ArrayList<>();
        for (int round = 0; round < repeats; round++) {
            Prediction p;
            try (Database base = table(server, "predict_bench_base", seeded)) {
                Map<Target, List<Prediction.Point>> points = new SizeRuns(server, base, settings).measure(List.of(step),
                        List.of(target));
                p = Predictions.of(target, points.get(target), production, java.time.Duration.ofMillis(100));
            }
            double actual;
            try (Database big = table(server, "predict_bench_big", production)) {
                actual = fastest(big, 3);
            }
            double error = (p.ms() - actual) / actual * 100;
            errors.add(error);
            System.out.printf(Locale.ROOT, "round %d: measured %s; predicted %.0f ms at %,d rows (%s fit, R² %.3f);"
                    + " measured %.0f ms; error %+.1f %%%n", round + 1, p.measuredAt(), p.ms(), production, p.fitName(),
                    p.r2(), actual, error);
        }
        List<Double> sorted = errors.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "prediction error at %,d rows from %,d/%,d/%,d: median %+.1f %% (of %d rounds, %+.1f to %+.1f)%n",
                production, seeded / 10, seeded / 3, seeded, sorted.get(sorted.size() / 2), sorted.size(), sorted.get(0),
                sorted.get(sorted.size() - 1));
        server.close();
    }

    private static Database table(PostgresServer server, String label, long rows) throws Exception {
        Database db = server.createDatabase(label);
        try (Connection c = db.connect("bench"); Statement s = c.createStatement()) {
            for (String sql : String.format(Locale.ROOT, TABLE, rows).split(";\\s*")) {
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
        }
        return db;
    }

    private static double fastest(Database db, int runs) throws Exception {
        double best = Double.MAX_VALUE;
        try (Connection c = db.connect("bench"); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                s.execute(ALTER);
                best = Math.min(best, (System.nanoTime() - start) / 1e6);
                c.rollback();
            }
        }
        return best;
    }
}
