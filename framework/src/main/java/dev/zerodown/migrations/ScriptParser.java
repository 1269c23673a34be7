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
        List<FlywaySplitter.Piece> pieces = FlywaySplitter.split(text, displayPath);

        List<Acknowledgements.Span> spans = new ArrayList<>();
        List<String> sqls = new ArrayList<>();
        List<Integer> fileLines = new ArrayList<>();
        List<Boolean> transactional = new ArrayList<>();
        int cursor = 0;
        for (FlywaySplitter.Piece piece : pieces) {
            Acknowledgements.Span span = locate(text, lines, piece, cursor);
            if (span.start() >= span.end()) {
                continue;
            }
            cursor = span.end();
            String sql = text.substring(span.start(), span.end());
            int fileLine = replaced.fileLine(lines.lineOf(span.start()));
            if (piece.copyFromStdin()) {
                throw new ConfigurationException(displayPath + ":" + fileLine + ": COPY … FROM STDIN with inline data"
                        + " is not supported in a migration step; use INSERT … VALUES, or COPY from a file the server reads");
            }
            boolean tx = TransactionRules.transactional(sql, piece.transactional());
            if (tx != piece.transactional()) {
                LOG.debug("{}:{}: {} in a transaction block, although Flyway's parser says otherwise",
                        displayPath, fileLine, tx ? "allowed" : "not allowed");
            }
            spans.add(span);
            sqls.add(sql);
            fileLines.add(fileLine);
            transactional.add(tx);
        }
        List<List<Acknowledgement>> acks =
                new Acknowledgements(text, lines, replaced::fileLine, displayPath).attach(spans);
        List<SqlStatement> out = new ArrayList<>(sqls.size());
        for (int i = 0; i < sqls.size(); i++) {
            out.add(new SqlStatement(sqls.get(i), fileLines.get(i), transactional.get(i), acks.get(i)));
        }
        return out;
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
