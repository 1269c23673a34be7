package dev.zerodown.trace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The small measurements taken around each statement. */
final class Probes {
    /** Row counts stop at this many rows (beyond it pg_class.reltuples is used). */
    static final long ROW_COUNT_CAP = 100_000;

    private Probes() {
    }

    /** Rows written and scans started on one table, as counted by the backend's own statistics. */
    record Counters(long writes, long scans) {
        Counters minus(Counters o) {
            return new Counters(writes - o.writes, scans - o.scans);
        }
    }

    /** A granted relation lock. */
    record HeldLock(long relid, String mode) {
    }

    /** {@code lock_timeout} in effect on this connection, in ms (0 = none). */
    static long lockTimeoutMs(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select setting::int8 from pg_catalog.pg_settings where name = 'lock_timeout'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * This backend's pending statistics of the current transaction and its {@code lock_timeout}.
     *
     * @param tables        rows written and scans started per user table
     * @param catalogWrites rows inserted, updated or deleted in pg_catalog tables (any DDL writes some)
     * @param lockTimeoutMs {@code lock_timeout} in effect, in ms (0 = none)
     */
    record Xact(Map<Long, Counters> tables, long catalogWrites, long lockTimeoutMs) {
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
    }

    /**
     * Reads {@link Xact} on the migration connection (pg_stat_xact_all_tables). The counters include
     * earlier, not yet flushed transactions of the same backend, so only differences are meaningful;
     * nothing is flushed while a transaction is open.
     */
    static Xact xact(Connection migration) throws SQLException {
        Map<Long, Counters> tables = new HashMap<>();
        long catalogWrites = 0;
        long lockTimeout = 0;
        try (Statement s = migration.createStatement();
             ResultSet rs = s.executeQuery("select relid::int8, schemaname = 'pg_catalog', n_tup_ins + n_tup_upd + n_tup_del,"
                     + " coalesce(seq_scan, 0) + coalesce(idx_scan, 0),"
                     + " (select setting::int8 from pg_catalog.pg_settings where name = 'lock_timeout')"
                     + " from pg_catalog.pg_stat_xact_all_tables"
                     + " where schemaname = 'pg_catalog' or (schemaname <> 'information_schema' and schemaname !~ '^pg_')")) {
            while (rs.next()) {
                lockTimeout = rs.getLong(5);
                if (rs.getBoolean(2)) {
                    catalogWrites += rs.getLong(3);
                } else {
                    tables.put(rs.getLong(1), new Counters(rs.getLong(3), rs.getLong(4)));
                }
            }
        }
        return new Xact(tables, catalogWrites, lockTimeout);
    }

    /** Relation locks granted to backend {@code pid} in the current database, read from another connection. */
    static Set<HeldLock> heldLocks(Connection observer, int pid) throws SQLException {
        Set<HeldLock> out = new HashSet<>();
        try (PreparedStatement s = observer.prepareStatement("select l.relation::int8, l.mode from pg_catalog.pg_locks l"
                + " where l.pid = ? and l.locktype = 'relation' and l.granted"
                + " and l.database = (select oid from pg_catalog.pg_database where datname = current_database())")) {
            s.setInt(1, pid);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new HeldLock(rs.getLong(1), rs.getString(2)));
                }
            }
        }
        return out;
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
