package dev.zerodown.load;

import java.sql.SQLException;
import java.util.Set;

/**
 * A request of a SQL or synthetic workload failed: carries the statement as written (generators
 * unexpanded, so failures group by statement) and whether the workload declared the error.
 */
final class StatementFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final String statement;
    private final String source;
    private final boolean expected;

    StatementFailure(String statement, Set<String> expectedStates, SQLException cause) {
        this(statement, null, expectedStates, cause);
    }

    /** @param source {@code file:line} of the statement in a workload file, or null */
    StatementFailure(String statement, String source, Set<String> expectedStates, SQLException cause) {
        super(Failures.firstLine(cause.getMessage()), cause);
        this.statement = statement;
        this.source = source;
        this.expected = cause.getSQLState() != null && expectedStates.contains(cause.getSQLState());
    }

    String statement() {
        return statement;
    }

    /** {@code file:line} of the statement in a workload file, or null. */
    String source() {
        return source;
    }

    boolean expected() {
        return expected;
    }

    @Override
    public synchronized SQLException getCause() {
        return (SQLException) super.getCause();
    }
}
