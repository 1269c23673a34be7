package dev.zerodown.load;

import java.sql.SQLException;
import dev.zerodown.config.Text;

/** Turns an exception of a request into its group key (SQLState, statement) and a sample message. */
final class Failures {
    static final int MAX_TEXT = 500;

    private Failures() {
    }

    /**
     * @param sqlState  the SQLState, or {@code java:<ExceptionClass>} for an exception without one
     * @param statement the statement as written when known (SQL and synthetic workloads), otherwise
     *                  the first line of the exception's message
     * @param message   the first line of the database's (or the exception's) message
     */
    record Failure(String sqlState, String statement, String message) {
    }

    static Failure classify(Throwable t) {
        if (t instanceof StatementFailure f) {
            return new Failure(stateOf(f.getCause(), f.getCause()), f.statement(), f.getMessage());
        }
        SQLException sql = sqlCause(t);
        String firstLine = firstLine(t.getMessage());
        String statement = firstLine.isEmpty() ? t.getClass().getName() : firstLine;
        String message = sql != null ? firstLine(sql.getMessage()) : firstLine(t.toString());
        return new Failure(stateOf(sql, t), statement, message);
    }

    /** The first SQLException with a SQLState in the cause chain, or null. */
    static SQLException sqlCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException e && e.getSQLState() != null) {
                return e;
            }
        }
        return null;
    }

    private static String stateOf(SQLException sql, Throwable fallback) {
        return sql != null && sql.getSQLState() != null ? sql.getSQLState() : "java:" + fallback.getClass().getSimpleName();
    }

    /** The first non-blank line, at most {@value #MAX_TEXT} characters (and {@code …}); "" for null. */
    static String firstLine(String message) {
        return Text.shorten(Text.firstLine(message), MAX_TEXT + 1);
    }
}
