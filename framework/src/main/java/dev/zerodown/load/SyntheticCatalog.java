package dev.zerodown.load;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user tables as a synthetic version sees them when it starts: columns with their types as the
 * version will cast its values, the key it addresses rows by, unique columns it must give fresh
 * values, single-column foreign keys and the labels of enum types. Views are not tables: a version
 * started after a table was renamed behind a compatibility view knows the table, not the view.
 */
final class SyntheticCatalog {
    private SyntheticCatalog() {
    }

    /**
     * One column as the version knows it.
     *
     * @param name       quoted identifier
     * @param type       {@code format_type}, as the version casts its values
     * @param category   {@code pg_type.typcategory} of the base type
     * @param typeName   {@code pg_type.typname} of the base type
     * @param generated  left to the database by an ORM: generated or {@code GENERATED ALWAYS AS IDENTITY}
     * @param serial     filled by the database when omitted: a {@code nextval} default or an identity
     * @param labels     enum labels known at start, empty for other types
     * @param comparable usable in an equality predicate (not json, xml, geometric)
     */
    record Column(String name, String type, char category, String typeName, boolean notNull, boolean hasDefault,
                  boolean generated, boolean serial, List<String> labels, boolean comparable) {
        Column {
            labels = List.copyOf(labels);
        }

        boolean writable() {
            return !generated;
        }
    }

    /** A foreign key column and the referenced table and column. */
    record Reference(int column, String table, String referencedColumn) {
    }

    /**
     * @param key     column indexes of the primary key, or of a unique index of NOT NULL columns;
     *                empty for a table without a key
     * @param uniques column index sets that must get fresh values in an inserted row
     * @param referenced true when a foreign key of another table points at this table
     */
    record Table(String qualifiedName, String name, List<Column> columns, List<Integer> key,
                 List<List<Integer>> uniques, List<Reference> references, boolean referenced,
                 boolean canSelect, boolean canInsert, boolean canUpdate, boolean canDelete) {
        Table {
            columns = List.copyOf(columns);
            key = List.copyOf(key);
            uniques = List.copyOf(uniques);
            references = List.copyOf(references);
        }

        boolean anyPrivilege() {
            return canSelect || canInsert || canUpdate || canDelete;
        }
    }

    private static final String TABLES = """
            select c.oid, format('%I.%I', n.nspname, c.relname), c.relname,
                   has_table_privilege(c.oid, 'select'), has_table_privilege(c.oid, 'insert'),
                   has_table_privilege(c.oid, 'update'), has_table_privilege(c.oid, 'delete'),
                   exists (select 1 from pg_constraint f where f.contype = 'f' and f.confrelid = c.oid
                           and f.conrelid <> c.oid)
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('r', 'p') and not c.relispartition
              and n.nspname not in ('pg_catalog', 'information_schema')
              and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'
              and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass
                              and d.objid = c.oid and d.deptype = 'e')
            order by 2""";

    private static final String COLUMNS = """
            select a.attrelid, a.attnum, quote_ident(a.attname), format_type(a.atttypid, a.atttypmod),
                   coalesce(bt.typcategory, t.typcategory), coalesce(bt.typname, t.typname), a.attnotnull, a.atthasdef,
                   a.attgenerated <> '' or a.attidentity = 'a',
                   a.attidentity = 'd' or coalesce(pg_get_expr(d.adbin, d.adrelid), '') like 'nextval(%',
                   coalesce((select array_agg(e.enumlabel order by e.enumsortorder) from pg_enum e
                             where e.enumtypid = coalesce(bt.oid, t.oid)), '{}'),
                   coalesce(bt.typname, t.typname) not in ('json', 'xml') and coalesce(bt.typcategory, t.typcategory) <> 'G'
            from pg_attribute a
            join pg_type t on t.oid = a.atttypid
            left join pg_type bt on t.typtype = 'd' and bt.oid = t.typbasetype
            left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
            where a.attnum > 0 and not a.attisdropped
              and a.attrelid in (select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace
                                 where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema'))
            order by a.attrelid, a.attnum""";

    /** Unique indexes without predicate or expression: the primary key first, then by name. */
    private static final String UNIQUES = """
            select i.indrelid, i.indisprimary, i.indkey::int2[]
            from pg_index i join pg_class ic on ic.oid = i.indexrelid
            where i.indisunique and i.indpred is null and i.indexprs is null and i.indisvalid
            order by i.indrelid, i.indisprimary desc, ic.relname""";

    private static final String REFERENCES = """
            select f.conrelid, f.conkey[1], format('%I.%I', n.nspname, p.relname), quote_ident(a.attname)
            from pg_constraint f
            join pg_class p on p.oid = f.confrelid join pg_namespace n on n.oid = p.relnamespace
            join pg_attribute a on a.attrelid = f.confrelid and a.attnum = f.confkey[1]
            where f.contype = 'f' and cardinality(f.conkey) = 1""";

    static List<Table> read(Connection c) throws SQLException {
        Map<Long, String[]> tables = new LinkedHashMap<>();
        Map<Long, boolean[]> flags = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(TABLES)) {
            while (rs.next()) {
                tables.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)});
                flags.put(rs.getLong(1), new boolean[] {rs.getBoolean(4), rs.getBoolean(5), rs.getBoolean(6),
                        rs.getBoolean(7), rs.getBoolean(8)});
            }
        }
        Map<Long, List<Column>> columns = new LinkedHashMap<>();
        Map<Long, List<Short>> attnums = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(COLUMNS)) {
            while (rs.next()) {
                long rel = rs.getLong(1);
                if (!tables.containsKey(rel)) {
                    continue;
                }
                String category = rs.getString(5);
                columns.computeIfAbsent(rel, k -> new ArrayList<>()).add(new Column(rs.getString(3), rs.getString(4),
                        category == null || category.isEmpty() ? 'X' : category.charAt(0), rs.getString(6),
                        rs.getBoolean(7), rs.getBoolean(8), rs.getBoolean(9), rs.getBoolean(10), strings(rs.getArray(11)),
                        rs.getBoolean(12)));
                attnums.computeIfAbsent(rel, k -> new ArrayList<>()).add(rs.getShort(2));
            }
        }
        Map<Long, List<Integer>> keys = new LinkedHashMap<>();
        Map<Long, List<List<Integer>>> uniques = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(UNIQUES)) {
            while (rs.next()) {
                long rel = rs.getLong(1);
                if (!tables.containsKey(rel)) {
                    continue;
                }
                List<Integer> cols = new ArrayList<>();
                for (Object n : (Object[]) rs.getArray(3).getArray()) {
                    cols.add(attnums.get(rel).indexOf(((Number) n).shortValue()));
                }
                if (cols.contains(-1)) {
                    continue;
                }
                uniques.computeIfAbsent(rel, k -> new ArrayList<>()).add(cols);
                boolean allNotNull = cols.stream().allMatch(i -> columns.get(rel).get(i).notNull());
                if (!keys.containsKey(rel) && (rs.getBoolean(2) || allNotNull)) {
                    keys.put(rel, cols);
                }
            }
        }
        Map<Long, List<Reference>> references = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(REFERENCES)) {
            while (rs.next()) {
                long rel = rs.getLong(1);
                if (tables.containsKey(rel)) {
                    references.computeIfAbsent(rel, k -> new ArrayList<>()).add(new Reference(
                            attnums.get(rel).indexOf(rs.getShort(2)), rs.getString(3), rs.getString(4)));
                }
            }
        }
        List<Table> out = new ArrayList<>();
        tables.forEach((rel, names) -> {
            boolean[] f = flags.get(rel);
            out.add(new Table(names[0], names[1], columns.getOrDefault(rel, List.of()), keys.getOrDefault(rel, List.of()),
                    uniques.getOrDefault(rel, List.of()), references.getOrDefault(rel, List.of()), f[4],
                    f[0], f[1], f[2], f[3]));
        });
        return out;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
