package dev.zerodown.load;

import dev.zerodown.config.ConfigurationException;
import dev.zerodown.sql.SqlLexer;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * A workload statement with its generators, ready to render one request. Generators are textual;
 * an integer generator that stands alone as a value in a data statement is sent as a bind
 * parameter of the same type as the literal it replaces, so the statement stays prepared.
 * A {@code ?} in the SQL (a jsonb operator, for instance) is escaped for JDBC.
 */
final class Template {
    private static final Set<String> DATA_STATEMENTS = Set.of("select", "insert", "update", "delete", "with", "values", "table");

    private final String[] texts;
    private final Generator[] generators;
    private final boolean[] inCode;
    private final int boundCount;
    private final boolean usesSeq;
    private final String fixedSql;

    private Template(List<String> texts, List<Generator> generators, List<Boolean> inCode) {
        this.texts = texts.toArray(String[]::new);
        this.generators = generators.toArray(Generator[]::new);
        this.inCode = new boolean[inCode.size()];
        for (int i = 0; i < this.inCode.length; i++) {
            this.inCode[i] = inCode.get(i);
        }
        this.boundCount = (int) generators.stream().filter(Generator::bound).count();
        this.usesSeq = generators.stream().anyMatch(g -> g.kind() == Generator.Kind.SEQ);
        this.fixedSql = boundCount == generators.size() ? String.join("?", texts) : null;
    }

    /** One request's SQL and the values of its bind parameters, in order ({@code Long}, or text of a sample, or null). */
    record Rendered(String sql, Object[] params) {
    }

    /**
     * @param file the workload file's name, for messages
     * @param line the line of the statement's first token
     */
    static Template compile(String sql, String file, int line) {
        BitSet notCode = SqlLexer.notCode(sql);
        boolean dataStatement = DATA_STATEMENTS.contains(firstWord(sql));
        List<String> texts = new ArrayList<>();
        List<Generator> generators = new ArrayList<>();
        List<Boolean> inCode = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int copied = 0;
        for (int at = sql.indexOf("{{"); at >= 0; at = sql.indexOf("{{", at + 1)) {
            Found found = read(sql, at, file + ":" + (line + newlines(sql, at)));
            if (found == null) {
                continue;
            }
            Generator g = found.generator();
            if (dataStatement && bindable(g, sql, notCode, at, found.end())) {
                g = g.asBound();
            }
            appendEscaped(text, sql, notCode, copied, at);
            texts.add(text.toString());
            text.setLength(0);
            generators.add(g);
            inCode.add(!notCode.get(at));
            copied = found.end();
            at = found.end() - 1;
        }
        appendEscaped(text, sql, notCode, copied, sql.length());
        texts.add(text.toString());
        return new Template(texts, generators, inCode);
    }

    private record Found(Generator generator, int end) {
    }

    /**
     * The generator written at {@code at}, or null when the {@code {{} there does not start one
     * (as in the array literal {@code '{{1,2},{3,4}}'}).
     */
    private static Found read(String sql, int at, String where) {
        int nameStart = skipSpaces(sql, at + 2);
        int nameEnd = nameStart;
        while (nameEnd < sql.length() && (Character.isLetterOrDigit(sql.charAt(nameEnd)) || sql.charAt(nameEnd) == '_')) {
            nameEnd++;
        }
        if (!looksLikeGenerator(sql, nameStart, nameEnd)) {
            return null;
        }
        int close = sql.indexOf("}}", nameEnd);
        if (close < 0) {
            throw new ConfigurationException(where + ": malformed generator '" + sql.substring(at, nameEnd)
                    + "…': it has no closing }}; accepted generators: " + Generator.ACCEPTED);
        }
        Generator g = Generator.parse(sql.substring(nameStart, nameEnd), sql.substring(nameEnd, close).strip(),
                sql.substring(at, close + 2), where);
        return new Found(g, close + 2);
    }

    /** Renders one request: {@code {{seq}}} draws one value, used at each of its occurrences. */
    Rendered render(SplittableRandom random, LongSupplier sequence) {
        return render(random, sequence, Samples.NONE);
    }

    /** As {@link #render(SplittableRandom, LongSupplier)}, {@code {{sample …}}} drawing from {@code samples}. */
    Rendered render(SplittableRandom random, LongSupplier sequence, Samples samples) {
        long seq = usesSeq ? sequence.getAsLong() : 0;
        Object[] params = new Object[boundCount];
        int p = 0;
        StringBuilder sql = fixedSql == null ? new StringBuilder(texts[0]) : null;
        for (int i = 0; i < generators.length; i++) {
            Generator g = generators[i];
            if (g.bound()) {
                params[p++] = g.kind() == Generator.Kind.SAMPLE ? samples.next(g.column(), random) : g.nextLong(random, seq);
                if (sql != null) {
                    sql.append('?');
                }
            } else if (g.kind() == Generator.Kind.SAMPLE) {
                String value = samples.next(g.column(), random);
                String text = inCode[i] ? (value == null ? "null" : "'" + value.replace("'", "''").replace("?", "??") + "'")
                        : value == null ? "" : value.replace("'", "''");
                sql.append(text);
            } else {
                String value = g.nextText(random, seq);
                sql.append(inCode[i] ? value.replace("?", "??") : value);
            }
            if (sql != null) {
                sql.append(texts[i + 1]);
            }
        }
        return new Rendered(sql == null ? fixedSql : sql.toString(), params);
    }

    /**
     * Binds the rendered values: as int4 where the literal would be an integer, else int8; a sample
     * as untyped text, so PostgreSQL gives it the type of what it is compared with or assigned to.
     */
    void bind(PreparedStatement ps, Object[] params) throws SQLException {
        int p = 0;
        for (Generator g : generators) {
            if (!g.bound()) {
                continue;
            }
            Object value = params[p++];
            if (g.kind() == Generator.Kind.SAMPLE) {
                if (value == null) {
                    ps.setNull(p, Types.OTHER);
                } else {
                    ps.setObject(p, value, Types.OTHER);
                }
                continue;
            }
            long v = (Long) value;
            boolean asInt = g.kind() == Generator.Kind.SEQ ? v <= Integer.MAX_VALUE : g.fitsInt();
            if (asInt) {
                ps.setInt(p, (int) v);
            } else {
                ps.setLong(p, v);
            }
        }
    }

    /** The columns its {@code {{sample …}}} generators draw from. */
    List<String> sampledColumns() {
        List<String> out = new ArrayList<>();
        for (Generator g : generators) {
            if (g.kind() == Generator.Kind.SAMPLE) {
                out.add(g.column());
            }
        }
        return out;
    }

    int generatorCount() {
        return generators.length;
    }

    int boundCount() {
        return boundCount;
    }

    private static boolean looksLikeGenerator(String sql, int nameStart, int nameEnd) {
        return nameEnd > nameStart && Character.isLetter(sql.charAt(nameStart)) && nameEnd < sql.length()
                && (Character.isWhitespace(sql.charAt(nameEnd)) || sql.charAt(nameEnd) == '}');
    }

    /**
     * An integer generator binds when it is a whole token of code: not inside a literal, an
     * identifier or a number, and not a position after ORDER/GROUP BY (where a literal means a column).
     */
    private static boolean bindable(Generator g, String sql, BitSet notCode, int start, int end) {
        if (g.kind() != Generator.Kind.SEQ && g.kind() != Generator.Kind.INT && g.kind() != Generator.Kind.SAMPLE) {
            return false;
        }
        if (notCode.get(start)) {
            return false;
        }
        char before = start > 0 ? sql.charAt(start - 1) : ' ';
        char after = end < sql.length() ? sql.charAt(end) : ' ';
        if (glued(before) || glued(after) || before == ':') {
            return false;
        }
        return !previousWord(sql, start).equals("by");
    }

    private static boolean glued(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.' || c == '\'' || c == '"' || c == '{' || c == '}';
    }

    private static void appendEscaped(StringBuilder out, String sql, BitSet notCode, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = sql.charAt(i);
            out.append(c);
            if (c == '?' && !notCode.get(i)) {
                out.append('?');
            }
        }
    }

    private static String firstWord(String sql) {
        int i = 0;
        while (i < sql.length() && (Character.isLetter(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        return sql.substring(0, i).toLowerCase(Locale.ROOT);
    }

    private static String previousWord(String sql, int before) {
        int end = before;
        while (end > 0 && Character.isWhitespace(sql.charAt(end - 1))) {
            end--;
        }
        int start = end;
        while (start > 0 && Character.isLetter(sql.charAt(start - 1))) {
            start--;
        }
        return sql.substring(start, end).toLowerCase(Locale.ROOT);
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static int newlines(String s, int to) {
        int n = 0;
        for (int i = 0; i < to; i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
