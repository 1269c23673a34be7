package dev.zerodown.judge;

import dev.zerodown.migrations.SqlStatement;
import dev.zerodown.result.Timeline;
import dev.zerodown.trace.LockModes;
import dev.zerodown.trace.StepTrace;

/**
 * The migration statement responsible for a wait: the one that first took a strong lock on the
 * relation waited for (or, for a row lock, ROW EXCLUSIVE), held at that moment; else the one
 * running when the wait began.
 */
record Culprit(String file, Integer line, SqlStatement statement, String mode) {

    static Culprit of(StepTrace trace, String relation, long atMs) {
        return of(trace, relation, atMs, false);
    }

    /** With {@code rowLock}, the wait was for a row the migration wrote: the statement that took ROW EXCLUSIVE is responsible. */
    static Culprit of(StepTrace trace, String relation, long atMs, boolean rowLock) {
        String file = trace.step().fileName();
        if (relation != null) {
            for (Timeline.LockHold h : trace.holds()) {
                boolean fits = rowLock ? "RowExclusiveLock".equals(h.mode()) : LockModes.strong(h.mode());
                if (h.relation().equals(relation) && fits && h.startMs() <= atMs && h.endMs() >= atMs) {
                    return new Culprit(file, h.line(), statement(trace, h.line()), h.mode());
                }
            }
        }
        Timeline.StatementSpan running = null;
        for (Timeline.StatementSpan s : trace.statements()) {
            if (s.startMs() <= atMs) {
                running = s;
            }
        }
        if (running == null && !trace.statements().isEmpty()) {
            running = trace.statements().get(0);
        }
        return running == null ? new Culprit(file, null, null, null)
                : new Culprit(file, running.line(), statement(trace, running.line()), null);
    }

    private static SqlStatement statement(StepTrace trace, int line) {
        return trace.step().statements().stream().filter(s -> s.line() == line).findFirst().orElse(null);
    }

    String where() {
        return line == null ? file : file + ":" + line;
    }

    String evidence() {
        return mode == null ? "" : "; migration held " + mode + " taken at " + where();
    }
}
