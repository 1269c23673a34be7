package dev.zerodown.report;

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
 * A compact plain-text table of one run: a row per transition, then every hazard in full under it (wrapped,
 * never cut), at most {@value #WIDTH} columns wide, ASCII only. ANSI colours only when asked for; callers pass
 * {@link #terminalSupportsColour()}.
 */
@API(status = API.Status.INTERNAL)
public final class ConsoleReport {
    /** The widest line this report prints. */
    public static final int WIDTH = 100;

    private static final String RESET = "\u001b[0m";
    private static final String RED = "\u001b[1;31m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String DIM = "\u001b[2m";
    private static final String CELLS = "  %-40s  %-12s  %18s  %9s";

    private ConsoleReport() {
    }

    /**
     * True when standard output is a terminal that shows colours: a console is attached, {@code TERM} is
     * not {@code dumb} and {@code NO_COLOR} is not set.
     */
    public static boolean terminalSupportsColour() {
        String noColour = System.getenv("NO_COLOR");
        return System.console() != null && !"dumb".equals(System.getenv("TERM"))
                && (noColour == null || noColour.isEmpty());
    }

    public static String render(RunResult run, boolean colour) {
        StringBuilder b = new StringBuilder();
        String verdict = run.verdict() == Verdict.UNSAFE ? "UNSAFE" : "safe";
        String head = Text.shortenAscii("Zerodown " + ascii(run.name()) + " on PostgreSQL " + run.postgresVersion()
                + " (" + run.provider() + "), seed " + run.seed() + ": ", WIDTH - verdict.length());
        b.append(head).append(paint(verdict, run.verdict() == Verdict.UNSAFE ? RED : GREEN, colour)).append('\n');
        b.append(Facts.counts(run, ", ")).append('\n');
        b.append("  verdict").append(String.format(Locale.ROOT, CELLS, "transition", "live", "requests ok/failed",
                "max wait")).append('\n');
        for (TransitionResult t : run.transitions()) {
            transition(b, t, colour);
        }
        for (NotRunTransition t : run.notRun()) {
            String rest = String.format(Locale.ROOT, CELLS, Text.shortenAscii(ascii(t.name()), 40),
                    Text.shortenAscii(ascii(String.join(", ", t.liveVersions())), 12), "-", "-");
            b.append("  ").append(paint("not run", DIM, colour)).append(rest.stripTrailing()).append('\n');
        }
        if (!run.notRun().isEmpty()) {
            wrap(b, "  not run: ", "  ", ascii(run.notRun().get(0).reason()));
        }
        hazards(b, run, colour);
        return b.toString();
    }

    private static void transition(StringBuilder b, TransitionResult t, boolean colour) {
        boolean unsafe = t.verdict() == Verdict.UNSAFE;
        String v = String.format(Locale.ROOT, "%-7s", unsafe ? "UNSAFE" : "safe");
        String rest = String.format(Locale.ROOT, CELLS, Text.shortenAscii(ascii(t.name()), 40),
                Text.shortenAscii(ascii(Facts.live(t)), 12), Facts.ok(t) + "/" + Facts.failed(t),
                Text.duration(Facts.maxLockWaitMs(t)));
        b.append("  ").append(paint(v, unsafe ? RED : GREEN, colour)).append(rest.stripTrailing()).append('\n');
    }

    /** Under the table, every hazard in full (then the transition's warnings as notes), grouped by transition, wrapped at {@value #WIDTH} columns. */
    private static void hazards(StringBuilder b, RunResult run, boolean colour) {
        int idWidth = run.transitions().stream().flatMap(t -> t.hazards().stream())
                .filter(h -> h.severity() != Severity.OFF).mapToInt(h -> h.id().id().length()).max().orElse(0);
        for (TransitionResult t : run.transitions()) {
            List<Hazard> shown = t.hazards().stream().filter(h -> h.severity() != Severity.OFF).toList();
            if (shown.isEmpty() && t.warnings().isEmpty()) {
                continue;
            }
            b.append('\n');
            wrap(b, "  ", "    ", ascii(t.name()) + ":");
            for (Hazard h : shown) {
                String level = h.acknowledged() ? "ack" : h.severity() == Severity.ERROR ? "ERROR" : "warn";
                String colourCode = h.acknowledged() ? DIM : h.severity() == Severity.ERROR ? RED : YELLOW;
                String head = "    " + String.format(Locale.ROOT, "%-5s", level) + " ";
                int start = b.length();
                wrap(b, head, " ".repeat(head.length() + idWidth + 2),
                        String.format(Locale.ROOT, "%-" + idWidth + "s  %s", h.id().id(), detail(h)));
                if (colour) {
                    b.replace(start + 4, start + 9, paint(String.format(Locale.ROOT, "%-5s", level), colourCode, true));
                }
            }
            for (String w : t.warnings()) {
                wrap(b, "    note  ", "          ", ascii(w)); // figures less certain; never a hazard, never the verdict
            }
        }
    }

    /** {@code text} after {@code first}, broken at spaces so no line is wider than {@value #WIDTH}. */
    private static void wrap(StringBuilder b, String first, String next, String text) {
        String prefix = first;
        String rest = text.strip();
        while (prefix.length() + rest.length() > WIDTH) {
            int room = WIDTH - prefix.length();
            int cut = rest.lastIndexOf(' ', room);
            if (cut <= 0) {
                cut = room;
            }
            b.append(prefix).append(rest.substring(0, cut).stripTrailing()).append('\n');
            rest = rest.substring(cut).strip();
            prefix = next;
        }
        b.append(prefix).append(rest).append('\n');
    }

    private static String detail(Hazard h) {
        String where = h.where().isEmpty() ? "" : h.where() + "  ";
        String what = h.acknowledged() && h.reason() != null ? "acknowledged: " + h.reason()
                : h.message() == null ? "" : h.message();
        return ascii(where + Text.oneLine(what));
    }

    private static String paint(String text, String code, boolean colour) {
        return colour ? code + text + RESET : text;
    }

    /** Keeps consoles readable: control characters become spaces, non-ASCII becomes '?'. */
    private static String ascii(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.append(c < 0x20 || c == 0x7f ? ' ' : c > 0x7e ? '?' : (char) c));
        return b.toString();
    }
}
