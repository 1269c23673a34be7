package dev.zerodown.report.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import dev.zerodown.hazards.Severity;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.InvariantResult;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.Verdict;

/**
 * The inline SVG timeline of a whole rollout: transitions as bands, hazards pinned at the moment they
 * were measured, invariant checks, load per version, migration statements, lock holds and lock waits.
 */
final class TimelineSvg {
    private static final double AXIS = 22;
    private static final double HEADER = 34;
    private static final double MARKS = 26;

    private TimelineSvg() {
    }

    public static String render(RunResult run, Details details) {
        long[] span = Facts.span(run);
        TimelineCanvas c = new TimelineCanvas(span[0], span[1], details);
        c.y = AXIS;
        double bandsTop = c.y;
        List<Double> hazardXs = new ArrayList<>();
        transitions(c, run);
        hazards(c, run, hazardXs);
        invariants(c, run);
        LoadLanes.draw(c, run);
        LockLanes.draw(c, run);
        double height = c.y + 8;

        Svg out = new Svg();
        out.open("svg", "xmlns", "http://www.w3.org/2000/svg", "id", "timeline", "viewBox",
                "0 0 " + Svg.n(TimelineCanvas.WIDTH) + " " + Svg.n(height), "role", "group", "aria-label",
                "Timeline of the rollout", "font-family", "system-ui, sans-serif", "font-size", "11");
        defs(out);
        background(out, c, run, bandsTop, height);
        out.raw(c.fg.toString());
        for (double x : hazardXs) {
            out.empty("line", "x1", x, "x2", x, "y1", bandsTop + HEADER + MARKS - 4, "y2", height - 8,
                    "class", "zd-pin");
        }
        return out.close("svg").toString();
    }

    private static void defs(Svg s) {
        s.open("defs");
        s.open("pattern", "id", "zd-hatch", "width", 6, "height", 6, "patternUnits", "userSpaceOnUse",
                "patternTransform", "rotate(45)");
        s.empty("line", "x1", 0, "y1", 0, "x2", 0, "y2", 6, "stroke", "#000", "stroke-width", 1.6, "stroke-opacity",
                0.45);
        s.close("pattern");
        s.open("pattern", "id", "zd-cross", "width", 6, "height", 6, "patternUnits", "userSpaceOnUse",
                "patternTransform", "rotate(45)");
        s.empty("path", "d", "M0,0V6M0,0H6", "stroke", "#000", "stroke-width", 1.6, "stroke-opacity", 0.45);
        s.close("pattern");
        s.close("defs");
    }

    private static void background(Svg s, TimelineCanvas c, RunResult run, double top, double height) {
        for (int i = 0; i < run.transitions().size(); i++) {
            TransitionResult t = run.transitions().get(i);
            double x = c.scale.x(t.startMs());
            s.empty("rect", "x", x, "y", top, "width", c.scale.w(t.startMs(), t.endMs()), "height", height - top - 8,
                    "class", i % 2 == 0 ? "zd-band" : "zd-band zd-band-alt");
            s.empty("line", "x1", x, "x2", x, "y1", top, "y2", height - 8, "class", "zd-band-edge");
        }
        for (long tick : c.scale.ticks()) {
            double x = c.scale.x(tick);
            s.empty("line", "x1", x, "x2", x, "y1", AXIS - 4, "y2", height - 8, "class", "zd-grid");
            s.text(TimelineScale.label(tick), "x", x, "y", 13, "class", "zd-tick");
        }
    }

    private static void transitions(TimelineCanvas c, RunResult run) {
        c.fg.text("transitions", "x", 8, "y", c.y + HEADER / 2 + 4, "class", "zd-lane");
        for (int i = 0; i < run.transitions().size(); i++) {
            TransitionResult t = run.transitions().get(i);
            boolean unsafe = t.verdict() == Verdict.UNSAFE;
            double x = c.scale.x(t.startMs());
            double w = c.scale.w(t.startMs(), t.endMs());
            int d = c.details.entry("transition", (i + 1) + ". " + t.name())
                    .field("verdict", unsafe ? "\u2717 unsafe" : "\u2713 safe")
                    .field("kind", t.kind().id())
                    .field("step", t.step())
                    .field("live versions", Facts.live(t))
                    .field("canary versions", String.join(", ", t.canaryVersions()))
                    .field("time", Text.at(t.startMs()) + " to " + Text.at(t.endMs()))
                    .field("requests ok / failed", Facts.ok(t) + " / " + Facts.failed(t))
                    .field("max lock wait", Text.duration(Facts.maxLockWaitMs(t)))
                    .field("hazards", t.hazards().stream().map(h -> h.id().id()).distinct()
                            .collect(Collectors.joining(", ")))
                    .add();
            c.fg.open("g", "class", unsafe ? "zd-tr zd-tr-unsafe" : "zd-tr zd-tr-safe", "data-d", d, "tabindex", 0);
            c.fg.title(t.name() + ": " + t.verdict().id());
            c.fg.empty("rect", "x", x + 1, "y", c.y + 3, "width", Math.max(1, w - 2), "height", HEADER - 6, "rx", 3);
            String mark = unsafe ? "\u2717 " : "\u2713 ";
            String label = TimelineCanvas.fit(mark + (i + 1) + ". " + t.name(), mark + (i + 1), w - 2);
            if (label != null) {
                c.fg.text(label, "x", x + 5, "y", c.y + HEADER / 2 + 4, "class", "zd-tr-label");
            }
            c.fg.close("g");
        }
        c.y += HEADER;
    }

    private static void hazards(TimelineCanvas c, RunResult run, List<Double> pins) {
        c.label("hazards", "\u25B2 error \u25CF warning \u25C7 ack.", MARKS);
        double lastX = -100;
        for (int i = 0; i < run.transitions().size(); i++) {
            TransitionResult t = run.transitions().get(i);
            for (Hazard h : t.hazards()) {
                if (h.severity() == Severity.OFF) {
                    continue;
                }
                long at = h.atMs() < 0 ? t.startMs() : h.atMs();
                double x = c.scale.x(at);
                pins.add(x);
                double mx = Math.max(x, lastX + 11);
                lastX = mx;
                int d = hazardDetail(c, h, t);
                String cls = h.acknowledged() ? "zd-hz zd-hz-ack" : h.severity() == Severity.ERROR ? "zd-hz zd-hz-error"
                        : "zd-hz zd-hz-warning";
                c.fg.open("g", "class", cls, "data-d", d, "tabindex", 0);
                c.fg.title(h.severity().id() + (h.acknowledged() ? " (acknowledged)" : "") + ": " + h.id().id());
                double cy = c.y + MARKS / 2;
                if (h.acknowledged()) {
                    c.fg.empty("path", "d", "M" + Svg.n(mx) + "," + Svg.n(cy - 6) + "l6,6l-6,6l-6,-6Z");
                } else if (h.severity() == Severity.ERROR) {
                    c.fg.empty("path", "d", "M" + Svg.n(mx) + "," + Svg.n(cy - 6) + "l6,11h-12Z");
                } else {
                    c.fg.empty("circle", "cx", mx, "cy", cy, "r", 5);
                }
                c.fg.close("g");
            }
        }
        c.y += MARKS;
    }

    private static int hazardDetail(TimelineCanvas c, Hazard h, TransitionResult t) {
        return c.details.entry("hazard", h.id().id())
                .field("severity", h.severity().id() + (h.acknowledged() ? ", acknowledged" : "")
                        + (h.blocking() ? " (makes the run unsafe)" : ""))
                .field("transition", t.name())
                .field("measured at", h.atMs() < 0 ? null : Text.at(h.atMs()))
                .field("where", h.where())
                .field("relation", h.relation())
                .field("what happened", h.message())
                .field("evidence", h.evidence())
                .field("safe recipe", h.recipe())
                .field("acknowledged because", h.reason())
                .code(h.statement()).add();
    }

    private static void invariants(TimelineCanvas c, RunResult run) {
        boolean any = run.transitions().stream().anyMatch(t -> !t.invariants().isEmpty());
        if (!any) {
            return;
        }
        c.label("invariants", "\u25A0 violated \u25A1 holds", MARKS);
        for (TransitionResult t : run.transitions()) {
            for (InvariantResult inv : t.invariants()) {
                long at = inv.atMs() < 0 ? t.endMs() : inv.atMs();
                double x = c.scale.x(at);
                int d = c.details.entry("invariant", inv.name())
                        .field("transition", t.name())
                        .field("checked at", Text.at(at))
                        .field("discrepancies", inv.holds() ? "0 (holds)" : inv.discrepancies() + " rows")
                        .table("Sample rows", inv.sample()).add();
                c.fg.open("g", "class", inv.holds() ? "zd-inv zd-inv-ok" : "zd-inv zd-inv-bad", "data-d", d,
                        "tabindex", 0);
                c.fg.title(inv.name() + ": " + inv.discrepancies() + " discrepancies");
                c.fg.empty("rect", "x", x - 5, "y", c.y + MARKS / 2 - 5, "width", 10, "height", 10);
                c.fg.close("g");
            }
        }
        c.y += MARKS;
    }
}
