package dev.zerodown.migrations;

import java.util.ArrayList;
import java.util.List;
import dev.zerodown.config.ConfigurationException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.parser.ParsingContext;
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
        PostgreSQLParser parser = new PostgreSQLParser(CONFIGURATION, new ParsingContext());
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

    private static String oneLine(String message) {
        return message == null ? "no detail" : message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
