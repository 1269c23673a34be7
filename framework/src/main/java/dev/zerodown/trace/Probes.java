package dev.zerodown.trace;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/** The small measurements taken around each statement. */
@API(status = API.Status.INTERNAL)
public final class Probes {
    /** Row counts stop at this many rows (beyond it pg_class.reltuples is used). */
    static final long ROW_COUNT_CAP = 100_000;

    private Probes() {
    }

    /** Rows written and scans started on one table, as counted by the backend's own statistics. */
    @API(status = API.Status.INTERNAL)
    public record Counters(long writes, long scans) {
        Counters minus(Counters o) {
            return new Counters(writes - o.writes, scans - o.scans);
        }

        Counters plus(Counters o) {
            return new Counters(writes + o.writes, scans + o.scans);
        }
    }

    /** A granted relation lock. */
    @API(status = API.Status.INTERNAL)
    public record HeldLock(long relid, String mode) {
    }

    /**
     * This backend's pending statistics of the current transaction and its {@code lock_timeout}.
     *
     * @param tables        rows written and scans started per user table
     * @param catalogWrites rows inserted, updated or deleted per pg_catalog table (DDL writes some)
     * @param lockTimeoutMs {@code lock_timeout} in effect, in ms (0 = none)
     */
    record Xact(Map<Long, Counters> tables, Map<String, Long> catalogWrites, long lockTimeoutMs) {
        /** What happened between {@code before} and this reading, per table (only tables with a change). */
        Map<Long, Counters> minus(Xact before) {
            Map<Long, Counters> out = new HashMap<>();
            tables.forEach((relid, c) -> {
                Counters d = c.minus(before.tables.getOrDefault(relid, new Counters(0, 0)));
                if (d.writes() != 0 || d.scans() != 0) {
                    out.put(relid, d);
                }
            });
            return out;
        }

        /** The parts of the catalog whose system tables were written since {@code before}. */
        Set<CatalogReader.Part> changedParts(Xact before) {
            Set<CatalogReader.Part> out = EnumSet.noneOf(CatalogReader.Part.class);
            catalogWrites.forEach((table, n) -> {
                if (!n.equals(before.catalogWrites.getOrDefault(table, 0L))) {
                    out.addAll(CatalogReader.Part.written(table));
                }
            });
            return out;
        }
    }

    /** What is read after each statement inside a transaction block, in one round trip. */
    record After(Xact xact, Set<HeldLock> locks) {
    }

    /**
     * Rows of each table and materialized view, counted up to {@link #ROW_COUNT_CAP} in one query
     * (pg_class.reltuples beyond). A table another transaction holds ACCESS EXCLUSIVE is not waited
     * for (the observer's lock_timeout): its estimate is used instead.
     */
    static Map<Long, Long> rowCounts(Connection observer, Catalog catalog) throws SQLException {
        Map<Long, Long> out = new HashMap<>();
        Map<Long, Double> estimates = estimates(observer);
        List<Catalog.Rel> counted = new ArrayList<>();
        for (Catalog.Rel r : catalog.relations().values()) {
            double estimate = estimates.getOrDefault(r.oid(), -1.0);
            if (!r.holdsRows()) {
                continue;
            }
            if (estimate > ROW_COUNT_CAP) {
                out.put(r.oid(), (long) estimate);
            } else {
                counted.add(r);
            }
        }
        if (counted.isEmpty()) {
            return out;
        }
        try {
            out.putAll(count(observer, counted));
        } catch (SQLException e) {
            if (!"55P03".equals(e.getSQLState()) && !"57014".equals(e.getSQLState())) {
                throw e;
            }
            for (Catalog.Rel r : counted) {
                try {
                    out.putAll(count(observer, List.of(r)));
                } catch (SQLException again) {
                    out.put(r.oid(), (long) Math.max(0, estimates.getOrDefault(r.oid(), 0.0)));
                }
            }
        }
        return out;
    }

    private static Map<Long, Long> count(Connection observer, List<Catalog.Rel> rels) throws SQLException {
        StringBuilder sql = new StringBuilder();
        for (Catalog.Rel r : rels) {
            sql.append(sql.length() == 0 ? "" : " union all ").append("select ").append(r.oid())
                    .append("::int8, count(*) from (select 1 from only ").append(quoted(r)).append(" limit ")
                    .append(ROW_COUNT_CAP + 1).append(") x");
        }
        Map<Long, Long> out = new HashMap<>();
        try (Statement s = observer.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return out;
    }

    private static Map<Long, Double> estimates(Connection observer) throws SQLException {
        Map<Long, Double> out = new HashMap<>();
        try (Statement s = observer.createStatement();
             ResultSet rs = s.executeQuery("select oid::int8, reltuples::float8 from pg_catalog.pg_class where relkind in ('r','m')")) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getDouble(2));
            }
        }
        return out;
    }

    /** True when the relation has at least one row (read on the migration connection, inside its transaction). */
    static boolean hasRows(Connection c, Catalog.Rel r) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select exists (select 1 from only " + quoted(r) + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    static String quoted(Catalog.Rel r) {
        return ident(r.schema()) + "." + ident(r.name());
    }

    static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
