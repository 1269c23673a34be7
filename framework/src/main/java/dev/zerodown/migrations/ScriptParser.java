package dev.zerodown.migrations;

import java.util.ArrayList;
import java.util.List;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.sql.SqlScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One script's text to its statements: placeholders replaced (line numbers kept), split by
 * {@link SqlScript} (as Flyway's PostgreSQL parser splits it), each statement starting at its first
 * token with the line of that token, its transactional flag settled, and its acknowledgement
 * comments attached.
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
        SqlScript split = SqlScript.parse(replaced.text());
        Acknowledgements acks = new Acknowledgements(replaced::fileLine, displayPath);
        List<SqlStatement> out = new ArrayList<>(split.statements().size());
        for (SqlScript.Statement s : split.statements()) {
            int fileLine = replaced.fileLine(s.line());
            out.add(new SqlStatement(s.sql(), fileLine, transactional(s, fileLine, config, displayPath), acks.of(s)));
        }
        acks.noneTrailing(split.trailing());
        return out;
    }

    /** Rejects what cannot run as a step and settles whether the statement can run in a transaction. */
    private static boolean transactional(SqlScript.Statement s, int fileLine, ScriptConfig config, String displayPath) {
        if (s.copyFromStdin()) {
            throw new ConfigurationException(displayPath + ":" + fileLine + ": COPY … FROM STDIN with inline data"
                    + " is not supported in a migration step; use INSERT … VALUES, or COPY from a file the server reads");
        }
        boolean tx = TransactionRules.transactional(s.sql());
        if (!tx && TransactionRules.flywayTransactional(s.sql()) && !Boolean.FALSE.equals(config.executeInTransaction())) {
            LOG.warn("{}:{}: Flyway runs this statement inside a transaction, where PostgreSQL refuses it;"
                    + " add {}.conf with executeInTransaction=false so that Flyway runs it as Zerodown does",
                    displayPath, fileLine, displayPath);
        }
        return tx;
    }
}
