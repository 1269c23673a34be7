package dev.zerodown.report;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import dev.zerodown.hazards.Severity;
import dev.zerodown.report.internal.Facts;
import dev.zerodown.report.internal.Markdown;
import dev.zerodown.report.internal.Text;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.NotRunTransition;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.Verdict;
import org.apiguardian.api.API;

/**
 * {@code report.md}: a compact summary fit for a pull-request comment: the verdict, a table of
 * transitions (with the lock sampler's longest gap and the lock waits the sampler and the server's log
 * saw), the transitions' warnings, each error-level hazard with its statement and safe recipe, and where the HTML report is.
 */
@API(status = API.Status.INTERNAL)
public final class MarkdownReport {
    /** How the line that points to the HTML report starts. */
    public static final String FULL_REPORT = "Full report with the timeline: ";

    private MarkdownReport() {
    }

    /** @param htmlPath the HTML report to point to (as the reader should see it), or null */
    public static String render(RunResult run, Path htmlPath) {
        StringBuilder b = new StringBuilder();
        boolean unsafe = run.verdict() == Verdict.UNSAFE;
        b.append("### ").append(unsafe ? "\u274C" : "\u2705").append(" Zerodown: ").append(Markdown.text(run.name()))
                .append(" is **").append(run.verdict().id()).append("** on PostgreSQL ")
                .append(Markdown.text(run.postgresVersion())).append("\n\n");
        b.append(Facts.counts(run, " \u00B7 ")).append(" \u00B7 provider ").append(Markdown.text(run.provider()))
                .append(" \u00B7 seed ").append(run.seed()).append("\n\n");
        table(b, run);
        notes(b, run);
        List<Facts.Located> blocking = Facts.blocking(run);
        if (!blocking.isEmpty()) {
            b.append("\n#### Error-level hazards\n");
            blocking.forEach(l -> hazard(b, l));
        }
        if (htmlPath != null) {
            b.append('\n').append(FULL_REPORT).append(Markdown.code(htmlPath.toString().replace('\\', '/')))
                    .append('\n');
        }
        return b.toString();
    }

    private static void table(StringBuilder b, RunResult run) {
        b.append("| | transition | live | requests ok / failed | max lock wait | sampler gap | lock waits sampled / log only"
                + " | hazards |\n");
        b.append("|---|---|---|--:|--:|--:|--:|---|\n");
        for (TransitionResult t : run.transitions()) {
            String hazards = t.hazards().stream().filter(h -> h.severity() != Severity.OFF)
                    .map(MarkdownReport::chip).collect(Collectors.joining(" "));
            b.append("| ").append(t.verdict() == Verdict.UNSAFE ? "\u274C unsafe" : "\u2705 safe")
                    .append(" | ").append(Markdown.code(t.name()))
                    .append(" | ").append(Markdown.text(Facts.live(t)))
                    .append(" | ").append(Facts.ok(t)).append(" / ").append(Facts.failed(t))
                    .append(" | ").append(Text.duration(Facts.maxLockWaitMs(t)))
                    .append(" | ").append(Facts.samplerGap(t)).append(t.warnings().isEmpty() ? "" : " \u26A0")
                    .append(" | ").append(t.sampledWaits()).append(" / ").append(t.serverLogWaits())
                    .append(" | ").append(hazards.isEmpty() ? "\u2014" : hazards).append(" |\n");
        }
        for (NotRunTransition t : run.notRun()) {
            b.append("| \u23F9 not run | ").append(Markdown.code(t.name()))
                    .append(" | ").append(Markdown.text(String.join(", ", t.liveVersions())))
                    .append(" | \u2014 | \u2014 | \u2014 | \u2014 | ").append(Markdown.text(t.reason())).append(" |\n");
        }
    }

    /** What makes a transition's figures less certain (a sampler gap), one line each; never the verdict. */
    private static void notes(StringBuilder b, RunResult run) {
        boolean any = false;
        for (TransitionResult t : run.transitions()) {
            for (String w : t.warnings()) {
                b.append(any ? "" : "\n").append("\u26A0 ").append(Markdown.code(t.name())).append(": ").append(Markdown.text(w))
                        .append("  \n");
                any = true;
            }
        }
    }

    private static String chip(Hazard h) {
        String mark = h.acknowledged() ? " (acknowledged)" : h.severity() == Severity.WARNING ? " (warning)" : "";
        return Markdown.code(h.id().id()) + mark;
    }

    private static void hazard(StringBuilder b, Facts.Located l) {
        Hazard h = l.hazard();
        b.append("\n**").append(Markdown.code(h.id().id())).append("** in ").append(Markdown.code(l.transition().name()));
        if (!h.where().isEmpty()) {
            b.append(" at ").append(Markdown.code(h.where()));
        }
        if (h.relation() != null) {
            b.append(" on ").append(Markdown.code(h.relation()));
        }
        b.append("  \n").append(Markdown.text(h.message())).append('\n');
        if (h.statement() != null && !h.statement().isBlank()) {
            b.append('\n').append(Markdown.block("sql", h.statement()));
        }
        if (h.evidence() != null && !h.evidence().isBlank()) {
            b.append("\n*Measured:* ").append(Markdown.text(h.evidence())).append("  \n");
        }
        if (h.recipe() != null && !h.recipe().isBlank()) {
            b.append("*Safe recipe:* ").append(Markdown.text(h.recipe())).append('\n');
        }
    }
}
