package dev.zerodown.trace;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import dev.zerodown.postgres.PostgresServer;

/**
 * Fresh databases for corpus cases, cloned from a per-major template that already holds the shared
 * baseline (applied once, untraced, with {@link StepExecutor#applyUntraced}), so each case starts
 * from the same seeded schema without seeding it again.
 */
final class CorpusDatabases {
    private static final Map<Integer, Database> TEMPLATES = new ConcurrentHashMap<>();
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private CorpusDatabases() {
    }

    /** A database holding the shared baseline, dropped on close. */
    static Database withBaseline(int major, MigrationStep baseline) throws SQLException {
        Database template = TEMPLATES.computeIfAbsent(major, m -> seed(m, baseline));
        String name = "corpus_case_" + COUNTER.incrementAndGet();
        String strategy = major >= 15 ? " strategy file_copy" : "";
        try (Connection admin = admin(template); Statement s = admin.createStatement()) {
            s.execute("create database " + name + " template " + template.name() + strategy);
        }
        String url = template.jdbcUrl().substring(0, template.jdbcUrl().lastIndexOf('/') + 1) + name;
        return new Database(name, url, template.user(), template.password(), major, () -> drop(template, name));
    }

    private static Database seed(int major, MigrationStep baseline) {
        PostgresServer server = Postgres.embedded(major);
        Database db = server.createDatabase("corpus_template");
        new StepExecutor(db, TraceSettings.defaults(), LockSource.clockOnly(System.nanoTime())).applyUntraced(baseline);
        return db;
    }

    private static void drop(Database template, String name) {
        try (Connection admin = admin(template); Statement s = admin.createStatement()) {
            s.execute("drop database if exists " + name + (template.major() >= 13 ? " with (force)" : ""));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop " + name, e);
        }
    }

    private static Connection admin(Database template) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", template.user());
        if (template.password() != null && !template.password().isEmpty()) {
            p.setProperty("password", template.password());
        }
        String url = template.jdbcUrl().substring(0, template.jdbcUrl().lastIndexOf('/') + 1) + "postgres";
        return DriverManager.getConnection(url, p);
    }
}
