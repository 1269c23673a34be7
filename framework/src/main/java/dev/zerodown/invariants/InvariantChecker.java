package dev.zerodown.invariants;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.EnvironmentException;
import dev.zerodown.config.Text;
import dev.zerodown.postgres.Database;
import dev.zerodown.result.InvariantResult;
import org.apiguardian.api.API;

/**
 * Runs invariant queries on their own connection ({@code application_name} {@value #APPLICATION_NAME}),
 * each in a read-only transaction with a statement timeout, and keeps the row count and up to
 * {@value #SAMPLE_ROWS} sample rows.
 */
@API(status = API.Status.INTERNAL)
public final class InvariantChecker {
    public static final String APPLICATION_NAME = "zd-invariants";
    public static final int SAMPLE_ROWS = 10;
    /** Longest an invariant query may run. */
    public static final String STATEMENT_TIMEOUT = "30s";
    private static final String CONNECTION_FAILURE_CLASS = "08";

    private final Database db;

    public InvariantChecker(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /**
     * Checks each invariant once, in order.
     *
     * @param atMs ms since the run started, stored in the results
     * @throws ConfigurationException naming the invariant's source and SQLState when a query fails
     */
    public List<InvariantResult> check(List<Invariant> active, long atMs) {
        if (active.isEmpty()) {
            return List.of();
        }
        List<InvariantResult> results = new ArrayList<>();
        try (Connection c = db.connect(APPLICATION_NAME)) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            for (Invariant inv : active) {
                results.add(checkOne(c, inv, atMs));
            }
        } catch (SQLException e) {
            throw new EnvironmentException("Could not check invariants on " + db + ": " + e.getMessage(), e);
        }
        return results;
    }

    private InvariantResult checkOne(Connection c, Invariant inv, long atMs) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("set local statement_timeout = '" + STATEMENT_TIMEOUT + "'");
            s.setFetchSize(1000);
            long count = 0;
            List<Map<String, Object>> sample = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(inv.sql())) {
                while (rs.next()) {
                    if (count < SAMPLE_ROWS) {
                        sample.add(row(rs));
                    }
                    count++;
                }
            }
            return new InvariantResult(inv.name(), count, sample, atMs);
        } catch (SQLException e) {
            String state = e.getSQLState();
            if (state != null && state.startsWith(CONNECTION_FAILURE_CLASS)) {
                throw e;
            }
            throw new ConfigurationException(inv.source() + ": invariant '" + inv.name() + "' failed with SQLState " + state
                    + ": " + firstLine(e.getMessage()) + "; an invariant must be a query that returns the offending rows");
        } finally {
            c.rollback();
        }
    }

    private static Map<String, Object> row(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            String name = md.getColumnLabel(i);
            String key = name;
            for (int n = 2; row.containsKey(key); n++) {
                key = name + "_" + n;
            }
            row.put(key, value(rs.getObject(i)));
        }
        return Collections.unmodifiableMap(row);
    }

    /** Numbers, booleans and strings as they are; anything else as its text, so reports can write it. */
    private static Object value(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
                || v instanceof Short || v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            return v;
        }
        return v.toString();
    }

    private static String firstLine(String message) {
        return Text.firstLine(message);
    }
}
