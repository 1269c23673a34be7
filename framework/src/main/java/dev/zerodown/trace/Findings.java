package dev.zerodown.trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.hazards.Recipes;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.migrations.SqlStatement;
import dev.zerodown.result.Hazard;

/**
 * Collects the hazards of one step: default severity, recipe, the statement's acknowledgement,
 * and one hazard per (id, relation, line) — the first one found wins.
 */
final class Findings {
    static final int STATEMENT_CHARS = 200;

    private final MigrationStep step;
    private final Map<String, Hazard> hazards = new LinkedHashMap<>();

    Findings(MigrationStep step) {
        this.step = step;
    }

    void add(HazardId id, String relation, SqlStatement statement, String message, String evidence, long atMs) {
        Integer line = statement == null ? null : statement.line();
        Hazard h = new Hazard(id, id.defaultSeverity(), relation, step.fileName(), line,
                statement == null ? null : shorten(statement.sql()), message, evidence, Recipes.of(id), false, null, atMs);
        hazards.putIfAbsent(id.id() + "|" + relation + "|" + line, acknowledged(h, statement));
    }

    List<Hazard> list() {
        List<Hazard> out = new ArrayList<>(hazards.values());
        out.sort(Comparator.comparingLong(Hazard::atMs).thenComparing(h -> h.line() == null ? 0 : h.line())
                .thenComparing(Hazard::id));
        return List.copyOf(out);
    }

    /** Marks {@code h} acknowledged when its statement carries {@code -- zerodown:allow <id>: <reason>}. */
    static Hazard acknowledged(Hazard h, SqlStatement statement) {
        if (statement == null) {
            return h;
        }
        for (SqlStatement.Acknowledgement a : statement.acknowledgements()) {
            if (a.hazard() == h.id()) {
                return h.acknowledge(a.reason());
            }
        }
        return h;
    }

    String where(SqlStatement s) {
        return step.fileName() + ":" + s.line();
    }

    /** Whitespace collapsed, leading comments dropped, cut at {@value #STATEMENT_CHARS} characters. */
    static String shorten(String sql) {
        StringBuilder b = new StringBuilder();
        for (String line : sql.split("\n")) {
            String t = line.trim();
            if (b.length() == 0 && (t.isEmpty() || t.startsWith("--"))) {
                continue;
            }
            b.append(b.length() == 0 ? "" : " ").append(t);
        }
        String s = b.toString().replaceAll("\\s+", " ").trim();
        return s.length() <= STATEMENT_CHARS ? s : s.substring(0, STATEMENT_CHARS - 1) + "…";
    }

    static String rows(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
