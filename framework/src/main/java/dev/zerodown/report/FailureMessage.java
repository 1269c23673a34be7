package dev.zerodown.report;

import java.util.List;
import java.util.Locale;
import dev.zerodown.report.internal.Facts;
import dev.zerodown.report.internal.Text;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.TransitionResult;
import org.apiguardian.api.API;

/**
 * The text of a failed build or test: every error-level hazard that is not acknowledged, grouped by
 * transition, each with file:line, hazard id, relation, the statement, what was measured in a few
 * words, and the safe recipe.
 */
@API(status = API.Status.INTERNAL)
public final class FailureMessage {
    private FailureMessage() {
    }

    public static String of(RunResult run) {
        List<Facts.Located> blocking = Facts.blocking(run);
        StringBuilder b = new StringBuilder();
        b.append("Zerodown: ").append(run.name()).append(" is ").append(run.verdict().id())
                .append(" on PostgreSQL ").append(run.postgresVersion()).append(" (").append(run.provider())
                .append("): ");
        if (blocking.isEmpty()) {
            return b.append("no error-level hazard in ").append(run.transitions().size()).append(" transitions.")
                    .toString();
        }
        long transitions = blocking.stream().mapToInt(Facts.Located::index).distinct().count();
        b.append(String.format(Locale.ROOT, "%d error-level hazard%s in %d of %d transitions.",
                blocking.size(), blocking.size() == 1 ? "" : "s", transitions, run.transitions().size()));
        TransitionResult current = null;
        for (Facts.Located l : blocking) {
            if (l.transition() != current) {
                current = l.transition();
                b.append("\n\n").append(current.name());
            }
            hazard(b, l.hazard());
        }
        if (!run.notRun().isEmpty()) {
            b.append("\n\nNot run (").append(run.notRun().get(0).reason()).append("):");
            run.notRun().forEach(t -> b.append("\n  - ").append(t.name()));
        }
        return b.toString();
    }

    /** The text of one failed transition: its error-level hazards, each with where, measured and recipe. */
    public static String of(TransitionResult transition) {
        StringBuilder b = new StringBuilder();
        b.append(transition.name()).append(" is ").append(transition.verdict().id()).append(':');
        transition.hazards().stream().filter(Hazard::blocking).forEach(h -> hazard(b, h));
        return b.toString();
    }

    private static void hazard(StringBuilder b, Hazard h) {
        b.append("\n  - ").append(h.id().id());
        if (!h.where().isEmpty()) {
            b.append(" at ").append(h.where());
        }
        if (h.relation() != null) {
            b.append(" on ").append(h.relation());
        }
        if (h.statement() != null && !h.statement().isBlank()) {
            b.append("\n    ").append(Text.shorten(Text.oneLine(h.statement()), 120));
        }
        String measured = h.evidence() != null && !h.evidence().isBlank() ? h.evidence() : h.message();
        if (measured != null && !measured.isBlank()) {
            b.append("\n    measured: ").append(Text.shorten(Text.oneLine(measured), 160));
        }
        if (h.recipe() != null && !h.recipe().isBlank()) {
            b.append("\n    safe recipe: ").append(Text.oneLine(h.recipe()));
        }
    }
}
