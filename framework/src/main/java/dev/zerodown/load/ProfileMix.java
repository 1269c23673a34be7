package dev.zerodown.load;

import dev.zerodown.config.Text;
import dev.zerodown.sql.SqlLexer;
import dev.zerodown.sql.SqlLexer.Kind;
import dev.zerodown.sql.SqlLexer.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A production profile's query mix as a {@link SqlWorkload}: each normalized statement
 * ({@code pg_stat_statements}' text, constants replaced by {@code $1}, {@code $2} …) becomes a
 * single-statement request weighted by its calls, each {@code $n} replaced by
 * {@code {{sample schema.table.column}}} of the column it is compared with or assigned to:
 * {@code col = $n} (and {@code <>}, {@code <}, {@code <=}, {@code >}, {@code >=}, {@code like}),
 * {@code $n = col}, {@code col in ($n, …)}, {@code set col = $n},
 * {@code insert into t (a, b) values ($1, $2)}; {@code limit $n} and {@code offset $n} become small
 * integers. A statement with a parameter none of these explain, or that names no table of the
 * profile, is left out and listed with the reason.
 */
@API(status = API.Status.INTERNAL)
public final class ProfileMix {
    static final int MAX_WEIGHT = 1_000_000;
    private static final java.util.regex.Pattern SIMPLE = java.util.regex.Pattern.compile("[a-z_][a-z0-9_$]*(\\.[a-z_][a-z0-9_$]*){2}");
    private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", "<=", ">", ">=", "like", "ilike");
    private static final Set<String> NOT_ALIASES = Set.of("where", "set", "join", "inner", "left", "right", "full",
            "cross", "on", "using", "group", "order", "limit", "offset", "for", "returning", "values", "select",
            "union", "natural", "having", "window", "except", "intersect", "default", "lateral", "as");

    /** One statement of the mix: normalized text and how often it ran. */
    @API(status = API.Status.INTERNAL)
    public record Query(String sql, long calls) {
    }

    /** The result of inferring one statement: its workload text, or why it has none. */
    record Inference(String sql, String problem) {
    }

    private ProfileMix() {
    }

    /**
     * @param columns per table of the profile ({@code schema.table}), its column names
     */
    public static SqlWorkload workload(String version, List<Query> queries, Map<String, Set<String>> columns) {
        long most = queries.stream().mapToLong(Query::calls).max().orElse(1);
        long per = Math.max(1, (most + MAX_WEIGHT - 1) / MAX_WEIGHT);
        List<SqlWorkload.Statement> statements = new ArrayList<>();
        Map<String, List<String>> skipped = new LinkedHashMap<>();
        int n = 0;
        for (Query q : queries) {
            n++;
            Inference i = infer(q.sql(), columns);
            if (i.problem() != null) {
                skipped.put(Text.shorten(Text.oneLine(q.sql()), 200), List.of(i.problem()));
                continue;
            }
            String first = firstWord(i.sql());
            Set<String> expected = first.equals("insert") || first.equals("update") ? Set.of("23505") : Set.of();
            int weight = (int) Math.max(1, Math.min(MAX_WEIGHT, q.calls() / per));
            statements.add(new SqlWorkload.Statement("profile:" + n, n, i.sql(), weight, expected));
        }
        return SqlWorkload.ofProfile(version, statements, skipped);
    }

    /** Replaces each {@code $n} of a normalized statement by the generator of its column. */
    static Inference infer(String sql, Map<String, Set<String>> columns) {
        List<Token> tokens = SqlLexer.tokensWithParameters(sql).stream().filter(t -> !t.comment()).toList();
        Statement st = new Statement(sql, tokens, columns);
        if (st.tables.isEmpty()) {
            return new Inference(null, "names no table of the profile");
        }
        Map<Integer, String> generators = new HashMap<>();
        StringBuilder out = new StringBuilder();
        int copied = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!isParameter(sql, t)) {
                continue;
            }
            String name = sql.substring(t.start(), t.end());
            String g = st.generator(i);
            if (g == null) {
                return new Inference(null, name + " is compared with or assigned to no column of the profile");
            }
            generators.putIfAbsent(i, g);
            out.append(sql, copied, t.start()).append(g);
            copied = t.end();
        }
        out.append(sql.substring(copied));
        return new Inference(out.toString(), null);
    }

    private static boolean isParameter(String sql, Token t) {
        return t.kind() == Kind.WORD && sql.charAt(t.start()) == '$' && t.end() - t.start() > 1;
    }

    private static String firstWord(String sql) {
        int i = 0;
        while (i < sql.length() && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        return sql.substring(0, i).toLowerCase(Locale.ROOT);
    }

    /** A statement's tokens as lower-case words, and the tables it names. */
    private static final class Statement {
        private final String sql;
        private final List<Token> tokens;
        private final String[] words;
        private final Map<String, Set<String>> columns;
        /** alias or table name (and schema.table) → qualified table of the profile. */
        private final Map<String, String> names = new LinkedHashMap<>();
        private final List<String> tables = new ArrayList<>();
        private String insertTable;
        private List<String> insertColumns;

        Statement(String sql, List<Token> tokens, Map<String, Set<String>> columns) {
            this.sql = sql;
            this.tokens = tokens;
            this.columns = columns;
            this.words = new String[tokens.size()];
            for (int i = 0; i < words.length; i++) {
                Token t = tokens.get(i);
                String text = sql.substring(t.start(), t.end());
                words[i] = t.kind() == Kind.QUOTED_IDENTIFIER ? text.substring(1, text.length() - 1).replace("\"\"", "\"")
                        : t.kind() == Kind.WORD ? text.toLowerCase(Locale.ROOT) : text;
            }
            for (int i = 0; i < words.length; i++) {
                if (is(i, "from") || is(i, "join") || is(i, "update") || is(i, "into")) {
                    int next = tableRef(i + 1, is(i, "into"));
                    while (is(i, "from") && next < words.length && is(next, ",")) {
                        next = tableRef(next + 1, false);
                    }
                }
            }
        }

        private boolean is(int i, String w) {
            return i >= 0 && i < words.length && tokens.get(i).kind() != Kind.STRING && tokens.get(i).kind() != Kind.QUOTED_IDENTIFIER
                    && words[i].equals(w);
        }

        private boolean identifier(int i) {
            if (i < 0 || i >= words.length) {
                return false;
            }
            Kind k = tokens.get(i).kind();
            return k == Kind.QUOTED_IDENTIFIER || k == Kind.WORD && Character.isLetter(words[i].charAt(0)) || k == Kind.WORD && words[i].charAt(0) == '_';
        }

        /** Reads {@code [schema.]table [[as] alias]} at {@code i}; returns the index after it. */
        private int tableRef(int i, boolean insert) {
            if (is(i, "only")) {
                i++;
            }
            if (!identifier(i)) {
                return i;
            }
            String schema = null;
            String name = words[i];
            int end = i + 1;
            if (is(end, ".") && identifier(end + 1)) {
                schema = name;
                name = words[end + 1];
                end += 2;
            }
            String table = resolve(schema, name);
            if (table == null) {
                return end;
            }
            tables.add(table);
            names.put(name, table);
            names.put(table, table);
            if (insert) {
                insertTable = table;
                if (is(end, "(")) {
                    insertColumns = new ArrayList<>();
                    int j = end + 1;
                    while (j < words.length && !is(j, ")")) {
                        if (!is(j, ",")) {
                            insertColumns.add(words[j]);
                        }
                        j++;
                    }
                    return j + 1;
                }
                return end;
            }
            int alias = is(end, "as") ? end + 1 : end;
            if (identifier(alias) && !NOT_ALIASES.contains(words[alias])) {
                names.put(words[alias], table);
                return alias + 1;
            }
            return end;
        }

        /** The profile's qualified name of a table, or null when the profile does not list it. */
        private String resolve(String schema, String name) {
            if (schema != null) {
                String q = schema + "." + name;
                return columns.containsKey(q) ? q : null;
            }
            if (columns.containsKey("public." + name)) {
                return "public." + name;
            }
            List<String> found = columns.keySet().stream().filter(q -> q.substring(q.indexOf('.') + 1).equals(name)).toList();
            return found.size() == 1 ? found.get(0) : null;
        }

        /** The generator for the parameter at token {@code i}, or null. */
        String generator(int i) {
            if (is(i - 1, "limit") || is(i - 1, "offset")) {
                return is(i - 1, "limit") ? "{{int 1 100}}" : "{{int 0 10}}";
            }
            String column = comparedBefore(i);
            if (column == null) {
                column = comparedAfter(i);
            }
            if (column == null) {
                column = inList(i);
            }
            if (column == null) {
                column = inserted(i);
            }
            return column == null || !SIMPLE.matcher(column).matches() ? null : "{{sample " + column + "}}";
        }

        /** {@code col = $n}: the operator's tokens, then a column reference, before the parameter. */
        private String comparedBefore(int i) {
            int op = operatorEndingAt(i - 1);
            return op < 0 ? null : columnEndingAt(op - 1);
        }

        /** {@code $n = col}. */
        private String comparedAfter(int i) {
            int after = operatorStartingAt(i + 1);
            return after < 0 ? null : columnStartingAt(after);
        }

        /** {@code col in ($1, $2)}. */
        private String inList(int i) {
            int j = i - 1;
            while (j >= 0 && (is(j, ",") || isParameter(sql, tokens.get(j)))) {
                j--;
            }
            if (!is(j, "(") || !is(j - 1, "in")) {
                return null;
            }
            return columnEndingAt(is(j - 2, "not") ? j - 3 : j - 2);
        }

        /** {@code insert into t (a, b) values ($1, $2)}: the column at the parameter's position in its tuple. */
        private String inserted(int i) {
            if (insertTable == null || insertColumns == null) {
                return null;
            }
            int position = 0;
            int j = i - 1;
            while (j >= 0 && !is(j, "(")) {
                if (is(j, ",")) {
                    position++;
                } else if (is(j, ")")) {
                    return null;
                }
                j--;
            }
            boolean tuple = is(j - 1, "values") || is(j - 1, ",") && is(j - 2, ")");
            if (!tuple || position >= insertColumns.size()) {
                return null;
            }
            return known(insertTable, insertColumns.get(position));
        }

        /** The first token of a comparison operator that ends at token {@code end}, or -1. */
        private int operatorEndingAt(int end) {
            if (end < 0) {
                return -1;
            }
            if (COMPARISONS.contains(words[end]) && tokens.get(end).kind() != Kind.STRING) {
                if (end > 0 && tokens.get(end - 1).kind() == Kind.SYMBOL && tokens.get(end).kind() == Kind.SYMBOL
                        && tokens.get(end - 1).end() == tokens.get(end).start()
                        && COMPARISONS.contains(words[end - 1] + words[end])) {
                    return end - 1;
                }
                return end;
            }
            return -1;
        }

        /** The index after a comparison operator starting at token {@code start}, or -1. */
        private int operatorStartingAt(int start) {
            if (start >= words.length || !COMPARISONS.contains(words[start]) || tokens.get(start).kind() == Kind.STRING) {
                return -1;
            }
            if (start + 1 < words.length && tokens.get(start + 1).kind() == Kind.SYMBOL
                    && tokens.get(start).end() == tokens.get(start + 1).start()
                    && COMPARISONS.contains(words[start] + words[start + 1])) {
                return start + 2;
            }
            return start + 1;
        }

        /** A column reference {@code [qualifier.]col} ending at token {@code end}. */
        private String columnEndingAt(int end) {
            if (!identifier(end)) {
                return null;
            }
            if (is(end - 1, ".") && identifier(end - 2)) {
                String qualifier = words[end - 2];
                if (is(end - 3, ".") && identifier(end - 4)) {
                    qualifier = words[end - 4] + "." + qualifier;
                }
                return qualified(qualifier, words[end]);
            }
            return unqualified(words[end]);
        }

        /** A column reference {@code [qualifier.]col} starting at token {@code start}. */
        private String columnStartingAt(int start) {
            if (!identifier(start)) {
                return null;
            }
            if (is(start + 1, ".") && identifier(start + 2)) {
                if (is(start + 3, ".") && identifier(start + 4)) {
                    return qualified(words[start] + "." + words[start + 2], words[start + 4]);
                }
                return qualified(words[start], words[start + 2]);
            }
            return unqualified(words[start]);
        }

        private String qualified(String qualifier, String column) {
            String table = names.get(qualifier);
            return table == null ? null : known(table, column);
        }

        private String unqualified(String column) {
            List<String> having = tables.stream().distinct().filter(t -> columns.get(t).contains(column)).toList();
            return having.size() == 1 ? having.get(0) + "." + column : null;
        }

        private String known(String table, String column) {
            return columns.get(table).contains(column) ? table + "." + column : null;
        }
    }
}
