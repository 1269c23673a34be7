package dev.zerodown.trace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.migrations.SqlStatement;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;

/**
 * What tracing costs: how much longer a migration's transaction stays open (and so holds its locks)
 * when every statement is measured, against the same statements sent on a plain JDBC connection.
 * Prints medians of {@code bench.repeats} alternating rounds per scenario, as ratios.
 *
 * <p>Run: {@code mvn -B -Pbench -pl framework test-compile exec:exec@tracer-benchmark}
 */
public final class TracerBenchmark {
    private TracerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int repeats = Integer.getInteger("bench.repeats", 10);
        int major = Integer.getInteger("bench.major", 17);
        Path dir = Files.createTempDirectory("tracer-bench");
        try (Database db = Postgres.embedded(major).createDatabase("tracer_bench")) {
            StepExecutor executor = new StepExecutor(db, TraceSettings.defaults(), (dev.zerodown.locks.LockMonitor) null);
            executor.applyUntraced(Steps.of(dir, "V1__t.sql", """
                    create table t (id bigint primary key, v int, s text);
                    insert into t select g, g, 'row ' || g from generate_series(1, 20000) g;
                    create index t_v on t (v);
                    """));
            System.out.printf(Locale.ROOT, "PostgreSQL %d, %d rounds, medians (transaction open: first statement sent -> commit)%n",
                    major, repeats);
            System.out.printf(Locale.ROOT, "%-34s %10s %10s %7s %14s%n", "scenario", "plain ms", "traced ms", "ratio",
                    "ms/statement");
            scenario(db, executor, dir, repeats, "10 x ADD COLUMN (one transaction)", ddl(10), "alter table t drop column c%d");
            scenario(db, executor, dir, repeats, "50 x single-row UPDATE (one tx)", updates(50), null);
            scenario(db, executor, dir, repeats, "1 x UPDATE of 20,000 rows", List.of("update t set v = v + 1"), null);
        }
    }

    private static void scenario(Database db, StepExecutor executor, Path dir, int repeats, String name, List<String> sql,
                                 String undo) throws Exception {
        List<Double> plain = new ArrayList<>();
        List<Double> traced = new ArrayList<>();
        MigrationStep step = Steps.of(dir, "V2__bench.sql", String.join(";\n", sql) + ";\n");
        for (int i = 0; i < repeats + 1; i++) {
            double p = plain(db, step);
            undo(db, undo, sql.size());
            StepTrace t = executor.execute(step);
            undo(db, undo, sql.size());
            long first = t.statements().get(0).startMs();
            double tr = t.endMs() - first;
            if (i > 0) {
                plain.add(p);
                traced.add(tr);
            }
        }
        double mp = median(plain);
        double mt = median(traced);
        System.out.printf(Locale.ROOT, "%-34s %10.1f %10.1f %7.2f %14.2f%n", name, mp, mt, mt / mp, (mt - mp) / sql.size());
    }

    /** The statements on a plain connection in one transaction; ms from the first statement to the end of COMMIT. */
    private static double plain(Database db, MigrationStep step) throws Exception {
        try (Connection c = db.connect("bench-plain")) {
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            for (SqlStatement s : step.statements()) {
                try (Statement st = c.createStatement()) {
                    st.execute(s.sql());
                }
            }
            c.commit();
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    private static void undo(Database db, String undo, int n) throws Exception {
        if (undo == null) {
            return;
        }
        try (Connection c = db.connect("bench-undo"); Statement s = c.createStatement()) {
            for (int i = 1; i <= n; i++) {
                s.execute(String.format(Locale.ROOT, undo, i));
            }
        }
    }

    private static List<String> ddl(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add("alter table t add column c" + i + " int");
        }
        return out;
    }

    private static List<String> updates(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add("update t set v = v + 1 where id = " + (i * 37));
        }
        return out;
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
