package dev.zerodown.load;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The values {@code {{sample schema.table.column}}} draws from: up to {@value #SIZE} non-null values
 * of each column (as text), read once when the version starts. A column that cannot be read (it does
 * not exist, or the role may not select it) has no values: its generator binds NULL, and the log says why.
 */
final class Samples {
    static final int SIZE = 100;
    static final Samples NONE = new Samples(Map.of());
    private static final Logger LOG = LoggerFactory.getLogger(Samples.class);

    private final Map<String, List<String>> values;

    private Samples(Map<String, List<String>> values) {
        this.values = values;
    }

    /** Reads the samples of {@code columns} ({@code schema.table.column} or {@code table.column}). */
    static Samples take(Connection c, Collection<String> columns) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String column : columns) {
            if (!out.containsKey(column)) {
                out.put(column, read(c, column));
            }
        }
        return new Samples(Map.copyOf(out));
    }

    private static List<String> read(Connection c, String column) {
        String[] parts = column.split("\\.");
        String col = quote(parts[parts.length - 1]);
        StringBuilder table = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            table.append(i > 0 ? "." : "").append(quote(parts[i]));
        }
        String sql = "select v::text from (select " + col + " as v from " + table + " where " + col
                + " is not null limit 10000) s order by random() limit " + SIZE;
        boolean autoCommit = true;
        try {
            autoCommit = c.getAutoCommit();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                List<String> values = new java.util.ArrayList<>();
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
                if (values.isEmpty()) {
                    LOG.info("{{sample {}}}: the column has no value; the generator binds NULL", column);
                }
                return List.copyOf(values);
            }
        } catch (SQLException e) {
            LOG.warn("{{sample {}}}: cannot read the column ({}); the generator binds NULL", column,
                    Failures.firstLine(e.getMessage()));
            if (!autoCommit) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection broke: the requests will say so
                }
            }
            return List.of();
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.toLowerCase(java.util.Locale.ROOT).replace("\"", "\"\"") + "\"";
    }

    /** One value of the column, or null when it has none. */
    String next(String column, SplittableRandom random) {
        List<String> v = values.get(column);
        return v == null || v.isEmpty() ? null : v.get(random.nextInt(v.size()));
    }

    /** The values sampled for a column (empty if none). */
    List<String> values(String column) {
        return values.getOrDefault(column, List.of());
    }
}
