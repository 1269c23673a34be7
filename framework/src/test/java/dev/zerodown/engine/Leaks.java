package dev.zerodown.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a run may leave behind, checked after it ended (bounded waits, never a sleep): threads of this JVM
 * ({@code zd-load:} clients, {@code zd-app:} pool threads, the sampler and the other {@code zerodown-} helpers),
 * connections of the server ({@code zd-app:%} and {@code zerodown%} application names other than the server's
 * own admin session), and backend processes beyond those the server had before the run.
 */
final class Leaks {
    static final Duration BOUND = Duration.ofSeconds(15);
    private static final String PROBE = "fault-probe";

    private final PostgresServer server;
    private final Database probe;
    private final Set<Long> backendsBefore;

    private Leaks(PostgresServer server, Database probe, Set<Long> backendsBefore) {
        this.server = server;
        this.probe = probe;
        this.backendsBefore = backendsBefore;
    }

    /** Notes the server's processes before a run (in a database of its own, dropped by {@link #assertNone}). */
    static Leaks before(PostgresServer server) {
        Database probe = server.createDatabase("fault_probe");
        return new Leaks(server, probe, backends(probe));
    }

    /** The names of the live threads a run starts. */
    static List<String> runThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("zd-load:") || n.startsWith("zd-app:") || n.startsWith("zerodown-"))
                .sorted().toList();
    }

    /** Connections of this server from a run: application names {@code zd-app:%} or {@code zerodown%} but the admin's. */
    List<String> runConnections() {
        return query(probe, "select application_name || ' pid ' || pid || ' on ' || coalesce(datname, '-')"
                + " from pg_stat_activity where (application_name like 'zd-app:%' or application_name like 'zerodown%')"
                + " and application_name <> 'zerodown-admin' order by 1");
    }

    /** Waits (bounded) until the run left no thread, no connection and no backend process behind. */
    void assertNone() {
        try {
            await("no run threads").atMost(BOUND).pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> assertThat(runThreads()).as("threads left by the run").isEmpty());
            await("no run connections").atMost(BOUND).pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> assertThat(runConnections()).as("connections left by the run").isEmpty());
            await("no extra backends").atMost(BOUND).pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> assertThat(backends(probe)).as("server processes (pids)").isSubsetOf(backendsBefore));
        } finally {
            probe.close();
        }
    }

    /** The live processes below the postmaster, but the probe's own backend. */
    static Set<Long> backends(Database db) {
        try (Connection c = db.connect(PROBE); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            long own = rs.getLong(1);
            ProcessHandle postmaster = ProcessHandle.of(own).flatMap(ProcessHandle::parent).orElseThrow();
            return postmaster.children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).filter(p -> p != own)
                    .collect(Collectors.toSet());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> query(Database db, String sql) {
        try (Connection c = db.connect(PROBE); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    PostgresServer server() {
        return server;
    }

    Database probe() {
        return probe;
    }
}
