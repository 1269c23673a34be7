package dev.zerodown.sql;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A PostgreSQL script split into statements, the one way Zerodown splits SQL text: migrations,
 * workload files, invariants files and seed files alike. A statement ends at a {@code ;} outside
 * strings, quoted identifiers, dollar quotes, comments and the {@code BEGIN ATOMIC … END} body of a
 * SQL-standard function or procedure; the last statement may omit its {@code ;}. Empty statements
 * ({@code ;;}) are dropped. The inline data after {@code COPY … FROM STDIN;} (up to the line
 * {@code \.}) is skipped, as Flyway does.
 *
 * <p><b>Which comment belongs to which statement</b> (for every directive: {@code -- zerodown:allow},
 * {@code -- weight:}, {@code -- invariant:} …), see {@link Place}:
 * <ul>
 *   <li>a {@code --} comment on its own line(s) belongs to the statement <em>below</em> it
 *       ({@link Place#ABOVE});</li>
 *   <li>a {@code --} comment on the same line after a statement's {@code ;} belongs to the
 *       statement <em>before</em> it ({@link Place#AFTER});</li>
 *   <li>a {@code --} comment within a statement's text belongs to it ({@link Place#INSIDE});</li>
 *   <li>comments after the last statement belong to none ({@link #trailing()}).</li>
 * </ul>
 *
 * @param statements the statements in file order
 * @param trailing   the line comments below the last statement, which belong to none
 */
@API(status = API.Status.INTERNAL)
public record SqlScript(List<Statement> statements, List<Comment> trailing) {
    public SqlScript {
        statements = List.copyOf(statements);
        trailing = List.copyOf(trailing);
    }

    /** Splits {@code text}. */
    public static SqlScript parse(String text) {
        return new SqlSplitter(text).split();
    }

    /**
     * One statement.
     *
     * @param sql           the text from its first token (leading comments left out) to its last
     *                      token, without the {@code ;}
     * @param start         the offset of its first token in the script
     * @param end           the offset just after its last token
     * @param line          1-based line of its first token
     * @param copyFromStdin a {@code COPY … FROM STDIN}, whose inline data was skipped
     * @param comments      the {@code --} comments that belong to it, in file order
     */
    @API(status = API.Status.INTERNAL)
    public record Statement(String sql, int start, int end, int line, boolean copyFromStdin, List<Comment> comments) {
        public Statement {
            comments = List.copyOf(comments);
        }

        /** Its comments in one place, in file order. */
        public List<Comment> comments(Place place) {
            return comments.stream().filter(c -> c.place() == place).toList();
        }
    }

    /** Where a comment stands relative to the statement it belongs to. */
    @API(status = API.Status.INTERNAL)
    public enum Place {
        /** On its own line above the statement (after the previous statement's line). */
        ABOVE,
        /** Within the statement's text. */
        INSIDE,
        /** On the line of the statement's {@code ;}, after it. */
        AFTER
    }

    /**
     * A {@code --} line comment.
     *
     * @param line     1-based line
     * @param text     the text after {@code --}, trimmed
     * @param place    where it stands relative to its statement ({@link Place#ABOVE} for trailing comments)
     * @param adjacent for {@link Place#ABOVE}: only comment lines, no blank line, lie between it and
     *                 its statement; always true otherwise
     */
    @API(status = API.Status.INTERNAL)
    public record Comment(int line, String text, Place place, boolean adjacent) {
    }
}
