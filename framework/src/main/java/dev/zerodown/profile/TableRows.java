package dev.zerodown.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.profile.SeedCatalog.Column;
import dev.zerodown.profile.SeedCatalog.ForeignKey;
import dev.zerodown.profile.SeedCatalog.Key;

/**
 * Generates the rows of one table as COPY text. Keys are digits of the row number (mixed radix over
 * the key's columns, a foreign key inside a key counting as one digit over the parent's rows), so
 * they are unique and a child can compute the key of any parent row without reading it back.
 */
final class TableRows {
    /** One digit of a key: a column of the table, or a foreign key (over its parent's rows). */
    private record Digit(int column, int foreignKey, long domain) {
    }

    /**
     * What writing one included column needs, looked up once in {@link #plan} rather than per row.
     *
     * @param foreignKey   the foreign key the column belongs to, or -1
     * @param nullFrac     the chance of NULL drawn per row, or NaN when the column is never drawn NULL
     * @param randomDomain how many distinct values a non-key column draws from
     */
    private record Out(Column column, ColumnDomain domain, ColumnProfile stats, int width, int foreignKey,
                       TableRows parent, int parentColumn, boolean key, double nullFrac, boolean captured,
                       long randomDomain) {
    }

    /** How a row picks its parent row through a foreign key that is not part of a key. */
    private record Ref(long parents, boolean none, double nullFrac, long fanOut, boolean self) {
    }

    final SeedCatalog.Table table;
    final long rows;
    private final TableProfile profile;
    private final Map<Long, TableRows> all;
    private final Map<Integer, ColumnDomain> domains = new HashMap<>();
    private final List<Column> included = new ArrayList<>();
    private final List<List<Digit>> keyDigits = new ArrayList<>();
    private final Map<Integer, Integer> digitOfColumn = new HashMap<>();   // column -> key group
    private final Map<Integer, Integer> keyFkGroup = new HashMap<>();      // fk index -> key group
    private final Set<Integer> brokenForeignKeys = new HashSet<>();
    private final int maxColumn;
    private Out[] outs;
    private Ref[] refs;
    private Digit[][] keyGroups;
    private int[] groupOfColumn;
    private int[] widthOfColumn;
    private ColumnDomain[] domainOfColumn;
    private long[] keyIndex;
    private long[] parentRow;

    TableRows(SeedCatalog.Table table, TableProfile profile, long rows, Map<Long, TableRows> all) {
        this.table = table;
        this.profile = profile;
        this.rows = rows;
        this.all = all;
        this.maxColumn = table.columns.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        long salt = table.qualified().hashCode();
        for (Column c : table.columns.values()) {
            List<SeedCatalog.Check> checks = table.checks.stream()
                    .filter(k -> k.definition().contains(c.name())).toList();
            domains.put(c.num(), new ColumnDomain(c, checks, salt * 31 + c.num()));
        }
    }

    /** Called once every table's generator exists: decides columns and key digits, and checks capacities. */
    void plan(Set<String> cycleBreaks) {
        for (int f = 0; f < table.foreignKeys.size(); f++) {
            if (cycleBreaks.contains(table.foreignKeys.get(f).name())) {
                brokenForeignKeys.add(f);
            }
        }
        Set<Integer> keyed = new HashSet<>();
        table.keys.forEach(k -> keyed.addAll(k.columns()));
        table.foreignKeys.forEach(k -> keyed.addAll(k.columns()));
        for (Column c : table.columns.values()) {
            if (c.generated()) {
                continue;
            }
            ColumnDomain d = domains.get(c.num());
            boolean stats = stats(c) != null && stats(c).nullFrac() != null;
            if (!keyed.contains(c.num()) && c.hasDefault() && !stats) {
                continue;
            }
            if (d.kind == ColumnDomain.Kind.UNKNOWN && !keyed.contains(c.num())) {
                if (c.hasDefault() || !c.notNull()) {
                    continue;
                }
                throw fail("column " + c.name() + " is NOT NULL, has no default and its type " + c.type()
                        + " is one the generator cannot produce");
            }
            included.add(c);
        }
        for (Key key : table.keys) {
            List<Digit> digits = new ArrayList<>();
            for (int col : key.columns()) {
                if (digitOfColumn.containsKey(col)) {
                    continue;
                }
                int fk = foreignKeyWithin(key, col);
                if (fk >= 0) {
                    if (!keyFkGroup.containsKey(fk)) {
                        keyFkGroup.put(fk, keyDigits.size());
                        digits.add(new Digit(-1, fk, Math.max(1, parentRows(fk))));
                        table.foreignKeys.get(fk).columns().forEach(x -> digitOfColumn.put(x, keyDigits.size()));
                    }
                    continue;
                }
                digitOfColumn.put(col, keyDigits.size());
                digits.add(new Digit(col, -1, domains.get(col).size()));
            }
            if (!digits.isEmpty()) {
                capacity(key, digits);
                keyDigits.add(digits);
            }
        }
        for (int f = 0; f < table.foreignKeys.size(); f++) {
            ForeignKey fk = table.foreignKeys.get(f);
            if (!keyFkGroup.containsKey(f) && rows > 0 && parentRows(f) == 0 && notNull(fk) && !brokenForeignKeys.contains(f)) {
                throw fail("foreign key " + fk.name() + " needs rows in " + parentName(f) + ", which gets none");
            }
        }
        compile();
    }

    /** The per-row lookups done once: columns, key digits, references, widths and domains as arrays. */
    private void compile() {
        keyGroups = keyDigits.stream().map(g -> g.toArray(Digit[]::new)).toArray(Digit[][]::new);
        groupOfColumn = new int[maxColumn + 1];
        widthOfColumn = new int[maxColumn + 1];
        domainOfColumn = new ColumnDomain[maxColumn + 1];
        java.util.Arrays.fill(groupOfColumn, -1);
        digitOfColumn.forEach((col, group) -> groupOfColumn[col] = group);
        for (Column c : table.columns.values()) {
            widthOfColumn[c.num()] = width(stats(c));
            domainOfColumn[c.num()] = domains.get(c.num());
        }
        refs = new Ref[table.foreignKeys.size()];
        for (int f = 0; f < refs.length; f++) {
            ForeignKey fk = table.foreignKeys.get(f);
            long parents = parentRows(f);
            ColumnProfile s = stats(table.columns.get(fk.columns().get(0)));
            double nullFrac = !notNull(fk) && s != null && s.nullFrac() != null ? s.nullFrac() : Double.NaN;
            long fanOut = parents;
            if (s != null && profile.rows() > 0 && s.distinctAt(profile.rows()) > 0) {
                // as many rows per referenced parent as in production
                double perParent = (double) profile.rows() / s.distinctAt(profile.rows());
                fanOut = Math.min(parents, Math.max(1, Math.round(rows / perParent)));
            }
            refs[f] = new Ref(parents, brokenForeignKeys.contains(f) || parents == 0, nullFrac, fanOut,
                    fk.parent() == table.oid);
        }
        outs = new Out[included.size()];
        for (int n = 0; n < outs.length; n++) {
            Column c = included.get(n);
            ColumnDomain d = domains.get(c.num());
            ColumnProfile s = stats(c);
            int fk = foreignKeyOf(c.num());
            TableRows parent = null;
            int parentColumn = -1;
            if (fk >= 0) {
                ForeignKey k = table.foreignKeys.get(fk);
                parent = all.get(k.parent());
                parentColumn = k.parentColumns().get(k.columns().indexOf(c.num()));
            }
            double nullFrac = !c.notNull() && s != null && s.nullFrac() != null ? s.nullFrac() : Double.NaN;
            boolean captured = s != null && (s.mostCommonValues() != null && s.mostCommonFreqs() != null
                    || s.histogramBounds() != null && !s.histogramBounds().isEmpty());
            long distinct = s == null ? -1 : s.distinctAt(Math.max(rows, 1));
            long randomDomain = Math.max(1, Math.min(distinct > 0 ? distinct : Math.max(rows, 1), d.size()));
            outs[n] = new Out(c, d, s, width(s), fk, parent, parentColumn, digitOfColumn.containsKey(c.num()), nullFrac,
                    captured, randomDomain);
        }
        keyIndex = new long[maxColumn + 1];
        parentRow = new long[refs.length];
    }

    private static int width(ColumnProfile s) {
        return s == null || s.avgWidth() == null ? 0 : s.avgWidth();
    }

    private void capacity(Key key, List<Digit> digits) {
        double product = 1;
        for (int i = 1; i < digits.size(); i++) {
            product *= Math.min(digits.get(i).domain(), rows);
        }
        product *= digits.get(0).domain();
        if (product < rows) {
            throw fail((key.primary() ? "primary key " : "unique key ") + key.name() + " allows at most "
                    + String.format("%,d", (long) product) + " distinct values, but " + String.format("%,d", rows)
                    + " rows are to be seeded");
        }
    }

    private int foreignKeyWithin(Key key, int col) {
        for (int f = 0; f < table.foreignKeys.size(); f++) {
            List<Integer> cols = table.foreignKeys.get(f).columns();
            if (cols.contains(col) && key.columns().containsAll(cols) && !brokenForeignKeys.contains(f)) {
                return f;
            }
        }
        return -1;
    }

    List<String> columnNames() {
        return included.stream().map(Column::name).toList();
    }

    /**
     * Appends row i as one line of COPY text. Only the thread copying this table calls it (it reuses
     * scratch arrays); a child's thread reads this table's keys through {@link #writeKeyValue}, which keeps
     * no state.
     */
    void writeRow(long i, SplittableRandom rnd, CopyBuffer out) {
        java.util.Arrays.fill(parentRow, -2);
        for (Digit[] digits : keyGroups) {
            for (int d = digits.length - 1; d >= 0; d--) {
                Digit g = digits[d];
                long idx = digitIndex(digits, d, i);
                if (g.foreignKey() >= 0) {
                    parentRow[g.foreignKey()] = idx;
                } else {
                    keyIndex[g.column()] = idx;
                }
            }
        }
        for (int f = 0; f < parentRow.length; f++) {
            if (parentRow[f] == -2) {
                parentRow[f] = pickParent(refs[f], i, rnd);
            }
        }
        for (int n = 0; n < outs.length; n++) {
            if (n > 0) {
                out.put('\t');
            }
            Out o = outs[n];
            if (o.foreignKey() >= 0) {
                long row = parentRow[o.foreignKey()];
                if (row < 0) {
                    out.putAscii("\\N");
                } else {
                    o.parent().writeKeyValue(o.parentColumn(), row, out);
                }
            } else if (o.key()) {
                o.domain().write(keyIndex[o.column().num()], o.width(), out);
            } else if (!Double.isNaN(o.nullFrac()) && rnd.nextDouble() < o.nullFrac()) {
                out.putAscii("\\N");
            } else {
                String captured = o.captured() ? captured(o.stats(), rnd) : null;
                if (captured != null) {
                    out.putEscaped(captured);
                } else {
                    o.domain().write(rnd.nextLong(o.randomDomain()), o.width(), out);
                }
            }
        }
        out.put('\n');
    }

    /** A captured most-common value or histogram bound, where the profile has them. */
    private static String captured(ColumnProfile s, SplittableRandom rnd) {
        if (s == null) {
            return null;
        }
        if (s.mostCommonValues() != null && s.mostCommonFreqs() != null) {
            double r = rnd.nextDouble() * (1 - (s.nullFrac() == null ? 0 : s.nullFrac()));
            for (int k = 0; k < s.mostCommonValues().size() && k < s.mostCommonFreqs().size(); k++) {
                r -= s.mostCommonFreqs().get(k);
                if (r < 0) {
                    return s.mostCommonValues().get(k);
                }
            }
        }
        if (s.histogramBounds() != null && !s.histogramBounds().isEmpty()) {
            return s.histogramBounds().get(rnd.nextInt(s.histogramBounds().size()));
        }
        return null;
    }

    /**
     * Digit {@code d} of row {@code row} spread over a key's digits, the last digit varying fastest: each digit
     * but the first takes the row modulo its domain (at most the table's rows), the first what is left. Keeps no
     * state and allocates nothing (a child's thread computes its references with it).
     */
    private long digitIndex(Digit[] digits, int d, long row) {
        long rest = row;
        for (int k = digits.length - 1; k > d; k--) {
            rest /= Math.min(digits[k].domain(), Math.max(rows, 1));
        }
        return d == 0 ? rest : rest % Math.min(digits[d].domain(), Math.max(rows, 1));
    }

    /**
     * Writes the value of key column {@code col} in row {@code row} (deterministic: children compute their
     * references), its digit found with {@link #digitIndex}.
     */
    void writeKeyValue(int col, long row, CopyBuffer out) {
        int group = col < groupOfColumn.length ? groupOfColumn[col] : -1;
        if (group < 0) {
            throw fail("column " + table.columns.get(col).name() + " is referenced by a foreign key but is no key");
        }
        Digit[] digits = keyGroups[group];
        for (int d = digits.length - 1; d >= 0; d--) {
            Digit g = digits[d];
            long idx = digitIndex(digits, d, row);
            if (g.foreignKey() < 0 && g.column() == col) {
                domainOfColumn[col].write(idx, widthOfColumn[col], out);
                return;
            }
            if (g.foreignKey() >= 0 && table.foreignKeys.get(g.foreignKey()).columns().contains(col)) {
                ForeignKey k = table.foreignKeys.get(g.foreignKey());
                all.get(k.parent()).writeKeyValue(k.parentColumns().get(k.columns().indexOf(col)), idx, out);
                return;
            }
        }
        throw new IllegalStateException("no digit for column " + col);
    }

    private static long pickParent(Ref ref, long i, SplittableRandom rnd) {
        if (ref.none()) {
            return -1;
        }
        if (!Double.isNaN(ref.nullFrac()) && rnd.nextDouble() < ref.nullFrac()) {
            return -1;
        }
        long fanOut = ref.self() ? Math.min(ref.fanOut(), i + 1) : ref.fanOut();
        return rnd.nextLong(Math.max(1, fanOut));
    }

    private int foreignKeyOf(int col) {
        for (int f = 0; f < table.foreignKeys.size(); f++) {
            if (table.foreignKeys.get(f).columns().contains(col)) {
                return f;
            }
        }
        return -1;
    }

    private boolean notNull(ForeignKey fk) {
        return fk.columns().stream().anyMatch(c -> table.columns.get(c).notNull());
    }

    long parentRows(int f) {
        TableRows parent = all.get(table.foreignKeys.get(f).parent());
        return parent == null ? 0 : parent.rows;
    }

    private String parentName(int f) {
        TableRows parent = all.get(table.foreignKeys.get(f).parent());
        return parent == null ? "a table outside the seeded schemas" : parent.table.qualified();
    }

    private ColumnProfile stats(Column c) {
        return profile == null ? null : profile.column(c.name()).orElse(null);
    }

    ConfigurationException fail(String what) {
        return new ConfigurationException("Cannot seed " + table.qualified() + " from the profile: " + what
                + "; seed this table in seed.sql and drop it from profile.json, or relax the constraint");
    }
}
