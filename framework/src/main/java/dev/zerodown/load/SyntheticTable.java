package dev.zerodown.load;

import dev.zerodown.load.SyntheticCatalog.Column;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One table as a synthetic version knows it: the SQL an ORM would issue for it, naming every column
 * the version knew when it started (never {@code *}), the rows sampled then (as text, cast back to
 * the types the version knew), and which of read, update, insert and delete it does.
 */
final class SyntheticTable {
    enum Op { READ, UPDATE, INSERT, DELETE }

    final SyntheticCatalog.Table table;
    final List<String[]> rows;
    final EnumSet<Op> ops;
    final List<String> notes = new ArrayList<>();
    final String read;
    final String readAny;
    final String load;
    final String update;
    final String insert;
    final String delete;
    private final List<Integer> setColumns;
    private final List<Integer> insertColumns;
    private final Map<Integer, List<String>> parentValues;
    /** Per insert column: how its value is made. */
    private final List<Source> sources = new ArrayList<>();

    private enum Source { COPY, VARIANT, FRESH, PARENT, PLAUSIBLE, NULL }

    SyntheticTable(SyntheticCatalog.Table table, List<String[]> rows, Map<Integer, List<String>> parentValues,
                   boolean honourPrivileges) {
        this.table = table;
        this.rows = List.copyOf(rows);
        this.parentValues = Map.copyOf(parentValues);
        List<Column> cols = table.columns();
        String name = table.qualifiedName();
        String all = cols.stream().map(Column::name).collect(Collectors.joining(", "));
        boolean keyed = !table.key().isEmpty();
        List<Integer> predicate = keyed ? table.key()
                : IntStream.range(0, cols.size()).filter(i -> cols.get(i).comparable()).boxed().toList();
        String where = predicate.stream().map(i -> keyed
                        ? cols.get(i).name() + " = ?::" + cols.get(i).type()
                        : cols.get(i).name() + " is not distinct from ?::" + cols.get(i).type())
                .collect(Collectors.joining(" and "));
        this.read = "select " + all + " from " + name + (where.isEmpty() ? " limit 1" : " where " + where);
        this.readAny = "select " + all + " from " + name + " limit 1";
        this.load = "select " + cols.stream().map(c -> c.name() + "::text").collect(Collectors.joining(", "))
                + " from " + name + " where " + where;
        this.setColumns = IntStream.range(0, cols.size())
                .filter(i -> cols.get(i).writable() && !table.key().contains(i)).boxed().toList();
        this.update = "update " + name + " set " + setColumns.stream()
                .map(i -> cols.get(i).name() + " = ?::" + cols.get(i).type()).collect(Collectors.joining(", "))
                + " where " + where;
        this.insertColumns = insertColumns(cols, rows.isEmpty());
        this.insert = "insert into " + name + " (" + insertColumns.stream().map(i -> cols.get(i).name())
                .collect(Collectors.joining(", ")) + ") values (" + insertColumns.stream()
                .map(i -> "?::" + cols.get(i).type()).collect(Collectors.joining(", ")) + ")"
                + (keyed ? " returning " + table.key().stream().map(i -> cols.get(i).name() + "::text")
                .collect(Collectors.joining(", ")) : "");
        this.delete = "delete from " + name + " where " + where;
        this.ops = EnumSet.allOf(Op.class);
        planOps(keyed, honourPrivileges);
    }

    private void planOps(boolean keyed, boolean honourPrivileges) {
        if (!keyed) {
            ops.remove(Op.UPDATE);
            ops.remove(Op.DELETE);
            notes.add("no primary key or unique key of NOT NULL columns: read by all columns of a sampled row,"
                    + " not updated or deleted");
        }
        if (keyed && setColumns.isEmpty()) {
            ops.remove(Op.UPDATE);
        }
        if (keyed && table.referenced()) {
            ops.remove(Op.DELETE);
        }
        String why = insertBlocker();
        if (why != null || insertColumns.isEmpty()) {
            ops.remove(Op.INSERT);
            ops.remove(Op.DELETE);
            notes.add("not inserted: " + (why != null ? why : "no column an application would write"));
        }
        if (honourPrivileges) {
            privilege(table.canSelect(), Op.READ, "select");
            privilege(table.canSelect() && table.canUpdate(), Op.UPDATE, "update");
            privilege(table.canInsert(), Op.INSERT, "insert");
            privilege(table.canDelete(), Op.DELETE, "delete");
        }
    }

    private void privilege(boolean granted, Op op, String privilege) {
        if (!granted && ops.remove(op)) {
            notes.add("no " + privilege + " privilege when the version started: not " + past(op));
        }
    }

    static String past(Op op) {
        return switch (op) {
            case READ -> "read";
            case UPDATE -> "updated";
            case INSERT -> "inserted";
            case DELETE -> "deleted";
        };
    }

    /** Columns an inserted row names: every writable one but those the database fills (serial, identity). */
    private List<Integer> insertColumns(List<Column> cols, boolean noRows) {
        List<Integer> out = new ArrayList<>();
        Set<Integer> freshened = freshColumns();
        for (int i = 0; i < cols.size(); i++) {
            Column c = cols.get(i);
            if (!c.writable() || c.serial()) {
                continue;
            }
            Source s;
            if (freshened.contains(i)) {
                s = Source.FRESH;
            } else if (reference(i) != null && (noRows || rows.isEmpty())) {
                s = Source.PARENT;
            } else if (!noRows) {
                s = allDistinct(i) && SyntheticValues.variant(c, "x", 1, new SplittableRandom(0)) != null
                        ? Source.VARIANT : Source.COPY;
            } else if (c.notNull()) {
                if (SyntheticValues.plausible(c, new SplittableRandom(0)) == null) {
                    if (c.hasDefault()) {
                        continue;
                    }
                    s = Source.NULL;
                } else {
                    s = Source.PLAUSIBLE;
                }
            } else {
                s = Source.NULL;
            }
            out.add(i);
            sources.add(s);
        }
        return out;
    }

    /**
     * True when every sampled value of the column is different (at least two): a column like an email
     * or a name, where a new row copying another's value would be a duplicate no application writes
     * (and a later unique index would fail on it).
     */
    private boolean allDistinct(int column) {
        List<String> values = rows.stream().map(r -> r[column]).filter(java.util.Objects::nonNull).toList();
        return values.size() >= 2 && new java.util.HashSet<>(values).size() == values.size();
    }

    /** Per unique column set, one column that gets a fresh value (not a foreign key, not filled by the database). */
    private Set<Integer> freshColumns() {
        Set<Integer> out = new java.util.HashSet<>();
        for (List<Integer> unique : table.uniques()) {
            if (unique.stream().anyMatch(i -> table.columns().get(i).serial() || out.contains(i))) {
                continue;
            }
            unique.stream().filter(i -> reference(i) == null && table.columns().get(i).writable()
                            && SyntheticValues.fresh(table.columns().get(i), 1, new SplittableRandom(0)) != null)
                    .findFirst().ifPresent(out::add);
        }
        return out;
    }

    /** Why no row can be inserted, or null. */
    private String insertBlocker() {
        Set<Integer> fresh = freshColumns();
        for (List<Integer> unique : table.uniques()) {
            boolean covered = unique.stream().anyMatch(i -> fresh.contains(i) || table.columns().get(i).serial());
            if (!covered) {
                return "no fresh value for the unique column(s) " + unique.stream()
                        .map(i -> table.columns().get(i).name() + " " + table.columns().get(i).type())
                        .collect(Collectors.joining(", "));
            }
        }
        for (int k = 0; k < insertColumns.size(); k++) {
            int i = insertColumns.get(k);
            Column c = table.columns().get(i);
            if (sources.get(k) == Source.NULL && c.notNull()) {
                return "no row to copy and no known value of type " + c.type() + " for " + c.name();
            }
        }
        return null;
    }

    private SyntheticCatalog.Reference reference(int column) {
        return table.references().stream().filter(r -> r.column() == column).findFirst().orElse(null);
    }

    boolean keyed() {
        return !table.key().isEmpty();
    }

    /** Key values (or, without a key, predicate values) of a sampled row; null when none was sampled. */
    String[] sampledPredicate(SplittableRandom random) {
        if (rows.isEmpty()) {
            return null;
        }
        String[] row = rows.get(random.nextInt(rows.size()));
        if (keyed()) {
            return table.key().stream().map(i -> row[i]).toArray(String[]::new);
        }
        List<Column> cols = table.columns();
        return IntStream.range(0, cols.size()).filter(i -> cols.get(i).comparable()).mapToObj(i -> row[i])
                .toArray(String[]::new);
    }

    /** The tables this one's foreign keys point at (schema-qualified). */
    List<String> parents() {
        return table.references().stream().map(SyntheticCatalog.Reference::table).distinct().toList();
    }

    /**
     * The values of an inserted row, in {@link #insert}'s parameter order; null when a NOT NULL
     * foreign key has no parent yet (none sampled, none inserted by this client).
     *
     * @param ownParents per parent table, the keys this client inserted there
     */
    String[] newRow(SplittableRandom random, LongSupplier sequence, java.util.function.Function<String, List<String[]>> ownParents) {
        String[] source = rows.isEmpty() ? null : rows.get(random.nextInt(rows.size()));
        String[] values = new String[insertColumns.size()];
        for (int k = 0; k < values.length; k++) {
            int i = insertColumns.get(k);
            Column c = table.columns().get(i);
            values[k] = switch (sources.get(k)) {
                case FRESH -> SyntheticValues.fresh(c, sequence.getAsLong(), random);
                case PARENT -> parentValue(i, random, ownParents);
                case COPY -> source == null ? null : source[i];
                case VARIANT -> SyntheticValues.variant(c, source == null ? null : source[i], sequence.getAsLong(), random);
                case PLAUSIBLE -> SyntheticValues.plausible(c, random);
                case NULL -> null;
            };
            if (values[k] == null && sources.get(k) == Source.PARENT && c.notNull()) {
                return null;
            }
        }
        return values;
    }

    private String parentValue(int column, SplittableRandom random, java.util.function.Function<String, List<String[]>> ownParents) {
        List<String> parents = parentValues.getOrDefault(column, List.of());
        if (!parents.isEmpty()) {
            return parents.get(random.nextInt(parents.size()));
        }
        List<String[]> own = ownParents.apply(reference(column).table());
        return own.isEmpty() || own.get(0).length != 1 ? null : own.get(random.nextInt(own.size()))[0];
    }

    /**
     * The values an ORM writes back for a loaded row: every writable non-key column as loaded; an enum
     * value the version does not know (a label renamed since) becomes one it knows, as its code would
     * write its own constant.
     */
    String[] updateValues(String[] loaded) {
        String[] values = new String[setColumns.size()];
        for (int k = 0; k < values.length; k++) {
            Column c = table.columns().get(setColumns.get(k));
            String v = loaded[setColumns.get(k)];
            if (v != null && !c.labels().isEmpty() && !c.labels().contains(v)) {
                v = c.labels().get(0);
            }
            values[k] = v;
        }
        return values;
    }

    /** Column names as the version knows them (quoted identifiers), for the report. */
    List<String> columnNames() {
        return table.columns().stream().map(Column::name).toList();
    }

    /** What this table gets, for the report: the operations, in order. */
    String opsText() {
        return ops.stream().map(o -> o.name().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining("/"));
    }

    static Map<Integer, List<String>> noParents() {
        return new LinkedHashMap<>();
    }
}
