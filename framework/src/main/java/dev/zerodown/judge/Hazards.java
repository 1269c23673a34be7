package dev.zerodown.judge;

import java.util.List;
import dev.zerodown.config.Text;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.hazards.Recipes;
import dev.zerodown.hazards.Severities;
import dev.zerodown.hazards.Severity;
import dev.zerodown.migrations.SqlStatement;
import dev.zerodown.result.Hazard;
import org.apiguardian.api.API;

/**
 * The one way a rule makes a hazard: default severity, recipe, statement text (shortened) and the
 * statement's {@code -- zerodown:allow} acknowledgement, all filled here; and the one place
 * configured severities are applied.
 */
@API(status = API.Status.INTERNAL)
public final class Hazards {
    private Hazards() {
    }

    /**
     * A hazard of a migration statement.
     *
     * @param file      the migration file, or null
     * @param line      the statement's line, or null
     * @param statement the statement (its text is shown, its acknowledgement applied), or null
     */
    static Hazard of(HazardId id, String relation, String file, Integer line, SqlStatement statement, String message,
                     String evidence, long atMs) {
        Hazard h = build(id, id.defaultSeverity(), relation, file, line, statement == null ? null : Text.statement(statement.sql()),
                message, evidence, false, null, atMs);
        return acknowledged(h, statement);
    }

    /** A hazard of a migration statement at a severity the rule measured, with a recipe for the case. */
    static Hazard of(HazardId id, Severity severity, String recipe, String relation, String file, Integer line,
                     SqlStatement statement, String message, String evidence, long atMs) {
        Hazard h = new Hazard(id, severity, relation, file, line, statement == null ? null : Text.statement(statement.sql()),
                message, evidence, recipe, false, null, atMs);
        return acknowledged(h, statement);
    }

    /** A hazard of a whole transition (failed requests, an invariant): no file, line or statement. */
    static Hazard ofTransition(HazardId id, String message, String evidence, long atMs) {
        return build(id, id.defaultSeverity(), null, null, null, null, message, evidence, false, null, atMs);
    }

    /** {@code h} with the text of {@code statement} when it had none, and the statement's acknowledgement. */
    static Hazard withStatement(Hazard h, SqlStatement statement) {
        Hazard filled = h.statement() != null ? h : new Hazard(h.id(), h.severity(), h.relation(), h.file(), h.line(),
                Text.statement(statement.sql()), h.message(), h.evidence(), h.recipe(), h.acknowledged(), h.reason(), h.atMs(),
                h.predicted());
        return filled.acknowledged() ? filled : acknowledged(filled, statement);
    }

    /** {@code h} raised to {@code severity} by a rule that measured more, with what it measured. */
    static Hazard raised(Hazard h, Severity severity, String moreEvidence) {
        return new Hazard(h.id(), severity, h.relation(), h.file(), h.line(), h.statement(), h.message(),
                h.evidence() + moreEvidence, h.recipe(), h.acknowledged(), h.reason(), h.atMs(), h.predicted());
    }

    /** Marks {@code h} acknowledged when {@code statement} carries {@code -- zerodown:allow <id>: <reason>}. */
    static Hazard acknowledged(Hazard h, SqlStatement statement) {
        if (statement == null) {
            return h;
        }
        for (SqlStatement.Acknowledgement a : statement.acknowledgements()) {
            if (a.hazard() == h.id()) {
                return h.acknowledge(a.reason());
            }
        }
        return h;
    }

    /**
     * The hazards at their effective severity (see {@link Severities#effective}): the configured
     * level when the user set one, else the one measured. Hazards turned off stay, marked off.
     */
    public static List<Hazard> withSeverities(List<Hazard> hazards, Severities severities) {
        return hazards.stream().map(h -> {
            Severity level = severities.effective(h.id(), h.severity());
            return level == h.severity() ? h : h.withSeverity(level);
        }).toList();
    }

    private static Hazard build(HazardId id, Severity severity, String relation, String file, Integer line, String statement,
                                String message, String evidence, boolean acknowledged, String reason, long atMs) {
        return new Hazard(id, severity, relation, file, line, statement, message, evidence, Recipes.of(id), acknowledged,
                reason, atMs);
    }
}
