package dev.zerodown.migrations;

import java.util.ArrayList;
import java.util.List;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.migrations.SqlStatement.Acknowledgement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One script's text to its statements: placeholders replaced (line numbers kept), split by
 * Flyway's PostgreSQL parser, each statement starting at its first token with the line of that
 * token, its transactional flag double-checked, and its acknowledgement comments attached.
 */
final class ScriptParser {
    private static final Logger LOG = LoggerFactory.getLogger(ScriptParser.class);

    private ScriptParser() {
    }

    /**
     * @param script       the file's text (byte order mark already removed)
     * @param config       the script's {@code .sql.conf}
     * @param placeholders the placeholder values
     * @param fileName     the file name, for {@code ${flyway:filename}}
     * @param displayPath  the file as shown in messages
     */
    static List<SqlStatement> parse(String script, ScriptConfig config, Placeholders placeholders,
                                    String fileName, String displayPath) {
        Placeholders.Replaced replaced = config.placeholderReplacement()
                ? placeholders.forScript(fileName).replace(script, displayPath)
                : Placeholders.Replaced.unchanged(script);
        String text = replaced.text();
        LineIndex lines = new LineIndex(text);
        List<Located> located = new ArrayList<>();
        int cursor = 0;
        for (FlywaySplitter.Piece piece : FlywaySplitter.split(text, displayPath)) {
            Acknowledgements.Span span = locate(text, lines, piece, cursor);
            if (span.start() < span.end()) {
                cursor = span.end();
                located.add(check(piece, span, text.substring(span.start(), span.end()),
                        replaced.fileLine(lines.lineOf(span.start())), config, displayPath));
            }
        }
        List<List<Acknowledgement>> acks = new Acknowledgements(text, lines, replaced::fileLine, displayPath)
                .attach(located.stream().map(Located::span).toList());
        List<SqlStatement> out = new ArrayList<>(located.size());
        for (int i = 0; i < located.size(); i++) {
            Located l = located.get(i);
            out.add(new SqlStatement(l.sql(), l.fileLine(), l.transactional(), acks.get(i)));
        }
        return out;
    }

    /** A statement found in the script, before its acknowledgements are attached. */
    private record Located(Acknowledgements.Span span, String sql, int fileLine, boolean transactional) {
    }

    /** Rejects what cannot run as a step and settles whether the statement can run in a transaction. */
    private static Located check(FlywaySplitter.Piece piece, Acknowledgements.Span span, String sql, int fileLine,
                                 ScriptConfig config, String displayPath) {
        if (piece.copyFromStdin()) {
            throw new ConfigurationException(displayPath + ":" + fileLine + ": COPY … FROM STDIN with inline data"
                    + " is not supported in a migration step; use INSERT … VALUES, or COPY from a file the server reads");
        }
        boolean tx = TransactionRules.transactional(sql, piece.transactional());
        if (!tx && piece.transactional() && !Boolean.FALSE.equals(config.executeInTransaction())) {
            LOG.warn("{}:{}: Flyway runs this statement inside a transaction, where PostgreSQL refuses it;"
                    + " add {}.conf with executeInTransaction=false so that Flyway runs it as Zerodown does",
                    displayPath, fileLine, displayPath);
        }
        return new Located(span, sql, fileLine, tx);
    }

    /**
     * Finds Flyway's text in the script, at or after {@code cursor}, and returns it from its first
     * token on. Falls back on Flyway's line when the text cannot be found verbatim.
     */
    private static Acknowledgements.Span locate(String text, LineIndex lines, FlywaySplitter.Piece piece, int cursor) {
        int at = text.indexOf(piece.sql(), cursor);
        if (at < 0) {
            int lineStart = lines.startOf(piece.line());
            int first = SqlLexer.firstToken(text, lineStart);
            return new Acknowledgements.Span(first, Math.min(text.length(), first + piece.sql().length()));
        }
        int end = at + piece.sql().length();
        int first = at + SqlLexer.firstToken(piece.sql(), 0);
        return new Acknowledgements.Span(Math.min(first, end), end);
    }
}
