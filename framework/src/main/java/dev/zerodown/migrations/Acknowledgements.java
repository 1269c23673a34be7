package dev.zerodown.migrations;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntUnaryOperator;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.migrations.SqlStatement.Acknowledgement;
import dev.zerodown.sql.SqlScript;

/**
 * {@code -- zerodown:allow <hazard-id>[, <hazard-id>…]: <reason>} comments, attached to their
 * statement by the one rule of {@link SqlScript}: within the statement, on the line of its {@code ;}
 * after it, or on the comment lines directly above it (no blank line between them and the statement).
 */
final class Acknowledgements {
    static final String FORMAT = "-- zerodown:allow <hazard-id>: <reason>";
    private static final String PREFIX = "zerodown:";
    private static final String NO_STATEMENT = ": this zerodown:allow comment belongs to no statement;"
            + " put it on the statement's line or on the comment lines directly above it";

    private final IntUnaryOperator fileLine;
    private final String displayPath;

    /**
     * @param fileLine    maps a line of the script after placeholder replacement to the line in the file
     * @param displayPath the file as shown in messages
     */
    Acknowledgements(IntUnaryOperator fileLine, String displayPath) {
        this.fileLine = fileLine;
        this.displayPath = displayPath;
    }

    /** The acknowledgements of one statement, each hazard once, in file order. */
    List<Acknowledgement> of(SqlScript.Statement statement) {
        List<Acknowledgement> out = new ArrayList<>();
        for (SqlScript.Comment c : statement.comments()) {
            if (!directive(c)) {
                continue;
            }
            if (!c.adjacent()) {
                throw new ConfigurationException(where(c) + NO_STATEMENT);
            }
            for (Acknowledgement a : parse(c.text().substring(PREFIX.length()), where(c))) {
                if (out.stream().noneMatch(x -> x.hazard() == a.hazard())) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /** Rejects a directive below the last statement. */
    void noneTrailing(List<SqlScript.Comment> trailing) {
        for (SqlScript.Comment c : trailing) {
            if (directive(c)) {
                throw new ConfigurationException(where(c) + NO_STATEMENT);
            }
        }
    }

    private static boolean directive(SqlScript.Comment c) {
        return c.text().toLowerCase(Locale.ROOT).startsWith(PREFIX);
    }

    private String where(SqlScript.Comment c) {
        return displayPath + ":" + fileLine.applyAsInt(c.line());
    }

    /** Parses what follows {@code zerodown:} in a comment. */
    private static List<Acknowledgement> parse(String directive, String where) {
        String[] words = directive.split("\\s+", 2);
        if (!words[0].equalsIgnoreCase("allow")) {
            throw new ConfigurationException(where + ": unknown directive 'zerodown:" + words[0]
                    + "'; write " + FORMAT);
        }
        String rest = words.length > 1 ? words[1] : "";
        int colon = rest.indexOf(':');
        String reason = colon < 0 ? "" : rest.substring(colon + 1).strip();
        if (reason.isEmpty()) {
            throw new ConfigurationException(where + ": give a reason after the colon: " + FORMAT);
        }
        List<Acknowledgement> out = new ArrayList<>();
        for (String id : rest.substring(0, colon).split(",")) {
            if (id.isBlank()) {
                throw new ConfigurationException(where + ": name the hazard to allow: " + FORMAT
                        + "; accepted ids: " + HazardId.accepted());
            }
            out.add(new Acknowledgement(hazard(id.strip(), where), reason));
        }
        return out;
    }

    private static HazardId hazard(String id, String where) {
        for (HazardId h : HazardId.values()) {
            if (h.id().equalsIgnoreCase(id)) {
                return h;
            }
        }
        throw new ConfigurationException(where + ": unknown hazard id '" + id + "' in zerodown:allow; accepted ids: "
                + HazardId.accepted());
    }
}
