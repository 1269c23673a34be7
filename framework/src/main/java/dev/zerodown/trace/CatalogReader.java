package dev.zerodown.trace;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a {@link Catalog} of the user schemas (everything but pg_* and information_schema). */
final class CatalogReader {
    private static final String USER_SCHEMA = "n.nspname <> 'information_schema' and n.nspname !~ '^pg_'";

    /** A partition's parent and bound (null and 0 for a relation that is none). */
    private static final String PARTITION = " case when c.relispartition then (select h.inhparent::int8 from pg_catalog.pg_inherits h"
            + " where h.inhrelid = c.oid) else 0 end, case when c.relispartition then pg_catalog.pg_get_expr(c.relpartbound, c.oid) end";

    private static final String RELATIONS = "select c.oid::int8, n.nspname, c.relname, c.relkind::text, c.relfilenode::int8,"
            + " coalesce(i.indrelid, 0)::int8, coalesce(i.indisvalid, true)," + PARTITION
            + " from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
            + " left join pg_catalog.pg_index i on i.indexrelid = c.oid"
            + " where c.relkind in ('r','p','m','v','f','i','I') and " + USER_SCHEMA;

    private static final String COLUMNS = "select a.attrelid::int8, a.attnum, a.attname,"
            + " pg_catalog.format_type(a.atttypid, a.atttypmod), a.atttypid::int8, a.atttypmod, a.attnotnull, a.atthasdef or a.attidentity <> ''"
            + " from pg_catalog.pg_attribute a join pg_catalog.pg_class c on c.oid = a.attrelid"
            + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
            + " where a.attnum > 0 and not a.attisdropped and c.relkind in ('r','p','m','v','f') and " + USER_SCHEMA;

    /** The relations with oid in ?1 and the indexes of the tables in ?1 (pre-existing ones: what the rules look at). */
    static final String RELATIONS_OF = "select c.oid::int8, n.nspname, c.relname, c.relkind::text, c.relfilenode::int8,"
            + " coalesce(i.indrelid, 0)::int8, coalesce(i.indisvalid, true)," + PARTITION
            + " from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
            + " left join pg_catalog.pg_index i on i.indexrelid = c.oid"
            + " where c.oid = any(?::oid[]) or c.oid in (select x.indexrelid from pg_catalog.pg_index x where x.indrelid = any(?::oid[]))";

    /** The columns of the relations in ?1. */
    static final String COLUMNS_OF = "select a.attrelid::int8, a.attnum, a.attname,"
            + " pg_catalog.format_type(a.atttypid, a.atttypmod), a.atttypid::int8, a.atttypmod, a.attnotnull, a.atthasdef or a.attidentity <> ''"
            + " from pg_catalog.pg_attribute a where a.attrelid = any(?::oid[]) and a.attnum > 0 and not a.attisdropped";

    /** The constraints of the relations in ?1. */
    static final String CONSTRAINTS_OF = "select co.oid::int8, co.conrelid::int8, co.confrelid::int8, co.conname,"
            + " co.contype::text, co.convalidated, pg_catalog.pg_get_constraintdef(co.oid)"
            + " from pg_catalog.pg_constraint co where co.conrelid = any(?::oid[])";

    private static final String CONSTRAINTS = "select co.oid::int8, co.conrelid::int8, co.confrelid::int8, co.conname,"
            + " co.contype::text, co.convalidated, pg_catalog.pg_get_constraintdef(co.oid)"
            + " from pg_catalog.pg_constraint co join pg_catalog.pg_namespace n on n.oid = co.connamespace"
            + " where co.conrelid <> 0 and " + USER_SCHEMA;

    private static final String TYPES = "select t.oid::int8, n.nspname, t.typname, t.typtype::text,"
            + " array(select e.oid::int8 from pg_catalog.pg_enum e where e.enumtypid = t.oid order by e.enumsortorder),"
            + " array(select e.enumlabel::text from pg_catalog.pg_enum e where e.enumtypid = t.oid order by e.enumsortorder)"
            + " from pg_catalog.pg_type t join pg_catalog.pg_namespace n on n.oid = t.typnamespace"
            + " where t.typtype in ('e','d','r','c') and " + USER_SCHEMA
            + " and (t.typtype <> 'c' or exists (select 1 from pg_catalog.pg_class r where r.oid = t.typrelid and r.relkind = 'c'))";

    private static final String FUNCTIONS = "select p.oid::int8, n.nspname, p.proname,"
            + " pg_catalog.pg_get_function_identity_arguments(p.oid)"
            + " from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace where " + USER_SCHEMA;

    private CatalogReader() {
    }

    /** The parts of a {@link Catalog}, each read by one query and changed by writes to some system tables. */
    enum Part {
        RELATIONS, COLUMNS, CONSTRAINTS, TYPES, FUNCTIONS;

        /** The parts a write to system table {@code table} may change (DDL writes rows of the system tables). */
        static Set<Part> written(String table) {
            return switch (table) {
                case "pg_class", "pg_index" -> EnumSet.of(RELATIONS);
                case "pg_attribute", "pg_attrdef" -> EnumSet.of(COLUMNS);
                case "pg_constraint" -> EnumSet.of(CONSTRAINTS);
                case "pg_type", "pg_enum" -> EnumSet.of(TYPES);
                case "pg_proc" -> EnumSet.of(FUNCTIONS);
                case "pg_namespace" -> EnumSet.allOf(Part.class);
                default -> EnumSet.noneOf(Part.class);
            };
        }
    }

    /** Reads the whole catalog in one round trip (five result sets). */
    static Catalog read(Connection c) throws SQLException {
        return read(c, EnumSet.allOf(Part.class), null);
    }

    /** Reads {@code parts} in one round trip and takes the others from {@code previous}. */
    static Catalog read(Connection c, Set<Part> parts, Catalog previous) throws SQLException {
        if (parts.isEmpty()) {
            return previous;
        }
        List<Part> order = List.copyOf(EnumSet.copyOf(parts));
        StringBuilder sql = new StringBuilder();
        for (Part p : order) {
            sql.append(sql.length() == 0 ? "" : ";\n").append(query(p));
        }
        Map<Long, Catalog.Rel> relations = previous == null ? null : previous.relations();
        Map<Catalog.ColKey, Catalog.Col> columns = previous == null ? null : previous.columns();
        Map<Long, Catalog.Con> constraints = previous == null ? null : previous.constraints();
        Map<Long, Catalog.Typ> types = previous == null ? null : previous.types();
        Map<Long, Catalog.Fn> functions = previous == null ? null : previous.functions();
        try (Statement s = c.createStatement()) {
            s.execute(sql.toString());
            for (int i = 0; i < order.size(); i++) {
                if (i > 0) {
                    s.getMoreResults();
                }
                ResultSet rs = s.getResultSet();
                switch (order.get(i)) {
                    case RELATIONS -> relations = relations(rs);
                    case COLUMNS -> columns = columns(rs);
                    case CONSTRAINTS -> constraints = constraints(rs);
                    case TYPES -> types = types(rs);
                    case FUNCTIONS -> functions = functions(rs);
                    default -> throw new IllegalStateException(order.get(i).name());
                }
            }
        }
        return new Catalog(relations, columns, constraints, types, functions);
    }

    static String query(Part p) {
        return switch (p) {
            case RELATIONS -> RELATIONS;
            case COLUMNS -> COLUMNS;
            case CONSTRAINTS -> CONSTRAINTS;
            case TYPES -> TYPES;
            case FUNCTIONS -> FUNCTIONS;
        };
    }

    static Map<Long, Catalog.Rel> relations(ResultSet rs) throws SQLException {
        Map<Long, Catalog.Rel> out = new HashMap<>();
        try (rs) {
            while (rs.next()) {
                out.put(rs.getLong(1), new Catalog.Rel(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4).charAt(0), rs.getLong(5), rs.getLong(6), rs.getBoolean(7), rs.getLong(8),
                        rs.getString(9)));
            }
        }
        return out;
    }

    static Map<Catalog.ColKey, Catalog.Col> columns(ResultSet rs) throws SQLException {
        Map<Catalog.ColKey, Catalog.Col> out = new HashMap<>();
        try (rs) {
            while (rs.next()) {
                Catalog.Col col = new Catalog.Col(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getInt(6), rs.getBoolean(7), rs.getBoolean(8));
                out.put(new Catalog.ColKey(col.relid(), col.attnum()), col);
            }
        }
        return out;
    }

    static Map<Long, Catalog.Con> constraints(ResultSet rs) throws SQLException {
        Map<Long, Catalog.Con> out = new HashMap<>();
        try (rs) {
            while (rs.next()) {
                out.put(rs.getLong(1), new Catalog.Con(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5).charAt(0), rs.getBoolean(6), rs.getString(7)));
            }
        }
        return out;
    }

    static Map<Long, Catalog.Typ> types(ResultSet rs) throws SQLException {
        Map<Long, Catalog.Typ> out = new HashMap<>();
        try (rs) {
            while (rs.next()) {
                Object[] oids = (Object[]) rs.getArray(5).getArray();
                Object[] labels = (Object[]) rs.getArray(6).getArray();
                Map<Long, String> byOid = new LinkedHashMap<>();
                for (int i = 0; i < oids.length; i++) {
                    byOid.put(((Number) oids[i]).longValue(), (String) labels[i]);
                }
                out.put(rs.getLong(1), new Catalog.Typ(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4).charAt(0), byOid));
            }
        }
        return out;
    }

    static Map<Long, Catalog.Fn> functions(ResultSet rs) throws SQLException {
        Map<Long, Catalog.Fn> out = new HashMap<>();
        try (rs) {
            while (rs.next()) {
                out.put(rs.getLong(1), new Catalog.Fn(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return out;
    }
}
