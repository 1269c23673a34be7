package dev.zerodown.load.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A PostgreSQL script split at top-level semicolons, the way migrations are split: semicolons in
 * string literals, quoted identifiers, dollar quotes and comments do not end a statement; the last
 * statement may omit its semicolon.
 *
 * @param statements the statements in file order, each with the line comments above it
 * @param trailing   line comments after the last statement (none of them belongs to a statement)
 */
@API(status = API.Status.INTERNAL)
public record SqlScript(List<Statement> statements, List<Comment> trailing) {
    public SqlScript {
        statements = List.copyOf(statements);
        trailing = List.copyOf(trailing);
    }

    /**
     * One statement.
     *
     * @param sql      the text from its first token to its last, without the semicolon
     * @param line     1-based line of its first token
     * @param comments the {@code --} comments between the previous statement and this one
     */
    @API(status = API.Status.INTERNAL)
    public record Statement(String sql, int line, List<Comment> comments) {
        public Statement {
            comments = List.copyOf(comments);
        }

        /** The {@code --} comments inside the statement's text, with their lines in the file. */
        public List<Comment> innerComments() {
            byte[] kinds = SqlLexer.kinds(sql);
            List<Comment> inner = new ArrayList<>();
            int line = this.line;
            for (int i = 0; i < sql.length(); i++) {
                if (kinds[i] == SqlLexer.LINE_COMMENT && (i == 0 || kinds[i - 1] != SqlLexer.LINE_COMMENT)) {
                    int end = i;
                    while (end < sql.length() && kinds[end] == SqlLexer.LINE_COMMENT) {
                        end++;
                    }
                    inner.add(new Comment(line, sql.substring(i + 2, end).strip()));
                }
                if (sql.charAt(i) == '\n') {
                    line++;
                }
            }
            return inner;
        }
    }

    /**
     * A {@code --} line comment.
     *
     * @param line 1-based line
     * @param text the text after {@code --}, trimmed
     */
    @API(status = API.Status.INTERNAL)
    public record Comment(int line, String text) {
    }

    public static SqlScript parse(String text) {
        byte[] kinds = SqlLexer.kinds(text);
        int[] lineStarts = lineStarts(text);
        List<Statement> statements = new ArrayList<>();
        List<Comment> pending = new ArrayList<>();
        int chunkStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            boolean end = i == text.length() || (text.charAt(i) == ';' && kinds[i] == SqlLexer.CODE);
            if (!end) {
                continue;
            }
            int first = firstToken(text, kinds, chunkStart, i, lineStarts, pending);
            if (first >= 0) {
                statements.add(new Statement(text.substring(first, i).strip(), lineOf(lineStarts, first), pending));
                pending = new ArrayList<>();
            }
            chunkStart = i + 1;
        }
        return new SqlScript(statements, pending);
    }

    /** Collects the line comments before the first code token of [from, to) and returns its index, or -1. */
    private static int firstToken(String text, byte[] kinds, int from, int to, int[] lineStarts, List<Comment> comments) {
        int i = from;
        while (i < to) {
            if (kinds[i] == SqlLexer.CODE || kinds[i] == SqlLexer.QUOTED) {
                if (kinds[i] == SqlLexer.QUOTED || !Character.isWhitespace(text.charAt(i))) {
                    return i;
                }
                i++;
                continue;
            }
            int j = i;
            while (j < to && kinds[j] == kinds[i]) {
                j++;
            }
            if (kinds[i] == SqlLexer.LINE_COMMENT) {
                comments.add(new Comment(lineOf(lineStarts, i), text.substring(i + 2, j).strip()));
            }
            i = j;
        }
        return -1;
    }

    private static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    private static int lineOf(int[] lineStarts, int index) {
        int pos = Arrays.binarySearch(lineStarts, index);
        return (pos >= 0 ? pos : -pos - 2) + 1;
    }
}
