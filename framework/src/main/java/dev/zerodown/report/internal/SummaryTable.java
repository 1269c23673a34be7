package dev.zerodown.report.internal;

import dev.zerodown.hazards.Severity;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.NotRunTransition;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.Verdict;

/** The table above the timeline: one row per transition, those that never ran included. */
final class SummaryTable {
    private SummaryTable() {
    }

    static void write(Html h, RunResult run) {
        h.open("section", "id", "summary").el("h2", "Transitions").nl();
        h.open("table", "class", "zd-table").open("thead").open("tr");
        for (String col : new String[] {"#", "transition", "live versions", "verdict", "hazards",
            "requests ok / failed", "max lock wait"}) {
            h.el("th", col, "scope", "col");
        }
        h.close("tr").close("thead").nl().open("tbody");
        for (int i = 0; i < run.transitions().size(); i++) {
            row(h, run.transitions().get(i), i + 1);
        }
        for (int i = 0; i < run.notRun().size(); i++) {
            notRun(h, run.notRun().get(i), run.transitions().size() + i + 1);
        }
        h.close("tbody").close("table").nl().close("section").nl();
    }

    private static void row(Html h, TransitionResult t, int n) {
        boolean unsafe = t.verdict() == Verdict.UNSAFE;
        h.open("tr", "class", unsafe ? "zd-row zd-unsafe" : "zd-row zd-safe", "data-t", String.valueOf(n));
        h.el("td", n, "class", "num");
        h.open("td").open("a", "href", "#t-" + n).text(t.name()).close("a").close("td");
        h.el("td", Facts.live(t));
        h.open("td").raw(verdict(t.verdict())).close("td");
        h.open("td");
        boolean any = false;
        for (Hazard hz : t.hazards()) {
            if (hz.severity() != Severity.OFF) {
                h.raw(chip(hz)).raw(" ");
                any = true;
            }
        }
        if (!any) {
            h.text("\u2014");
        }
        h.close("td");
        h.el("td", Facts.ok(t) + " / " + Facts.failed(t), "class", Facts.failed(t) > 0 ? "num zd-bad" : "num");
        double wait = Facts.maxLockWaitMs(t);
        h.el("td", Text.duration(wait), "class", "num");
        h.close("tr").nl();
    }

    /** A transition that never ran: no measurements, the reason where the hazards go. */
    private static void notRun(Html h, NotRunTransition t, int n) {
        h.open("tr", "class", "zd-notrun");
        h.el("td", n, "class", "num");
        h.el("td", t.name());
        h.el("td", String.join(", ", t.liveVersions()));
        h.open("td").raw("<span class=\"zd-verdict zd-notrun\">\u2013 not run</span>").close("td");
        h.el("td", t.reason());
        h.el("td", "\u2014", "class", "num");
        h.el("td", "\u2014", "class", "num");
        h.close("tr").nl();
    }

    static String verdict(Verdict v) {
        return v == Verdict.UNSAFE ? "<span class=\"zd-verdict zd-unsafe\">\u2717 unsafe</span>"
                : "<span class=\"zd-verdict zd-safe\">\u2713 safe</span>";
    }

    /** A hazard id with the shape of its severity: ▲ error, ● warning, ◇ acknowledged. */
    static String chip(Hazard hz) {
        String shape = hz.acknowledged() ? "\u25C7" : hz.severity() == Severity.ERROR ? "\u25B2" : "\u25CF";
        String cls = hz.acknowledged() ? "zd-chip zd-chip-ack" : hz.severity() == Severity.ERROR
                ? "zd-chip zd-chip-error" : "zd-chip zd-chip-warning";
        String title = hz.severity().id() + (hz.acknowledged() ? ", acknowledged" : "");
        return "<span class=\"" + cls + "\" title=\"" + Text.html(title) + "\">" + shape + " "
                + Text.html(hz.id().id()) + "</span>";
    }
}
