package dev.zerodown.migrations;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.Text;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.parser.Token;
import org.flywaydb.core.internal.resource.StringResource;
import org.flywaydb.core.internal.sqlscript.SqlStatementIterator;
import org.flywaydb.database.postgresql.PostgreSQLCopyParsedStatement;
import org.flywaydb.database.postgresql.PostgreSQLParser;

/**
 * The oracle of {@link FlywayParityTest}: Flyway's own PostgreSQL parser (the pinned version, a
 * test dependency only), splitting a script as Flyway does when it runs a migration, and each
 * statement located in the script from its first token as Zerodown's splitter locates it.
 */
final class FlywaySplitter {
    /** Flyway's configuration with placeholder replacement off; read-only once built. */
    private static final Configuration CONFIGURATION = Flyway.configure().placeholderReplacement(false);

    private FlywaySplitter() {
    }

    /**
     * One statement as Flyway split it.
     *
     * @param sql           the text Flyway returns: leading comments kept, trailing {@code ;} and blanks removed
     * @param line          Flyway's 1-based line of the statement
     * @param transactional Flyway's {@code canExecuteInTransaction()}
     * @param copyFromStdin a {@code COPY … FROM STDIN} with inline data
     */
    record Piece(String sql, int line, boolean transactional, boolean copyFromStdin) {
    }

    /**
     * @param script      the script, placeholders already replaced
     * @param displayPath the file as shown in messages
     */
    static List<Piece> split(String script, String displayPath) {
        PostgreSQLParser parser = new ConnectionlessParser();
        List<Piece> pieces = new ArrayList<>();
        try (SqlStatementIterator it = parser.parse(new StringResource(script))) {
            while (it.hasNext()) {
                org.flywaydb.core.internal.sqlscript.SqlStatement s = it.next();
                pieces.add(new Piece(s.getSql(), s.getLineNumber(), s.canExecuteInTransaction(),
                        s instanceof PostgreSQLCopyParsedStatement));
            }
        } catch (FlywayException e) {
            throw new ConfigurationException(displayPath + ": cannot split into statements: "
                    + oneLine(e.getMessage()), e);
        }
        return pieces;
    }

    /**
     * Flyway's parser asks the connected database's version for every statement (for
     * {@code ALTER TYPE … ADD VALUE}, non-transactional before PostgreSQL 12); without a connection
     * that throws and catches an exception per statement, which made splitting ten times slower.
     * This answers as Flyway does against PostgreSQL 12 or later, with Flyway's own patterns.
     */
    static final class ConnectionlessParser extends PostgreSQLParser {
        /** Flyway 13.12's {@code PostgreSQLParser} patterns, matched against its simplified statement. */
        static final List<Pattern> NON_TRANSACTIONAL = List.of(
                Pattern.compile("^(CREATE|DROP) (DATABASE|TABLESPACE|SUBSCRIPTION)"),
                Pattern.compile("^ALTER SYSTEM"),
                Pattern.compile("^(CREATE|DROP)( UNIQUE)? INDEX CONCURRENTLY"),
                Pattern.compile("^REINDEX( VERBOSE)? (SCHEMA|DATABASE|SYSTEM)"),
                Pattern.compile("^VACUUM"),
                Pattern.compile("^DISCARD ALL"));

        ConnectionlessParser() {
            super(CONFIGURATION, new ParsingContext());
        }

        @Override
        protected Boolean detectCanExecuteInTransaction(String simplifiedStatement, List<Token> keywords) {
            for (Pattern p : NON_TRANSACTIONAL) {
                if (p.matcher(simplifiedStatement).matches()) {
                    return false;
                }
            }
            return null;
        }
    }

    /** A Flyway statement in the script: from its first token to its end, with Flyway's flags. */
    record Located(String sql, int line, boolean transactional, boolean copyFromStdin) {
    }

    /** Flyway's statements, each from its first token (as Zerodown's splitter gives it); lines from the script. */
    static List<Located> located(String script) {
        dev.zerodown.sql.LineIndex lines = new dev.zerodown.sql.LineIndex(script);
        List<Located> out = new ArrayList<>();
        int cursor = 0;
        for (Piece piece : split(script, "script")) {
            int at = script.indexOf(piece.sql(), cursor);
            int start;
            int end;
            if (at < 0) {
                start = dev.zerodown.sql.SqlLexer.firstToken(script, lines.startOf(piece.line()));
                end = Math.min(script.length(), start + piece.sql().length());
            } else {
                end = at + piece.sql().length();
                start = Math.min(at + dev.zerodown.sql.SqlLexer.firstToken(piece.sql(), 0), end);
            }
            if (start < end) {
                cursor = end;
                out.add(new Located(script.substring(start, end), lines.lineOf(start), piece.transactional(),
                        piece.copyFromStdin()));
            }
        }
        return out;
    }

    private static String oneLine(String message) {
        return message == null ? "no detail" : Text.oneLine(message);
    }
}
