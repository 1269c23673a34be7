package dev.zerodown.profile;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The schema of the database to seed: tables, columns with their types, keys, foreign keys and checks. */
final class SeedCatalog {
    private SeedCatalog() {
    }

    /** One column of a table to seed. */
    record Column(int num, String name, String type, String baseType, String typtype, String category, int typmod,
                  boolean notNull, boolean hasDefault, boolean generated, List<String> labels) {
    }

    /** A primary key, unique constraint or unique index, by column numbers. */
    record Key(String name, List<Integer> columns, boolean primary) {
    }

    /** A foreign key: local column numbers and the referenced table and column numbers, in the same order. */
    record ForeignKey(String name, List<Integer> columns, long parent, List<Integer> parentColumns) {
    }

    /** A check constraint's definition. */
    record Check(String name, String definition) {
    }

    /** One table with everything the generator needs. */
    static final class Table {
        final long oid;
        final String schema;
        final String name;
        final Map<Integer, Column> columns = new LinkedHashMap<>();
        final List<Key> keys = new ArrayList<>();
        final List<ForeignKey> foreignKeys = new ArrayList<>();
        final List<Check> checks = new ArrayList<>();

        Table(long oid, String schema, String name) {
            this.oid = oid;
            this.schema = schema;
            this.name = name;
        }

        String qualified() {
            return schema + "." + name;
        }

        String quoted() {
            return quote(schema) + "." + quote(name);
        }

        Column column(String n) {
            return columns.values().stream().filter(c -> c.name().equals(n)).findFirst().orElse(null);
        }
    }

    static String quote(String ident) {
        return "\"" + ident.replace("\"", "\"\"") + "\"";
    }

    private static final String TABLES = """
            select c.oid, n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('r', 'p') and not c.relispartition and c.relpersistence <> 't'
              and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%'
              and n.nspname not like 'pg\\_temp%'
              and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
            order by n.nspname, c.relname""";

    private static final String COLUMNS = """
            select a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod),
                   bt.typname, bt.typtype, bt.typcategory, case when t.typtype = 'd' then t.typtypmod else a.atttypmod end,
                   a.attnotnull or t.typnotnull, a.atthasdef or a.attidentity <> '', a.attgenerated <> '',
                   (select array_agg(e.enumlabel order by e.enumsortorder)::text[] from pg_enum e where e.enumtypid = bt.oid)
            from pg_attribute a join pg_class c on c.oid = a.attrelid
            join pg_type t on t.oid = a.atttypid
            join pg_type bt on bt.oid = case when t.typtype = 'd' then t.typbasetype else t.oid end
            where a.attrelid = any(%s) and a.attnum > 0 and not a.attisdropped order by a.attrelid, a.attnum""";

    private static final String CONSTRAINTS = """
            select conrelid, conname, contype, conkey::int[], confrelid, confkey::int[], pg_get_constraintdef(oid)
            from pg_constraint where conrelid = any(%s) and contype in ('p', 'u', 'f', 'c') order by conrelid, contype, conname""";

    private static final String UNIQUE_INDEXES = """
            select i.indrelid, ic.relname, i.indkey::int[] from pg_index i join pg_class ic on ic.oid = i.indexrelid
            where i.indrelid = any(%s) and i.indisunique and i.indexprs is null
              and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.contype in ('p', 'u'))""";

    static Map<Long, Table> read(Connection c) throws SQLException {
        Map<Long, Table> tables = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(TABLES)) {
            while (rs.next()) {
                tables.put(rs.getLong(1), new Table(rs.getLong(1), rs.getString(2), rs.getString(3)));
            }
        }
        if (tables.isEmpty()) {
            return tables;
        }
        String oids = "'{" + String.join(",", tables.keySet().stream().map(String::valueOf).toList()) + "}'::oid[]";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(String.format(COLUMNS, oids))) {
            while (rs.next()) {
                java.sql.Array labels = rs.getArray(12);
                tables.get(rs.getLong(1)).columns.put(rs.getInt(2), new Column(rs.getInt(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8),
                        rs.getBoolean(9), rs.getBoolean(10), rs.getBoolean(11),
                        labels == null ? List.of() : Arrays.asList((String[]) labels.getArray())));
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(String.format(CONSTRAINTS, oids))) {
            while (rs.next()) {
                Table t = tables.get(rs.getLong(1));
                String type = rs.getString(3);
                List<Integer> cols = ints(rs.getArray(4));
                switch (type) {
                    case "p", "u" -> t.keys.add(new Key(rs.getString(2), cols, type.equals("p")));
                    case "f" -> t.foreignKeys.add(new ForeignKey(rs.getString(2), cols, rs.getLong(5), ints(rs.getArray(6))));
                    default -> t.checks.add(new Check(rs.getString(2), rs.getString(7)));
                }
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(String.format(UNIQUE_INDEXES, oids))) {
            while (rs.next()) {
                tables.get(rs.getLong(1)).keys.add(new Key(rs.getString(2), ints(rs.getArray(3)), false));
            }
        }
        tables.values().forEach(t -> t.keys.sort((a, b) -> Boolean.compare(b.primary(), a.primary())));
        return tables;
    }

    private static List<Integer> ints(java.sql.Array a) throws SQLException {
        if (a == null) {
            return List.of();
        }
        return Arrays.asList((Integer[]) a.getArray());
    }
}
