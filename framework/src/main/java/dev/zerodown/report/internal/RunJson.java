package dev.zerodown.report.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zerodown.hazards.Severity;
import dev.zerodown.result.Baseline;
import dev.zerodown.result.FailureGroup;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.Prediction;
import dev.zerodown.result.InvariantResult;
import dev.zerodown.result.NotRunTransition;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.Traffic;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.VersionStats;
import org.apiguardian.api.API;

/** The report.json tree of a run, fields in their documented order. */
@API(status = API.Status.INTERNAL)
public final class RunJson {
    /** The version of report.json's schema; bumped only on an incompatible change. */
    public static final int SCHEMA_VERSION = 1;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private RunJson() {
    }

    public static ObjectNode tree(RunResult run) {
        return tree(run, null);
    }

    /**
     * The tree with the run's effective settings (name to text, passwords already redacted) after {@code seed};
     * without them ({@code null}) the {@code settings} field is left out.
     */
    public static ObjectNode tree(RunResult run, Map<String, String> settings) {
        ObjectNode o = F.objectNode();
        o.put("schemaVersion", SCHEMA_VERSION);
        o.put("name", run.name());
        o.put("verdict", run.verdict().id());
        o.put("startedAt", run.startedAt() == null ? null : run.startedAt().toString());
        long[] span = Facts.span(run);
        o.put("durationMs", run.transitions().isEmpty() ? 0 : span[1] - span[0]);
        ObjectNode pg = o.putObject("postgres");
        pg.put("version", run.postgresVersion());
        pg.put("major", run.postgresMajor());
        pg.put("provider", run.provider());
        o.put("seed", run.seed());
        baseline(o, run.baseline());
        if (settings != null) {
            ObjectNode st = o.putObject("settings");
            settings.forEach(st::put);
        }
        ObjectNode summary = o.putObject("summary");
        summary.put("transitions", run.transitions().size());
        summary.put("unsafeTransitions", Facts.unsafeTransitions(run));
        summary.put("errors", Facts.count(run, Severity.ERROR, false));
        summary.put("warnings", Facts.count(run, Severity.WARNING, false));
        summary.put("acknowledged", Facts.acknowledged(run));
        summary.put("notRun", run.notRun().size());
        ArrayNode ts = o.putArray("transitions");
        run.transitions().forEach(t -> ts.add(transition(t)));
        ArrayNode nr = o.putArray("notRun");
        run.notRun().forEach(t -> nr.add(notRun(t)));
        return o;
    }

    private static void baseline(ObjectNode o, Baseline b) {
        if (b == null) {
            o.putNull("baseline");
            return;
        }
        ObjectNode n = o.putObject("baseline");
        n.put("steps", b.steps());
        n.put("reused", b.reused());
        n.put("template", b.template());
        n.put("fromDisk", b.fromDisk());
        n.put("prepareMs", b.millis());
    }

    private static ObjectNode notRun(NotRunTransition t) {
        ObjectNode o = F.objectNode();
        o.put("name", t.name());
        o.put("step", t.step());
        o.put("kind", t.kind().id());
        strings(o.putArray("liveVersions"), t.liveVersions());
        strings(o.putArray("canaryVersions"), t.canaryVersions());
        o.put("verdict", NotRunTransition.STATUS);
        o.put("reason", t.reason());
        return o;
    }

    private static ObjectNode transition(TransitionResult t) {
        ObjectNode o = F.objectNode();
        o.put("name", t.name());
        o.put("step", t.step());
        o.put("kind", t.kind().id());
        strings(o.putArray("liveVersions"), t.liveVersions());
        strings(o.putArray("canaryVersions"), t.canaryVersions());
        o.put("verdict", t.verdict().id());
        o.put("startMs", t.startMs());
        o.put("endMs", t.endMs());
        o.put("maxLockWaitMs", Text.round3(Facts.maxLockWaitMs(t)));
        if (Double.isNaN(t.samplerMaxGapMs())) {
            o.putNull("samplerMaxGapMs");
        } else {
            o.put("samplerMaxGapMs", Text.round3(t.samplerMaxGapMs()));
        }
        o.put("sampledWaits", t.sampledWaits());
        o.put("serverLogWaits", t.serverLogWaits());
        strings(o.putArray("warnings"), t.warnings());
        ArrayNode hs = o.putArray("hazards");
        t.hazards().forEach(h -> hs.add(hazard(h)));
        ObjectNode rq = o.putObject("requests");
        Facts.versions(t).forEach(v -> rq.set(v, requests(t.requests().get(v))));
        ArrayNode inv = o.putArray("invariants");
        t.invariants().forEach(i -> inv.add(invariant(i)));
        o.set("timeline", TimelineJson.tree(t.timeline()));
        return o;
    }

    static ObjectNode hazard(Hazard h) {
        ObjectNode o = F.objectNode();
        o.put("id", h.id().id());
        o.put("severity", h.severity().id());
        o.put("relation", h.relation());
        o.put("file", h.file());
        o.put("line", h.line());
        o.put("statement", h.statement());
        o.put("message", h.message());
        o.put("evidence", h.evidence());
        o.put("recipe", h.recipe());
        o.put("acknowledged", h.acknowledged());
        o.put("reason", h.reason());
        o.put("atMs", h.atMs());
        o.set("predicted", predicted(h.predicted()));
        return o;
    }

    private static JsonNode predicted(Prediction p) {
        if (p == null) {
            return F.nullNode();
        }
        ObjectNode o = F.objectNode();
        o.put("table", p.table());
        o.put("rows", p.rows());
        o.put("ms", p.ms());
        o.put("limitMs", p.limitMs());
        o.put("fit", p.fit());
        o.put("intercept", p.intercept());
        o.put("slope", p.slope());
        o.put("r2", p.r2());
        ArrayNode at = o.putArray("measuredAt");
        p.measuredAt().forEach(x -> at.addArray().add(x.rows()).add(x.ms()));
        return o;
    }

    private static ObjectNode requests(VersionStats s) {
        ObjectNode o = F.objectNode();
        o.put("total", s.total());
        o.put("ok", s.ok());
        o.put("failed", s.failed());
        o.put("expectedErrors", s.expectedErrors());
        ObjectNode by = o.putObject("failuresBySqlState");
        new TreeMap<>(s.failuresBySqlState()).forEach(by::put);
        ArrayNode fs = o.putArray("failures");
        for (FailureGroup g : s.failures()) {
            ObjectNode f = fs.addObject();
            f.put("sqlState", g.sqlState());
            f.put("statement", g.statement());
            f.put("count", g.count());
            f.put("sampleMessage", g.sampleMessage());
        }
        o.put("p50Ms", Text.round3(s.p50Ms()));
        o.put("p99Ms", Text.round3(s.p99Ms()));
        o.put("maxMs", Text.round3(s.maxMs()));
        o.put("throughputPerSec", Text.round3(s.throughputPerSec()));
        o.put("migrationWaits", s.migrationWaits());
        o.put("maxMigrationWaitMs", Text.round3(s.maxMigrationWaitMs()));
        o.put("synthetic", s.synthetic());
        o.put("canary", s.canary());
        o.set("traffic", traffic(s.traffic()));
        return o;
    }

    private static ObjectNode traffic(Traffic t) {
        ObjectNode o = F.objectNode();
        o.put("source", t.source());
        o.put("role", t.role());
        if (t.synthetic()) {
            o.put("idle", t.idle());
            ObjectNode tables = o.putObject("tables");
            t.tables().forEach((table, columns) -> {
                ObjectNode e = tables.putObject(table);
                e.put("operations", t.operations().getOrDefault(table, ""));
                columns.forEach(e.putArray("columns")::add);
            });
            ObjectNode skipped = o.putObject("skipped");
            t.skipped().forEach((table, notes) -> notes.forEach(skipped.withArray(table)::add));
        }
        if ("profile".equals(t.source())) {
            ObjectNode skipped = o.putObject("skipped");
            t.skipped().forEach((statement, notes) -> notes.forEach(skipped.withArray(statement)::add));
        }
        return o;
    }

    private static ObjectNode invariant(InvariantResult i) {
        ObjectNode o = F.objectNode();
        o.put("name", i.name());
        o.put("discrepancies", i.discrepancies());
        ArrayNode sample = o.putArray("sample");
        for (Map<String, Object> row : i.sample()) {
            ObjectNode r = sample.addObject();
            row.forEach((k, v) -> r.set(k, value(v)));
        }
        o.put("atMs", i.atMs());
        return o;
    }

    /** A sample cell: numbers, booleans, strings and null as such; anything else as its text. */
    static JsonNode value(Object v) {
        if (v == null) {
            return F.nullNode();
        }
        if (v instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return F.numberNode(((Number) v).longValue());
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? F.numberNode(d) : F.textNode(String.valueOf(d));
        }
        if (v instanceof java.math.BigDecimal d) {
            return F.numberNode(d);
        }
        if (v instanceof java.math.BigInteger d) {
            return F.numberNode(d);
        }
        return F.textNode(String.valueOf(v));
    }

    static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }
}
