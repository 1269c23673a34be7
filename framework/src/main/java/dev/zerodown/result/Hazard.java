package dev.zerodown.result;

import dev.zerodown.hazards.HazardId;
import dev.zerodown.hazards.Severity;
import org.apiguardian.api.API;

/**
 * A measured finding.
 *
 * @param id           stable hazard id
 * @param severity     effective severity after configuration
 * @param relation     schema-qualified relation, or null
 * @param file         migration file name (or workload/invariant file), or null
 * @param line         line of the statement's first token, or null
 * @param statement    the statement text (may be shortened), or null
 * @param message      one sentence: what happened
 * @param evidence     what was measured: lock mode, durations, relfilenode before/after, waiting backends
 * @param recipe       the safe way to do it, one paragraph
 * @param acknowledged true when the statement carries {@code -- zerodown:allow <id>: <reason>}
 * @param reason       the acknowledgement's reason, or null
 * @param atMs         when it was measured, in milliseconds since the run started; -1 when unknown
 * @param predicted    the lock's duration predicted at production size, or null (no profile, not a
 *                     statement whose duration grows with a table, or prediction turned off)
 */
@API(status = API.Status.STABLE)
public record Hazard(HazardId id, Severity severity, String relation, String file, Integer line, String statement,
                     String message, String evidence, String recipe, boolean acknowledged, String reason, long atMs,
                     Prediction predicted) {

    /** Not for users: {@code judge.Hazards} builds hazards; this constructor grows with the record. */
    @API(status = API.Status.INTERNAL)
    public Hazard {
    }

    /** A hazard without a prediction. */
    @API(status = API.Status.INTERNAL)
    public Hazard(HazardId id, Severity severity, String relation, String file, Integer line, String statement,
                  String message, String evidence, String recipe, boolean acknowledged, String reason, long atMs) {
        this(id, severity, relation, file, line, statement, message, evidence, recipe, acknowledged, reason, atMs, null);
    }

    /** True when this hazard makes its transition unsafe. */
    public boolean blocking() {
        return severity == Severity.ERROR && !acknowledged;
    }

    /** {@code file:line}, or the file, or an empty string. */
    public String where() {
        if (file == null) {
            return "";
        }
        return line == null ? file : file + ":" + line;
    }

    public Hazard withSeverity(Severity s) {
        return new Hazard(id, s, relation, file, line, statement, message, evidence, recipe, acknowledged, reason, atMs, predicted);
    }

    /**
     * This hazard judged again on a prediction (or at the seeded size when {@code p} is null): its
     * severity, its message and evidence extended, the prediction attached.
     */
    @API(status = API.Status.INTERNAL)
    public Hazard withPrediction(Severity s, String moreMessage, String moreEvidence, Prediction p) {
        return new Hazard(id, s, relation, file, line, statement, message + moreMessage, evidence + moreEvidence, recipe,
                acknowledged, reason, atMs, p);
    }

    @API(status = API.Status.INTERNAL)
    public Hazard acknowledge(String why) {
        return new Hazard(id, severity, relation, file, line, statement, message, evidence, recipe, true, why, atMs, predicted);
    }
}
