package dev.zerodown.report.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.Timeline;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.VersionStats;
import org.apiguardian.api.API;

/**
 * The lines one run adds to {@code history.jsonl} (format in docs/nightly.md): one {@code transition} record per
 * transition that ran, then one {@code statement} record per traced statement of it.
 */
@API(status = API.Status.INTERNAL)
public final class HistoryRecords {
    /** The version of the record format; bumped only on an incompatible change. */
    public static final int VERSION = 1;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private HistoryRecords() {
    }

    /**
     * The run's record set.
     *
     * @param run   the run
     * @param about what is the same for every record of the run: run id, time, commit, scale, preset
     */
    public static List<ObjectNode> of(RunResult run, RunFacts about) {
        List<ObjectNode> out = new ArrayList<>();
        for (TransitionResult t : run.transitions()) {
            out.add(transition(run, about, t));
            if (t.timeline() != null) {
                for (Timeline.StatementSpan s : t.timeline().statements()) {
                    out.add(statement(run, about, t, s));
                }
            }
        }
        return out;
    }

    /**
     * What every record of one run shares.
     *
     * @param runId  unique per run and PostgreSQL major
     * @param commit the git commit of the working directory, or null when unknown
     * @param scale  the {@code scale} setting ({@code auto} or a fraction), or null
     * @param preset the {@code preset} setting, or null
     */
    public record RunFacts(String runId, String time, String commit, String scale, String preset) {
    }

    private static ObjectNode common(RunResult run, RunFacts about, String record) {
        ObjectNode o = F.objectNode();
        o.put("historyVersion", VERSION);
        o.put("record", record);
        o.put("runId", about.runId());
        o.put("time", about.time());
        o.put("commit", about.commit());
        o.put("run", run.name());
        o.put("postgresVersion", run.postgresVersion());
        o.put("postgresMajor", run.postgresMajor());
        o.put("provider", run.provider());
        o.put("scale", about.scale());
        o.put("preset", about.preset());
        return o;
    }

    private static ObjectNode transition(RunResult run, RunFacts about, TransitionResult t) {
        ObjectNode o = common(run, about, "transition");
        o.put("transition", t.name());
        o.put("step", t.step());
        o.put("kind", t.kind().id());
        o.put("verdict", t.verdict().id());
        o.put("durationMs", t.endMs() - t.startMs());
        o.put("maxLockWaitMs", Text.round3(Facts.maxLockWaitMs(t)));
        o.put("failedRequests", Facts.failed(t));
        ObjectNode p99 = o.putObject("p99Ms");
        ObjectNode failed = o.putObject("failedByVersion");
        for (String v : Facts.versions(t)) {
            VersionStats s = t.requests().get(v);
            p99.put(v, Text.round3(s.p99Ms()));
            failed.put(v, s.failed());
        }
        var ids = o.putArray("hazards");
        t.hazards().stream().map(h -> h.id().id()).distinct().sorted().forEach(ids::add);
        return o;
    }

    private static ObjectNode statement(RunResult run, RunFacts about, TransitionResult t, Timeline.StatementSpan s) {
        ObjectNode o = common(run, about, "statement");
        o.put("transition", t.name());
        o.put("step", t.step());
        o.put("file", s.file());
        o.put("line", s.line());
        o.put("sql", Text.shorten(Text.oneLine(s.sql()), dev.zerodown.config.Text.STATEMENT_CHARS));
        long duration = s.endMs() - s.startMs();
        o.put("durationMs", duration);
        o.put("maxLockHoldMs", t.timeline().lockHolds().stream()
                .filter(h -> same(h.file(), h.line(), s))
                .mapToLong(h -> h.endMs() - h.startMs()).max().orElse(0));
        o.put("maxLockWaitMs", t.timeline().lockWaits().stream()
                .filter(w -> w.causedByMigration() && !"migration".equals(w.who()))
                .filter(w -> w.startMs() < s.endMs() && w.endMs() > s.startMs())
                .mapToLong(Timeline.LockWait::durationMs).max().orElse(0));
        putIfHazard(o, "rewriteMs", t, s, Set.of(HazardId.TABLE_REWRITE), duration);
        putIfHazard(o, "scanMs", t, s, Set.of(HazardId.SCAN_UNDER_LOCK), duration);
        o.put("error", s.error());
        return o;
    }

    /** The statement's duration under {@code field} when one of {@code ids} was found on it, else null. */
    private static void putIfHazard(ObjectNode o, String field, TransitionResult t, Timeline.StatementSpan s,
                                    Set<HazardId> ids, long duration) {
        boolean found = false;
        for (Hazard h : t.hazards()) {
            found |= ids.contains(h.id()) && same(h.file(), h.line() == null ? -1 : h.line(), s);
        }
        if (found) {
            o.put(field, duration);
        } else {
            o.putNull(field);
        }
    }

    private static boolean same(String file, int line, Timeline.StatementSpan s) {
        return line == s.line() && file != null && file.equals(s.file());
    }
}
