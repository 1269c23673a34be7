package dev.zerodown.sql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import dev.zerodown.sql.SqlLexer.Kind;
import dev.zerodown.sql.SqlLexer.Token;
import dev.zerodown.sql.SqlScript.Comment;
import dev.zerodown.sql.SqlScript.Place;
import dev.zerodown.sql.SqlScript.Statement;

/**
 * Splits a script as Flyway's PostgreSQL parser does (the differential test holds the two
 * together): a {@code ;} ends a statement unless it lies in a {@code BEGIN ATOMIC … END} body, where
 * {@code CASE … END} nests (both counted outside parentheses only). Attaches each line comment to
 * its statement by the rule of {@link SqlScript}.
 */
final class SqlSplitter {
    private static final String ATOMIC = "ATOMIC";
    private static final String CASE = "CASE";

    private final String text;
    private final LineIndex lines;
    private final SqlLexer lexer;
    private final List<Statement> statements = new ArrayList<>();
    private final List<Token> above = new ArrayList<>();

    /** The statement being read; {@code first < 0} before its first token. */
    private int first = -1;
    private int lastEnd;
    private List<Comment> comments = new ArrayList<>();
    private final Deque<String> blocks = new ArrayDeque<>();
    private int parens;
    private Token previous;
    private boolean copy;
    private boolean from;

    /** The last statement ended with {@code ;} on this line: comments after it on the line are its own. */
    private int afterLine = -1;

    SqlSplitter(String text) {
        this.text = text;
        this.lines = new LineIndex(text);
        this.lexer = new SqlLexer(text);
    }

    SqlScript split() {
        for (Token t = lexer.next(); t != null; t = lexer.next()) {
            if (t.comment()) {
                comment(t);
            } else if (t.is(text, ";") && blocks.isEmpty()) {
                end(t.start());
            } else {
                code(t);
            }
        }
        end(-1);
        List<Comment> trailing = new ArrayList<>();
        for (Token t : above) {
            trailing.add(new Comment(lines.lineOf(t.start()), body(t), Place.ABOVE, false));
        }
        return new SqlScript(statements, trailing);
    }

    private void comment(Token t) {
        if (first >= 0) {
            lastEnd = t.end();
            if (t.kind() == Kind.LINE_COMMENT) {
                comments.add(new Comment(lines.lineOf(t.start()), body(t), Place.INSIDE, true));
            }
        } else if (t.kind() == Kind.LINE_COMMENT) {
            if (lines.lineOf(t.start()) == afterLine) {
                Statement s = statements.remove(statements.size() - 1);
                List<Comment> withAfter = new ArrayList<>(s.comments());
                withAfter.add(new Comment(afterLine, body(t), Place.AFTER, true));
                statements.add(new Statement(s.sql(), s.start(), s.end(), s.line(), s.copyFromStdin(), withAfter));
            } else {
                above.add(t);
            }
        }
    }

    private void code(Token t) {
        if (first < 0) {
            first = t.start();
            copy = t.is(text, "COPY");
            for (Token c : above) {
                int line = lines.lineOf(c.start());
                comments.add(new Comment(line, body(c), Place.ABOVE, adjacent(line, lines.lineOf(first))));
            }
            above.clear();
        }
        if (t.is(text, "(")) {
            parens++;
        } else if (t.is(text, ")")) {
            parens--;
        } else if (parens == 0 && t.kind() == Kind.WORD) {
            block(t);
        }
        if (copy && previous != null && previous.is(text, "FROM") && t.is(text, "STDIN")) {
            from = true;
        }
        previous = t;
        lastEnd = t.end();
    }

    /** Flyway's {@code adjustBlockDepth} for PostgreSQL. */
    private void block(Token word) {
        if (previous != null && previous.is(text, "BEGIN") && word.is(text, ATOMIC)) {
            blocks.push(ATOMIC);
        } else if (word.is(text, CASE) && ATOMIC.equals(blocks.peek())) {
            blocks.push(CASE);
        } else if (word.is(text, "END") && !blocks.isEmpty()) {
            blocks.pop();
        }
    }

    /** Ends the statement at the {@code ;} at {@code semicolon} (-1: at the end of the text). */
    private void end(int semicolon) {
        if (first >= 0) {
            boolean copyFromStdin = copy && from;
            statements.add(new Statement(text.substring(first, lastEnd), first, lastEnd, lines.lineOf(first),
                    copyFromStdin, comments));
            afterLine = semicolon < 0 ? -1 : lines.lineOf(semicolon);
            if (copyFromStdin && semicolon >= 0) {
                skipCopyData(semicolon);
                afterLine = -1;
            }
        }
        first = -1;
        comments = new ArrayList<>();
        blocks.clear();
        parens = 0;
        previous = null;
        copy = false;
        from = false;
    }

    /** Skips the rest of the {@code COPY}'s line and its data lines, up to and including the line {@code \.}. */
    private void skipCopyData(int semicolon) {
        int line = lines.lineOf(semicolon) + 1;
        int count = lines.lineOf(text.length());
        while (line <= count && !text.substring(lines.startOf(line), lines.endOf(line)).strip().equals("\\.")) {
            line++;
        }
        lexer.seek(line <= count ? lines.endOf(line) : text.length());
    }

    private boolean adjacent(int commentLine, int statementLine) {
        for (int l = commentLine + 1; l < statementLine; l++) {
            if (lines.blank(l)) {
                return false;
            }
        }
        return true;
    }

    private String body(Token lineComment) {
        return text.substring(lineComment.start() + 2, lineComment.end()).strip();
    }
}
