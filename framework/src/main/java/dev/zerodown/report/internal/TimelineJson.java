package dev.zerodown.report.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zerodown.result.Timeline;

/** The {@code timeline} object of a transition in report.json. */
final class TimelineJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private TimelineJson() {
    }

    static ObjectNode tree(Timeline timeline) {
        Timeline tl = timeline == null ? Timeline.empty() : timeline;
        ObjectNode o = F.objectNode();
        ArrayNode st = o.putArray("statements");
        for (Timeline.StatementSpan s : tl.statements()) {
            ObjectNode n = st.addObject();
            n.put("file", s.file());
            n.put("line", s.line());
            n.put("sql", s.sql());
            n.put("startMs", s.startMs());
            n.put("endMs", s.endMs());
            n.put("error", s.error());
        }
        ArrayNode holds = o.putArray("lockHolds");
        for (Timeline.LockHold h : tl.lockHolds()) {
            ObjectNode n = holds.addObject();
            n.put("relation", h.relation());
            n.put("mode", h.mode());
            n.put("startMs", h.startMs());
            n.put("endMs", h.endMs());
            n.put("file", h.file());
            n.put("line", h.line());
        }
        ArrayNode waits = o.putArray("lockWaits");
        for (Timeline.LockWait w : tl.lockWaits()) {
            ObjectNode n = waits.addObject();
            n.put("pid", w.pid());
            n.put("who", w.who());
            n.put("relation", w.relation());
            n.put("mode", w.mode());
            ArrayNode b = n.putArray("blockers");
            w.blockers().forEach(b::add);
            n.put("causedByMigration", w.causedByMigration());
            n.put("startMs", w.startMs());
            n.put("endMs", w.endMs());
            n.put("query", w.query());
        }
        ArrayNode load = o.putArray("load");
        for (Timeline.LoadPoint p : tl.load()) {
            ObjectNode n = load.addObject();
            n.put("version", p.version());
            n.put("atMs", p.atMs());
            n.put("ok", p.ok());
            n.put("failed", p.failed());
            n.put("p50Ms", Text.round3(p.p50Ms()));
            n.put("p99Ms", Text.round3(p.p99Ms()));
        }
        return o;
    }
}
