package dev.zerodown.load;

import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.EnvironmentException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs each request of a workload once, in a transaction that is rolled back, and reports the ones
 * that fail. A request that cannot run in a transaction (VACUUM, CREATE INDEX CONCURRENTLY) runs in
 * autocommit instead, as it will under load, unless it is a transactional block, which never can.
 */
final class BaselineCheck {
    private static final String NOT_IN_TRANSACTION = "25001";

    private final SqlWorkload workload;
    private final Connection connection;
    private final SplittableRandom random = new SplittableRandom(LoadSettings.DEFAULT_SEED);
    private final AtomicLong sequence = new AtomicLong();

    BaselineCheck(SqlWorkload workload, Connection connection) {
        this.workload = workload;
        this.connection = connection;
    }

    void run() {
        List<String> failures = new ArrayList<>();
        String first = null;
        try {
            boolean autoCommit = connection.getAutoCommit();
            try {
                for (int i = 0; i < workload.requestCount(); i++) {
                    StatementFailure problem = check(i);
                    if (problem != null) {
                        failures.add(problem.source());
                        first = first == null ? describe(workload.request(i), problem) : first;
                    }
                }
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new EnvironmentException("The connection broke during the baseline check of " + workload.file() + ": "
                    + e.getMessage(), e);
        }
        if (first != null) {
            String also = failures.size() > 1 ? " (also failing: " + String.join(", ", failures.subList(1, failures.size())) + ")" : "";
            throw new ConfigurationException(failures.get(0) + ": the workload does not fit the baseline schema: " + first
                    + also + "; fix the statement, or what the baseline migrations and seed create");
        }
    }

    /** The failure of request {@code i}, or null when it ran or failed as declared. */
    private StatementFailure check(int i) throws SQLException {
        connection.setAutoCommit(false);
        try {
            try (Statement s = connection.createStatement()) {
                s.execute("set local statement_timeout = '10s'");
            }
            workload.run(connection, i, random, sequence);
            return null;
        } catch (StatementFailure f) {
            connection.rollback();
            if (NOT_IN_TRANSACTION.equals(f.getCause().getSQLState()) && !workload.request(i).transactional()) {
                return inAutoCommit(i);
            }
            return f.expected() ? null : f;
        } finally {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        }
    }

    private StatementFailure inAutoCommit(int i) throws SQLException {
        connection.setAutoCommit(true);
        try {
            workload.run(connection, i, random, sequence);
            return null;
        } catch (StatementFailure f) {
            return f.expected() ? null : f;
        }
    }

    private static String describe(SqlWorkload.Request request, StatementFailure f) {
        String text = f.getMessage() + " (SQLState " + f.getCause().getSQLState() + ")";
        if (NOT_IN_TRANSACTION.equals(f.getCause().getSQLState()) && request.transactional()) {
            text += "; the request '" + request.name() + "' runs in one transaction: write '-- request: " + request.name()
                    + " autocommit', or move the statement out of the request";
        }
        return text;
    }
}
