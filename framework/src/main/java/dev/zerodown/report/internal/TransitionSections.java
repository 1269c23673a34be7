package dev.zerodown.report.internal;

import java.util.List;
import java.util.Map;
import dev.zerodown.hazards.Severity;
import dev.zerodown.result.FailureGroup;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.InvariantResult;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.Traffic;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.VersionStats;

/** Everything measured per transition, below the timeline: hazards, requests, failures, invariants. */
final class TransitionSections {
    private TransitionSections() {
    }

    static void write(Html h, RunResult run) {
        h.open("section", "id", "details").el("h2", "Transition details").nl();
        for (int i = 0; i < run.transitions().size(); i++) {
            transition(h, run.transitions().get(i), i + 1);
        }
        h.close("section").nl();
    }

    private static void transition(Html h, TransitionResult t, int n) {
        h.open("article", "id", "t-" + n, "class", "zd-transition");
        h.open("h3").text(n + ". " + t.name() + " ").raw(SummaryTable.verdict(t.verdict())).close("h3");
        h.open("p", "class", "zd-meta").text(t.kind().id() + (t.step() == null ? "" : " " + t.step())
                + " \u00B7 live: " + Facts.live(t)
                + (t.canaryVersions().isEmpty() ? "" : " \u00B7 canary: " + String.join(", ", t.canaryVersions()))
                + " \u00B7 " + Text.at(t.startMs()) + " to " + Text.at(t.endMs())).close("p").nl();
        h.open("p", "class", "zd-meta zd-sampler").text("lock sampler: longest gap " + Facts.samplerGap(t)
                + " \u00B7 lock waits seen: " + Facts.waitsSeen(t)).close("p").nl();
        for (String w : t.warnings()) {
            h.open("p", "class", "zd-note").text("\u26A0 " + w).close("p").nl(); // figures less certain, never the verdict
        }
        for (Hazard hz : t.hazards()) {
            if (hz.severity() != Severity.OFF) {
                hazard(h, hz);
            }
        }
        requests(h, t);
        failures(h, t);
        invariants(h, t.invariants());
        h.close("article").nl();
    }

    private static void hazard(Html h, Hazard hz) {
        String cls = hz.acknowledged() ? "zd-hazard zd-sev-ack" : hz.severity() == Severity.ERROR
                ? "zd-hazard zd-sev-error" : "zd-hazard zd-sev-warning";
        h.open("div", "class", cls);
        h.open("p", "class", "zd-hazard-head").raw(SummaryTable.chip(hz)).text(" " + hz.severity().id()
                + (hz.acknowledged() ? " (acknowledged)" : "")
                + (hz.where().isEmpty() ? "" : " \u00B7 " + hz.where())
                + (hz.relation() == null ? "" : " \u00B7 " + hz.relation())
                + (hz.atMs() < 0 ? "" : " \u00B7 at " + Text.at(hz.atMs()))).close("p");
        h.el("p", hz.message());
        if (hz.statement() != null && !hz.statement().isBlank()) {
            h.open("pre", "class", "zd-sql").text(hz.statement()).close("pre");
        }
        h.open("dl");
        dd(h, "Measured", hz.evidence());
        dd(h, "Safe recipe", hz.recipe());
        dd(h, "Acknowledged because", hz.reason());
        h.close("dl");
        PredictionChart.write(h, hz.predicted());
        h.close("div").nl();
    }

    private static void dd(Html h, String label, String value) {
        if (value != null && !value.isBlank()) {
            h.el("dt", label).el("dd", value);
        }
    }

    private static void requests(Html h, TransitionResult t) {
        if (t.requests().isEmpty()) {
            return;
        }
        h.open("table", "class", "zd-table zd-small").el("caption", "Requests per version").open("thead").open("tr");
        for (String c : new String[] {"version", "total", "ok", "failed", "expected errors", "p50", "p99", "max",
            "req/s", "waits on migration", "max wait", "traffic"}) {
            h.el("th", c, "scope", "col");
        }
        h.close("tr").close("thead").open("tbody");
        for (String v : Facts.versions(t)) {
            VersionStats s = t.requests().get(v);
            h.open("tr").el("td", v).el("td", s.total(), "class", "num").el("td", s.ok(), "class", "num")
                    .el("td", s.failed(), "class", s.failed() > 0 ? "num zd-bad" : "num")
                    .el("td", s.expectedErrors(), "class", "num")
                    .el("td", Text.duration(s.p50Ms()), "class", "num").el("td", Text.duration(s.p99Ms()), "class", "num")
                    .el("td", Text.duration(s.maxMs()), "class", "num")
                    .el("td", String.format(java.util.Locale.ROOT, "%.0f", s.throughputPerSec()), "class", "num")
                    .el("td", s.migrationWaits(), "class", "num")
                    .el("td", Text.duration(s.maxMigrationWaitMs()), "class", "num")
                    .el("td", trafficText(s))
                    .close("tr");
        }
        h.close("tbody").close("table").nl();
        synthetic(h, t);
        profileSkipped(h, t);
    }

    private static String trafficText(VersionStats s) {
        Traffic tr = s.traffic();
        return tr.source() + (tr.idle() ? ", idle" : "") + (tr.role() == null ? "" : ", role " + tr.role())
                + (s.canary() ? ", canary" : "");
    }

    /** The tables and columns synthetic traffic used, per version: what it could and could not see. */
    private static void synthetic(Html h, TransitionResult t) {
        List<String> versions = Facts.versions(t).stream().filter(v -> t.requests().get(v).traffic().synthetic()).toList();
        if (versions.isEmpty()) {
            return;
        }
        h.open("table", "class", "zd-table zd-small").el("caption", "Synthetic traffic: the schema each version first saw")
                .open("thead").open("tr");
        for (String c : new String[] {"version", "table", "requests", "columns named"}) {
            h.el("th", c, "scope", "col");
        }
        h.close("tr").close("thead").open("tbody");
        for (String v : versions) {
            Traffic tr = t.requests().get(v).traffic();
            if (tr.idle()) {
                h.open("tr").el("td", v).el("td", "(none)").el("td", "idle: no table it could use").el("td", "").close("tr");
            }
            tr.tables().forEach((table, columns) -> h.open("tr").el("td", v).open("td").el("code", table).close("td")
                    .el("td", tr.operations().getOrDefault(table, "")).el("td", String.join(", ", columns)).close("tr"));
            tr.skipped().forEach((table, notes) -> h.open("tr").el("td", v).open("td").el("code", table).close("td")
                    .el("td", "left out").el("td", String.join("; ", notes)).close("tr"));
        }
        h.close("tbody").close("table").nl();
    }

    /** The statements of the profile's query mix that were left out, per version, with why. */
    private static void profileSkipped(Html h, TransitionResult t) {
        List<String> versions = Facts.versions(t).stream().filter(v -> "profile".equals(t.requests().get(v).traffic().source())
                && !t.requests().get(v).traffic().skipped().isEmpty()).toList();
        if (versions.isEmpty()) {
            return;
        }
        h.open("table", "class", "zd-table zd-small").el("caption", "Profile query mix: statements left out").open("thead")
                .open("tr");
        for (String c : new String[] {"version", "statement", "why"}) {
            h.el("th", c, "scope", "col");
        }
        h.close("tr").close("thead").open("tbody");
        for (String v : versions) {
            t.requests().get(v).traffic().skipped().forEach((statement, notes) -> h.open("tr").el("td", v).open("td")
                    .el("code", statement).close("td").el("td", String.join("; ", notes)).close("tr"));
        }
        h.close("tbody").close("table").nl();
    }

    private static void failures(Html h, TransitionResult t) {
        boolean any = t.requests().values().stream().anyMatch(s -> !s.failures().isEmpty());
        if (!any) {
            return;
        }
        h.open("table", "class", "zd-table zd-small").el("caption", "Failed requests").open("thead").open("tr");
        for (String c : new String[] {"version", "SQLState", "count", "statement", "sample message"}) {
            h.el("th", c, "scope", "col");
        }
        h.close("tr").close("thead").open("tbody");
        for (String v : Facts.versions(t)) {
            for (FailureGroup g : t.requests().get(v).failures()) {
                h.open("tr").el("td", v).el("td", g.sqlState()).el("td", g.count(), "class", "num")
                        .open("td").el("code", g.statement()).close("td")
                        .open("td").el("pre", g.sampleMessage(), "class", "zd-msg").close("td").close("tr");
            }
        }
        h.close("tbody").close("table").nl();
    }

    private static void invariants(Html h, List<InvariantResult> invariants) {
        for (InvariantResult inv : invariants) {
            h.open("div", "class", inv.holds() ? "zd-invariant" : "zd-invariant zd-bad");
            h.open("p").text((inv.holds() ? "\u25A1 holds: " : "\u25A0 violated: ") + inv.name() + " \u2014 "
                    + inv.discrepancies() + " discrepancies, checked at " + Text.at(inv.atMs())).close("p");
            if (!inv.sample().isEmpty()) {
                List<String> cols = List.copyOf(inv.sample().get(0).keySet());
                h.open("table", "class", "zd-table zd-small").el("caption", "Sample rows").open("thead").open("tr");
                cols.forEach(c -> h.el("th", c, "scope", "col"));
                h.close("tr").close("thead").open("tbody");
                for (Map<String, Object> row : inv.sample()) {
                    h.open("tr");
                    cols.forEach(c -> h.el("td", row.get(c) == null ? "null" : String.valueOf(row.get(c))));
                    h.close("tr");
                }
                h.close("tbody").close("table");
            }
            h.close("div").nl();
        }
    }
}
