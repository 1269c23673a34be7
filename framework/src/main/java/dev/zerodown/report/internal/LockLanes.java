package dev.zerodown.report.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.Timeline.LockHold;
import dev.zerodown.result.Timeline.LockWait;
import dev.zerodown.result.Timeline.StatementSpan;
import dev.zerodown.result.TransitionResult;

/** Migration statements, the migration's lock holds per relation, and lock waits per relation. */
final class LockLanes {
    private static final double STATEMENTS = 26;
    private static final double HOLDS = 22;
    private static final double WAIT_ROW = 13;
    private static final int MAX_WAIT_ROWS = 8;
    /** Drawn waits per transition; the longest are kept. */
    static final int MAX_WAITS = 400;

    private record Located<T>(T item, TransitionResult t) {
    }

    private LockLanes() {
    }

    static void draw(TimelineCanvas c, RunResult run) {
        Map<LockHold, String> holdIds = new LinkedHashMap<>();
        statements(c, run);
        holds(c, run, holdIds);
        waits(c, run, holdIds);
    }

    private static void statements(TimelineCanvas c, RunResult run) {
        c.label("migration statements", null, STATEMENTS);
        for (TransitionResult t : run.transitions()) {
            if (t.timeline() == null) {
                continue;
            }
            for (StatementSpan s : t.timeline().statements()) {
                double x = c.scale.x(s.startMs());
                double w = c.scale.w(s.startMs(), s.endMs());
                String where = s.file() + ":" + s.line();
                int d = c.details.entry("statement", where)
                        .field("transition", t.name())
                        .field("ran", Text.at(s.startMs()) + " to " + Text.at(s.endMs()))
                        .field("took", Text.duration(s.endMs() - s.startMs()))
                        .field("failed", s.error())
                        .code(s.sql()).add();
                boolean failed = s.error() != null;
                c.fg.open("g", "class", failed ? "zd-stmt zd-stmt-failed" : "zd-stmt", "data-d", d, "tabindex", 0);
                c.fg.title(where + (failed ? " failed: " + s.error() : ""));
                c.fg.empty("rect", "x", x, "y", c.y + 4, "width", w, "height", STATEMENTS - 8, "rx", 2);
                String label = TimelineCanvas.fit((failed ? "\u2717 " : "") + where + " " + Text.oneLine(s.sql()),
                        (failed ? "\u2717 " : "") + ":" + s.line(), w);
                if (label != null) {
                    c.fg.text(label, "x", x + 3, "y", c.y + STATEMENTS / 2 + 4, "class", "zd-on-dark");
                }
                c.fg.close("g");
            }
        }
        c.y += STATEMENTS;
    }

    private static void holds(TimelineCanvas c, RunResult run, Map<LockHold, String> ids) {
        Map<String, List<Located<LockHold>>> byRelation = new LinkedHashMap<>();
        for (TransitionResult t : run.transitions()) {
            if (t.timeline() != null) {
                t.timeline().lockHolds().forEach(h -> byRelation.computeIfAbsent(h.relation(), k -> new ArrayList<>())
                        .add(new Located<>(h, t)));
            }
        }
        for (Map.Entry<String, List<Located<LockHold>>> e : byRelation.entrySet()) {
            c.label("locks held \u00B7 " + e.getKey(), null, HOLDS);
            e.getValue().stream().sorted(Comparator.comparing(l -> Palette.LockMode.of(l.item().mode()).ordinal()))
                    .forEach(l -> hold(c, l.item(), l.t(), ids));
            c.y += HOLDS;
        }
    }

    private static void hold(TimelineCanvas c, LockHold h, TransitionResult t, Map<LockHold, String> ids) {
        Palette.LockMode mode = Palette.LockMode.of(h.mode());
        double x = c.scale.x(h.startMs());
        double w = c.scale.w(h.startMs(), h.endMs());
        String id = c.newId("zd-h");
        ids.put(h, id);
        String sql = t.timeline().statements().stream()
                .filter(s -> s.line() == h.line() && s.file() != null && s.file().equals(h.file()))
                .map(StatementSpan::sql).findFirst().orElse(null);
        int d = c.details.entry("lock", h.mode() + " on " + h.relation())
                .field("transition", t.name())
                .field("held", Text.at(h.startMs()) + " to " + Text.at(h.endMs()) + " ("
                        + Text.duration(h.endMs() - h.startMs()) + ")")
                .field("mode", h.mode() + ": " + mode.blocks().text())
                .field("taken by", h.file() + ":" + h.line())
                .code(sql).add();
        c.fg.open("g", "id", id, "class", "zd-hold", "data-d", d, "tabindex", 0);
        c.fg.title(h.mode() + " on " + h.relation() + ", " + Text.duration(h.endMs() - h.startMs()));
        c.fg.empty("rect", "x", x, "y", c.y + 3, "width", w, "height", HOLDS - 6, "fill", mode.colour());
        if (mode.blocks().pattern() != null) {
            c.fg.empty("rect", "x", x, "y", c.y + 3, "width", w, "height", HOLDS - 6,
                    "fill", "url(#" + mode.blocks().pattern() + ")");
        }
        String label = TimelineCanvas.fit(mode.shortName(h.mode()), mode.abbreviation(), w);
        if (label != null) {
            c.fg.text(label, "x", x + 3, "y", c.y + HOLDS / 2 + 4, "class", "zd-mode");
        }
        c.fg.close("g");
    }

    private static void waits(TimelineCanvas c, RunResult run, Map<LockHold, String> holdIds) {
        Map<String, List<Located<LockWait>>> byRelation = new LinkedHashMap<>();
        for (TransitionResult t : run.transitions()) {
            if (t.timeline() == null) {
                continue;
            }
            t.timeline().lockWaits().stream().sorted(Comparator.comparingLong(LockWait::durationMs).reversed())
                    .limit(MAX_WAITS).sorted(Comparator.comparingLong(LockWait::startMs))
                    .forEach(w -> byRelation.computeIfAbsent(w.relation() == null ? "(other)" : w.relation(),
                            k -> new ArrayList<>()).add(new Located<>(w, t)));
        }
        for (Map.Entry<String, List<Located<LockWait>>> e : byRelation.entrySet()) {
            List<double[]> rowsEnd = new ArrayList<>();
            List<Integer> rows = new ArrayList<>();
            for (Located<LockWait> l : e.getValue()) {
                rows.add(row(rowsEnd, c.scale.x(l.item().startMs()), c.scale.x(l.item().startMs())
                        + c.scale.w(l.item().startMs(), l.item().endMs())));
            }
            double height = Math.max(1, rowsEnd.size()) * WAIT_ROW + 6;
            c.label("lock waits \u00B7 " + e.getKey(), "hatched: blocked by the migration", height);
            for (int i = 0; i < e.getValue().size(); i++) {
                Located<LockWait> l = e.getValue().get(i);
                wait(c, l.item(), l.t(), c.y + 3 + rows.get(i) * WAIT_ROW, holdIds);
            }
            c.y += height;
        }
    }

    private static int row(List<double[]> rowsEnd, double x0, double x1) {
        for (int r = 0; r < rowsEnd.size(); r++) {
            if (rowsEnd.get(r)[0] + 1 < x0) {
                rowsEnd.get(r)[0] = x1;
                return r;
            }
        }
        if (rowsEnd.size() < MAX_WAIT_ROWS) {
            rowsEnd.add(new double[] {x1});
            return rowsEnd.size() - 1;
        }
        return MAX_WAIT_ROWS - 1;
    }

    private static void wait(TimelineCanvas c, LockWait w, TransitionResult t, double y, Map<LockHold, String> holdIds) {
        double x = c.scale.x(w.startMs());
        double width = c.scale.w(w.startMs(), w.endMs());
        LockHold blocker = blockingHold(w, t);
        StatementSpan running = t.timeline().statements().stream()
                .filter(s -> s.startMs() <= w.startMs() && s.endMs() >= w.startMs()).findFirst().orElse(null);
        String blockers = w.blockers().stream().map(String::valueOf).collect(Collectors.joining(", "));
        Details.Entry e = c.details.entry("wait", w.who() + " (pid " + w.pid() + ") waited "
                        + Text.duration(w.durationMs()) + " for " + w.mode())
                .field("transition", t.name())
                .field("relation", w.relation())
                .field("waited", Text.at(w.startMs()) + " to " + Text.at(w.endMs()) + " ("
                        + Text.duration(w.durationMs()) + ")")
                .field("requested", w.mode())
                .field("blocked by pids", blockers)
                .field("blocker", w.causedByMigration()
                        ? "the migration" + (blocker == null ? "" : " holding " + blocker.mode() + " on "
                        + blocker.relation() + " (" + blocker.file() + ":" + blocker.line() + ")")
                        : "another session (not the migration)")
                .field("migration was running", running == null ? null : running.file() + ":" + running.line() + " "
                        + Text.shorten(Text.oneLine(running.sql()), 120));
        int d = e.code(w.query()).add();
        String link = blocker == null ? null : holdIds.get(blocker);
        c.fg.open("g", "class", w.causedByMigration() ? "zd-wait zd-wait-mig" : "zd-wait", "data-d", d,
                "data-l", link, "tabindex", 0);
        c.fg.title(w.who() + " waited " + Text.duration(w.durationMs()) + " for " + w.mode()
                + (w.causedByMigration() ? ", blocked by the migration" : ""));
        c.fg.empty("rect", "x", x, "y", y, "width", width, "height", WAIT_ROW - 3);
        if (w.causedByMigration()) {
            c.fg.empty("rect", "x", x, "y", y, "width", width, "height", WAIT_ROW - 3, "fill", "url(#zd-hatch)");
        }
        String label = TimelineCanvas.fit(w.who() + " \u2190 " + (w.causedByMigration() ? "migration" : blockers),
                w.who(), width);
        if (label != null) {
            c.fg.text(label, "x", x + 3, "y", y + WAIT_ROW - 5, "class", "zd-wait-label");
        }
        c.fg.close("g");
    }

    /** The migration's lock on the same relation that was held when the wait began. */
    private static LockHold blockingHold(LockWait w, TransitionResult t) {
        if (!w.causedByMigration()) {
            return null;
        }
        Set<LockHold> candidates = new LinkedHashSet<>();
        for (LockHold h : t.timeline().lockHolds()) {
            if (h.relation() != null && h.relation().equals(w.relation()) && h.startMs() <= w.startMs() + 1
                    && h.endMs() >= w.startMs()) {
                candidates.add(h);
            }
        }
        return candidates.stream().max(Comparator.comparing(h -> Palette.LockMode.of(h.mode()).ordinal()))
                .orElse(null);
    }
}
