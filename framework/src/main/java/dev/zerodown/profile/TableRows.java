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

    /** Appends row i as one line of COPY text. */
    void writeRow(long i, SplittableRandom rnd, StringBuilder out) {
        long[] keyIndex = new long[maxColumn + 1];
        long[] parentRow = new long[table.foreignKeys.size()];
        java.util.Arrays.fill(parentRow, -2);
        for (List<Digit> digits : keyDigits) {
            long[] indexes = digitIndexes(digits, i);
            for (int d = digits.size() - 1; d >= 0; d--) {
                Digit g = digits.get(d);
                long idx = indexes[d];
                if (g.foreignKey() >= 0) {
                    parentRow[g.foreignKey()] = idx;
                } else {
                    keyIndex[index(g.column())] = idx;
                }
            }
        }
        for (int f = 0; f < parentRow.length; f++) {
            if (parentRow[f] == -2) {
                parentRow[f] = pickParent(f, i, rnd);
            }
        }
        boolean first = true;
        for (Column c : included) {
            if (!first) {
                out.append('\t');
            }
            first = false;
            String v = valueOf(c, i, keyIndex, parentRow, rnd);
            if (v == null) {
                out.append("\\N");
            } else {
                escape(v, out);
            }
        }
        out.append('\n');
    }

    private String valueOf(Column c, long i, long[] keyIndex, long[] parentRow, SplittableRandom rnd) {
        int fk = foreignKeyOf(c.num());
        if (fk >= 0) {
            if (parentRow[fk] < 0) {
                return null;
            }
            ForeignKey k = table.foreignKeys.get(fk);
            int parentColumn = k.parentColumns().get(k.columns().indexOf(c.num()));
            return all.get(k.parent()).keyValueAt(parentColumn, parentRow[fk]);
        }
        ColumnDomain d = domains.get(c.num());
        ColumnProfile s = stats(c);
        int width = s == null || s.avgWidth() == null ? 0 : s.avgWidth();
        if (digitOfColumn.containsKey(c.num())) {
            return d.value(keyIndex[index(c.num())], width);
        }
        if (!c.notNull() && s != null && s.nullFrac() != null && rnd.nextDouble() < s.nullFrac()) {
            return null;
        }
        String captured = captured(s, rnd);
        if (captured != null) {
            return captured;
        }
        long distinct = s == null ? -1 : s.distinctAt(Math.max(rows, 1));
        long domain = Math.max(1, Math.min(distinct > 0 ? distinct : Math.max(rows, 1), d.size()));
        return d.value(rnd.nextLong(domain), width);
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
     * Row {@code row} spread over a key's digits, the last digit varying fastest: each digit but the
     * first takes the row modulo its domain (at most the table's rows), the first takes what is left.
     */
    private long[] digitIndexes(List<Digit> digits, long row) {
        long[] out = new long[digits.size()];
        long rest = row;
        for (int d = digits.size() - 1; d > 0; d--) {
            long m = Math.min(digits.get(d).domain(), Math.max(rows, 1));
            out[d] = rest % m;
            rest /= m;
        }
        if (!digits.isEmpty()) {
            out[0] = rest;
        }
        return out;
    }

    /** The value of key column {@code col} in row {@code row} (deterministic: children compute their references). */
    String keyValueAt(int col, long row) {
        Integer group = digitOfColumn.get(col);
        if (group == null) {
            throw fail("column " + table.columns.get(col).name() + " is referenced by a foreign key but is no key");
        }
        List<Digit> digits = keyDigits.get(group);
        long[] indexes = digitIndexes(digits, row);
        for (int d = digits.size() - 1; d >= 0; d--) {
            Digit g = digits.get(d);
            long idx = indexes[d];
            if (g.foreignKey() < 0 && g.column() == col) {
                ColumnProfile s = stats(table.columns.get(col));
                return domains.get(col).value(idx, s == null || s.avgWidth() == null ? 0 : s.avgWidth());
            }
            if (g.foreignKey() >= 0 && table.foreignKeys.get(g.foreignKey()).columns().contains(col)) {
                ForeignKey k = table.foreignKeys.get(g.foreignKey());
                return all.get(k.parent()).keyValueAt(k.parentColumns().get(k.columns().indexOf(col)), idx);
            }
        }
        throw new IllegalStateException("no digit for column " + col);
    }

    private long pickParent(int f, long i, SplittableRandom rnd) {
        ForeignKey fk = table.foreignKeys.get(f);
        long parents = parentRows(f);
        if (brokenForeignKeys.contains(f) || parents == 0) {
            return -1;
        }
        ColumnProfile s = stats(table.columns.get(fk.columns().get(0)));
        if (!notNull(fk) && s != null && s.nullFrac() != null && rnd.nextDouble() < s.nullFrac()) {
            return -1;
        }
        long fanOut = parents;
        if (s != null && profile.rows() > 0 && s.distinctAt(profile.rows()) > 0) {
            // as many rows per referenced parent as in production
            double perParent = (double) profile.rows() / s.distinctAt(profile.rows());
            fanOut = Math.min(parents, Math.max(1, Math.round(rows / perParent)));
        }
        if (fk.parent() == table.oid) {
            fanOut = Math.min(fanOut, i + 1);
        }
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

    private int index(int col) {
        return col;
    }

    ConfigurationException fail(String what) {
        return new ConfigurationException("Cannot seed " + table.qualified() + " from the profile: " + what
                + "; seed this table in seed.sql and drop it from profile.json, or relax the constraint");
    }

    static void escape(String v, StringBuilder out) {
        for (int k = 0; k < v.length(); k++) {
            char ch = v.charAt(k);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }
}
