package dev.zerodown.judge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.hazards.Severity;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.migrations.SqlStatement;
import dev.zerodown.result.Hazard;

/**
 * Collects the hazards of one step (made by {@link Hazards}): one hazard per (id, relation, line) — the first one found wins. Listed by line, then in the
 * order of {@link HazardId}, then by relation.
 */
final class Findings {
    private final MigrationStep step;
    private final Map<String, Hazard> hazards = new LinkedHashMap<>();

    Findings(MigrationStep step) {
        this.step = step;
    }

    void add(HazardId id, String relation, SqlStatement statement, String message, String evidence, long atMs) {
        Integer line = statement == null ? null : statement.line();
        hazards.putIfAbsent(id.id() + "|" + relation + "|" + line,
                Hazards.of(id, relation, step.fileName(), line, statement, message, evidence, atMs));
    }

    /** A hazard whose severity the rule measured (not the id's default) and whose recipe fits the case. */
    void add(HazardId id, Severity severity, String recipe, String relation, SqlStatement statement, String message,
             String evidence, long atMs) {
        Integer line = statement == null ? null : statement.line();
        hazards.putIfAbsent(id.id() + "|" + relation + "|" + line,
                Hazards.of(id, severity, recipe, relation, step.fileName(), line, statement, message, evidence, atMs));
    }

    List<Hazard> list() {
        List<Hazard> out = new ArrayList<>(hazards.values());
        out.sort(Comparator.comparing((Hazard h) -> h.line() == null ? Integer.MAX_VALUE : h.line())
                .thenComparing(Hazard::id).thenComparing(h -> String.valueOf(h.relation())));
        return List.copyOf(out);
    }

    String where(SqlStatement s) {
        return step.fileName() + ":" + s.line();
    }
}
