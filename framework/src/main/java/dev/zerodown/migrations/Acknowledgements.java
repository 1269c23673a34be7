package dev.zerodown.migrations;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntUnaryOperator;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.migrations.SqlStatement.Acknowledgement;

/**
 * {@code -- zerodown:allow <hazard-id>[, <hazard-id>…]: <reason>} comments, attached to the
 * statement they sit in, end the line of, or stand directly above (comment lines with no blank
 * line between them and the statement).
 */
final class Acknowledgements {
    static final String FORMAT = "-- zerodown:allow <hazard-id>: <reason>";
    private static final String PREFIX = "zerodown:";

    /** Where a statement lies in the script: from its first token to its last character. */
    record Span(int start, int end) {
    }

    private final String text;
    private final LineIndex lines;
    private final IntUnaryOperator fileLine;
    private final String displayPath;

    /**
     * @param text        the script after placeholder replacement
     * @param fileLine    maps a line of {@code text} to the line in the file
     * @param displayPath the file as shown in messages
     */
    Acknowledgements(String text, LineIndex lines, IntUnaryOperator fileLine, String displayPath) {
        this.text = text;
        this.lines = lines;
        this.fileLine = fileLine;
        this.displayPath = displayPath;
    }

    /** For each span (in file order), the acknowledgements that belong to it. */
    List<List<Acknowledgement>> attach(List<Span> spans) {
        List<List<Acknowledgement>> out = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            out.add(new ArrayList<>());
        }
        for (SqlLexer.Token t : SqlLexer.tokens(text)) {
            if (t.kind() != SqlLexer.Kind.LINE_COMMENT) {
                continue;
            }
            String body = text.substring(t.start() + 2, t.end()).strip();
            if (!body.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
                continue;
            }
            String where = displayPath + ":" + fileLine.applyAsInt(lines.lineOf(t.start()));
            int owner = owner(spans, t.start());
            if (owner < 0) {
                throw new ConfigurationException(where + ": this zerodown:allow comment belongs to no statement;"
                        + " put it on the statement's line or on the comment lines directly above it");
            }
            for (Acknowledgement a : parse(body.substring(PREFIX.length()), where)) {
                if (out.get(owner).stream().noneMatch(x -> x.hazard() == a.hazard())) {
                    out.get(owner).add(a);
                }
            }
        }
        return out;
    }

    /** The span a comment at {@code offset} belongs to; -1 if none. */
    private int owner(List<Span> spans, int offset) {
        int line = lines.lineOf(offset);
        for (int i = spans.size() - 1; i >= 0; i--) {
            Span s = spans.get(i);
            if (offset >= s.start() && offset < s.end()) {
                return i;
            }
            if (offset >= s.end() && lines.lineOf(s.end() - 1) == line) {
                return i;
            }
        }
        for (int i = 0; i < spans.size(); i++) {
            Span s = spans.get(i);
            if (s.start() > offset) {
                return lines.firstOnLine(offset) && onlyCommentLinesBetween(line, lines.lineOf(s.start())) ? i : -1;
            }
        }
        return -1;
    }

    private boolean onlyCommentLinesBetween(int commentLine, int statementLine) {
        for (int l = commentLine + 1; l < statementLine; l++) {
            if (lines.blank(l)) {
                return false;
            }
        }
        return true;
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
