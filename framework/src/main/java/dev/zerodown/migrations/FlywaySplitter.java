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
 * The only class that touches Flyway: its PostgreSQL parser splits a script into statements
 * (dollar quotes, nested comments, {@code E''} strings, {@code BEGIN ATOMIC} bodies …). Flyway is
 * pinned and shaded into Zerodown's jar under {@code dev.zerodown.internal.shaded.flyway}, so a
 * user's own Flyway version never meets this one. Placeholders are replaced before this runs.
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

    private static String oneLine(String message) {
        return message == null ? "no detail" : Text.oneLine(message);
    }
}
