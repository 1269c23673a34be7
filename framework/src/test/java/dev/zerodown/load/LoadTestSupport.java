package dev.zerodown.load;

import static org.awaitility.Awaitility.await;

import dev.zerodown.postgres.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/** Small helpers shared by the load tests. */
final class LoadTestSupport {
    private LoadTestSupport() {
    }

    static void exec(Database db, String... sqls) throws SQLException {
        try (Connection c = db.connect("zd-test"); Statement s = c.createStatement()) {
            for (String sql : sqls) {
                s.execute(sql);
            }
        }
    }

    static long queryLong(Database db, String sql) throws SQLException {
        try (Connection c = db.connect("zd-test"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static long sessions(Database db, String applicationName) throws SQLException {
        return queryLong(db, "select count(*) from pg_stat_activity where application_name = '" + applicationName + "'");
    }

    static List<String> loadThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("zd-load") || n.startsWith("zd-app:"))
                .sorted()
                .toList();
    }

    /** Backends exit shortly after their client disconnects; wait for it, bounded. */
    static void awaitNoSessions(Database db, String applicationName) {
        await().atMost(Duration.ofSeconds(10)).until(() -> sessions(db, applicationName) == 0);
    }

    static void sleep(long ms) throws InterruptedException {
        Thread.sleep(ms);
    }
}
