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

/** Runs each statement of a workload once, rolled back, and reports the ones that fail. */
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
                for (int i = 0; i < workload.statementCount(); i++) {
                    String problem = check(i);
                    if (problem != null) {
                        failures.add(workload.statement(i).source());
                        first = first == null ? problem : first;
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

    /** The failure text of statement {@code i}, or null when it ran or failed as declared. */
    private String check(int i) throws SQLException {
        connection.setAutoCommit(false);
        try {
            try (Statement s = connection.createStatement()) {
                s.execute("set local statement_timeout = '10s'");
            }
            workload.execute(connection, i, random, sequence);
            return null;
        } catch (StatementFailure f) {
            connection.rollback();
            if (NOT_IN_TRANSACTION.equals(f.getCause().getSQLState())) {
                return inAutoCommit(i);
            }
            return f.expected() ? null : describe(f);
        } finally {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        }
    }

    private String inAutoCommit(int i) throws SQLException {
        connection.setAutoCommit(true);
        try {
            workload.execute(connection, i, random, sequence);
            return null;
        } catch (StatementFailure f) {
            return f.expected() ? null : describe(f);
        }
    }

    private static String describe(StatementFailure f) {
        return f.getMessage() + " (SQLState " + f.getCause().getSQLState() + ")";
    }
}
