package dev.zerodown.report;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import dev.zerodown.hazards.Severity;
import dev.zerodown.report.internal.Facts;
import dev.zerodown.report.internal.Text;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.NotRunTransition;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.Verdict;
import org.apiguardian.api.API;

/**
 * Surefire-format XML ({@code TEST-*.xml}) so CI servers list every transition as a test case: one
 * {@code testsuite} per run, one {@code testcase} per transition named after it, with classname
 * {@code zerodown.<run>.pg<major>}. An unsafe transition is a {@code failure} that carries its
 * error-level hazards; warnings and acknowledged hazards go to {@code system-out}. A transition that never ran
 * (the run stopped at a failed step) is a {@code skipped} test case whose message gives the reason.
 */
@API(status = API.Status.INTERNAL)
public final class JUnitXmlReport {
    private JUnitXmlReport() {
    }

    /** {@code zerodown.<run>.pg<major>}: the suite name and every test case's classname. */
    public static String suiteName(RunResult run) {
        return "zerodown." + run.name() + ".pg" + run.postgresMajor();
    }

    public static String render(RunResult run) {
        String suite = suiteName(run);
        long failures = Facts.unsafeTransitions(run);
        long[] span = Facts.span(run);
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<testsuite xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"")
                .append(" xsi:noNamespaceSchemaLocation=\"https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report.xsd\"")
                .append(attr("version", "3.0.2"))
                .append(attr("name", suite))
                .append(attr("time", seconds(run.transitions().isEmpty() ? 0 : span[1] - span[0])))
                .append(attr("tests", String.valueOf(run.transitions().size() + run.notRun().size())))
                .append(attr("errors", "0"))
                .append(attr("skipped", String.valueOf(run.notRun().size())))
                .append(attr("failures", String.valueOf(failures)));
        if (run.startedAt() != null) {
            b.append(attr("timestamp", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                    run.startedAt().truncatedTo(ChronoUnit.SECONDS).atOffset(java.time.ZoneOffset.UTC))));
        }
        b.append(">\n  <properties>\n");
        property(b, "zerodown.verdict", run.verdict().id());
        property(b, "zerodown.postgres.version", run.postgresVersion());
        property(b, "zerodown.postgres.provider", run.provider());
        property(b, "zerodown.seed", String.valueOf(run.seed()));
        b.append("  </properties>\n");
        for (TransitionResult t : run.transitions()) {
            testcase(b, t, suite);
        }
        for (NotRunTransition t : run.notRun()) {
            b.append("  <testcase").append(attr("name", t.name())).append(attr("classname", suite))
                    .append(attr("time", seconds(0))).append(">\n    <skipped")
                    .append(attr("message", NotRunTransition.STATUS + ": " + t.reason())).append("/>\n  </testcase>\n");
        }
        return b.append("</testsuite>\n").toString();
    }

    private static void testcase(StringBuilder b, TransitionResult t, String suite) {
        b.append("  <testcase").append(attr("name", t.name())).append(attr("classname", suite))
                .append(attr("time", seconds(t.endMs() - t.startMs()))).append(">\n");
        List<Hazard> errors = t.hazards().stream().filter(Hazard::blocking).toList();
        if (t.verdict() == Verdict.UNSAFE) {
            String message = errors.isEmpty() ? "unsafe" : errors.stream().map(h -> h.id().id()).distinct()
                    .reduce((x, y) -> x + ", " + y).map(ids -> "unsafe: " + ids).orElse("unsafe");
            b.append("    <failure").append(attr("message", message)).append(attr("type", "zerodown.unsafe"))
                    .append('>').append(Text.xml(hazards(errors))).append("</failure>\n");
        }
        List<Hazard> others = t.hazards().stream().filter(h -> !h.blocking() && h.severity() != Severity.OFF).toList();
        b.append("    <system-out>").append(Text.xml(out(t, others))).append("</system-out>\n");
        b.append("  </testcase>\n");
    }

    private static String hazards(List<Hazard> hazards) {
        StringBuilder b = new StringBuilder();
        for (Hazard h : hazards) {
            b.append(h.id().id());
            if (!h.where().isEmpty()) {
                b.append(" at ").append(h.where());
            }
            if (h.relation() != null) {
                b.append(" on ").append(h.relation());
            }
            b.append(": ").append(Text.oneLine(h.message())).append('\n');
            if (h.statement() != null) {
                b.append("  statement: ").append(Text.shorten(Text.oneLine(h.statement()), 200)).append('\n');
            }
            if (h.evidence() != null) {
                b.append("  measured: ").append(Text.oneLine(h.evidence())).append('\n');
            }
            if (h.recipe() != null) {
                b.append("  safe recipe: ").append(Text.oneLine(h.recipe())).append('\n');
            }
        }
        return b.toString();
    }

    private static String out(TransitionResult t, List<Hazard> others) {
        StringBuilder b = new StringBuilder();
        b.append("live: ").append(Facts.live(t)).append("; requests ok/failed: ").append(Facts.ok(t)).append('/')
                .append(Facts.failed(t)).append("; max lock wait: ").append(Text.duration(Facts.maxLockWaitMs(t)))
                .append('\n');
        for (Hazard h : others) {
            b.append(h.acknowledged() ? "acknowledged " : h.severity().id() + " ").append(h.id().id());
            if (!h.where().isEmpty()) {
                b.append(" at ").append(h.where());
            }
            b.append(": ").append(Text.oneLine(h.message()));
            if (h.acknowledged() && h.reason() != null) {
                b.append(" (").append(Text.oneLine(h.reason())).append(')');
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static void property(StringBuilder b, String name, String value) {
        b.append("    <property").append(attr("name", name)).append(attr("value", value)).append("/>\n");
    }

    private static String attr(String name, String value) {
        return " " + name + "=\"" + Text.xml(value).replace("\n", "&#10;").replace("\r", "&#13;")
                .replace("\t", "&#9;") + "\"";
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.3f", Math.max(0, ms) / 1000.0);
    }
}
