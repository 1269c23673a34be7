package dev.zerodown.trace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.zerodown.config.Durations;
import org.postgresql.PGStatement;

/**
 * The measurements taken on the migration's own connection between statements, as server-side
 * prepared statements (planned once per step): this is time the migration's locks stay held, so it
 * must be short. Statistics are read only for the pre-existing tables and the system tables DDL
 * writes; the catalog only in the parts whose system tables were written.
 */
final class MigrationProbe implements AutoCloseable {
    private static final List<String> SYSTEM_TABLES = List.of("pg_class", "pg_index", "pg_attribute", "pg_attrdef",
            "pg_constraint", "pg_type", "pg_enum", "pg_proc", "pg_namespace");

    /** Per relation in ?1: rows written and scans started in this transaction; once: lock_timeout and own locks. */
    private static final String AFTER = "select o::int8,"
            + " pg_catalog.pg_stat_get_xact_tuples_inserted(o) + pg_catalog.pg_stat_get_xact_tuples_updated(o)"
            + " + pg_catalog.pg_stat_get_xact_tuples_deleted(o), pg_catalog.pg_stat_get_xact_numscans(o),"
            + " current_setting('lock_timeout'),"
            + " (select array_agg(l.relation::int8 || ' ' || l.mode) from pg_catalog.pg_locks l"
            + "   where l.pid = pg_catalog.pg_backend_pid() and l.locktype = 'relation' and l.granted"
            + "   and l.database = (select d.oid from pg_catalog.pg_database d where d.datname = current_database()))"
            + " from unnest(?::oid[]) o";

    private final Connection connection;
    private final Map<Long, String> systemTables;
    private final Map<Long, Long> tableOfIndex = new HashMap<>();
    private final Object[] preRelations;
    private final Object[] preTables;
    private final PreparedStatement after;
    private PreparedStatement lockTimeout;
    private final Map<CatalogReader.Part, PreparedStatement> parts = new EnumMap<>(CatalogReader.Part.class);

    MigrationProbe(Connection connection, Catalog pre) throws SQLException {
        this.connection = connection;
        this.systemTables = systemTables(connection);
        List<Long> oids = new ArrayList<>(systemTables.keySet());
        for (Catalog.Rel r : pre.relations().values()) {
            if (r.holdsRows()) {
                oids.add(r.oid());
            } else if (r.isIndex() && pre.relation(r.tableOid()) != null && pre.relation(r.tableOid()).holdsRows()) {
                oids.add(r.oid());
                tableOfIndex.put(r.oid(), r.tableOid());
            }
        }
        this.preRelations = pre.relations().keySet().toArray();
        this.preTables = pre.relations().values().stream().filter(Catalog.Rel::isTableLike).map(Catalog.Rel::oid).toArray();
        this.after = prepare(AFTER.replace("?::oid[]", array(oids.toArray())));
    }

    private static Map<Long, String> systemTables(Connection c) throws SQLException {
        Map<Long, String> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("select oid::int8, relname::text from pg_catalog.pg_class"
                + " where relnamespace = 'pg_catalog'::regnamespace and relname = any(?)")) {
            s.setArray(1, c.createArrayOf("text", SYSTEM_TABLES.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement s = connection.prepareStatement(sql);
        s.unwrap(PGStatement.class).setPrepareThreshold(1);
        return s;
    }

    /**
     * An oid array literal. The oids are fixed for the step, so written into the query text the
     * prepared statement has no parameters and PostgreSQL plans it once (with parameters, it would
     * plan the first five executions again each time).
     */
    private static String array(Object[] oids) {
        StringBuilder b = new StringBuilder("'{");
        for (int i = 0; i < oids.length; i++) {
            b.append(i == 0 ? "" : ",").append(((Number) oids[i]).longValue());
        }
        return b.append("}'::oid[]").toString();
    }

    /** Relations, columns and constraints of the pre-existing relations only (the rules look at nothing else). */
    private PreparedStatement prepareRestricted(CatalogReader.Part p) throws SQLException {
        PreparedStatement s;
        switch (p) {
            case RELATIONS -> s = prepare(CatalogReader.RELATIONS_OF.replaceFirst("\\?::oid\\[\\]", array(preRelations))
                    .replace("?::oid[]", array(preTables)));
            case COLUMNS -> s = prepare(CatalogReader.COLUMNS_OF.replace("?::oid[]", array(preTables)));
            case CONSTRAINTS -> s = prepare(CatalogReader.CONSTRAINTS_OF.replace("?::oid[]", array(preTables)));
            default -> s = prepare(CatalogReader.query(p));
        }
        return s;
    }

    /** The statistics (and locks) now; in one round trip. */
    Probes.After after() throws SQLException {
        Map<Long, Probes.Counters> tables = new HashMap<>();
        Map<String, Long> catalogWrites = new HashMap<>();
        Set<Probes.HeldLock> locks = new HashSet<>();
        long lockTimeout = 0;
        boolean first = true;
        try (ResultSet rs = after.executeQuery()) {
            while (rs.next()) {
                long oid = rs.getLong(1);
                String system = systemTables.get(oid);
                Long table = tableOfIndex.get(oid);
                if (system != null) {
                    catalogWrites.put(system, rs.getLong(2));
                } else if (table != null) {
                    tables.merge(table, new Probes.Counters(0, rs.getLong(3)), Probes.Counters::plus);
                } else {
                    tables.merge(oid, new Probes.Counters(rs.getLong(2), rs.getLong(3)), Probes.Counters::plus);
                }
                if (first) {
                    lockTimeout = timeoutMs(rs.getString(4));
                    locks = locks(rs.getArray(5));
                    first = false;
                }
            }
        }
        return new Probes.After(new Probes.Xact(tables, catalogWrites, lockTimeout), locks);
    }

    private static Set<Probes.HeldLock> locks(java.sql.Array array) throws SQLException {
        Set<Probes.HeldLock> out = new HashSet<>();
        if (array != null) {
            for (Object o : (Object[]) array.getArray()) {
                String[] parts = ((String) o).split(" ", 2);
                out.add(new Probes.HeldLock(Long.parseLong(parts[0]), parts[1]));
            }
        }
        return out;
    }

    /** {@code lock_timeout} in effect now, in ms (0 = none). */
    long lockTimeoutMs() throws SQLException {
        if (lockTimeout == null) {
            lockTimeout = prepare("select current_setting('lock_timeout')");
        }
        try (ResultSet rs = lockTimeout.executeQuery()) {
            rs.next();
            return timeoutMs(rs.getString(1));
        }
    }

    /** {@code current_setting('lock_timeout')} in ms: {@code 0}, {@code 200ms}, {@code 2s}, {@code 1min}, {@code 1h}, {@code 1d}. */
    static long timeoutMs(String setting) {
        String t = setting.trim();
        if (t.equals("0")) {
            return 0;
        }
        if (t.endsWith("min")) {
            return Long.parseLong(t.substring(0, t.length() - 3).trim()) * 60_000;
        }
        if (t.endsWith("d")) {
            return Long.parseLong(t.substring(0, t.length() - 1).trim()) * 86_400_000;
        }
        if (t.endsWith("us")) {
            return Math.max(1, Long.parseLong(t.substring(0, t.length() - 2).trim()) / 1000);
        }
        if (t.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(t);
        }
        return Durations.parse("lock_timeout", t).toMillis();
    }

    /** Reads {@code parts} (one prepared query each) and takes the others from {@code previous}. */
    Catalog catalog(Set<CatalogReader.Part> changed, Catalog previous) throws SQLException {
        if (changed.isEmpty()) {
            return previous;
        }
        Map<Long, Catalog.Rel> relations = previous.relations();
        Map<Catalog.ColKey, Catalog.Col> columns = previous.columns();
        Map<Long, Catalog.Con> constraints = previous.constraints();
        Map<Long, Catalog.Typ> types = previous.types();
        Map<Long, Catalog.Fn> functions = previous.functions();
        for (CatalogReader.Part p : changed) {
            PreparedStatement s = parts.get(p);
            if (s == null) {
                s = prepareRestricted(p);
                parts.put(p, s);
            }
            ResultSet rs = s.executeQuery();
            switch (p) {
                case RELATIONS -> relations = CatalogReader.relations(rs);
                case COLUMNS -> columns = CatalogReader.columns(rs);
                case CONSTRAINTS -> constraints = CatalogReader.constraints(rs);
                case TYPES -> types = CatalogReader.types(rs);
                case FUNCTIONS -> functions = CatalogReader.functions(rs);
                default -> throw new IllegalStateException(p.name());
            }
        }
        return new Catalog(relations, columns, constraints, types, functions);
    }

    /** Closes the prepared statements; a connection already gone (terminated after a timeout) is fine. */
    @Override
    public void close() {
        List<PreparedStatement> all = new ArrayList<>(parts.values());
        all.add(after);
        if (lockTimeout != null) {
            all.add(lockTimeout);
        }
        for (PreparedStatement s : all) {
            try {
                s.close();
            } catch (SQLException e) {
                // the statement died with its connection
            }
        }
    }
}
