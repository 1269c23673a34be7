package dev.zerodown.migrations;

import java.util.List;
import dev.zerodown.config.Text;
import dev.zerodown.hazards.HazardId;
import org.apiguardian.api.API;

/**
 * One statement of a migration script, as split from the file.
 *
 * @param sql              the statement text from its first token (leading comments left out),
 *                         placeholders replaced, without the trailing {@code ;}
 * @param line             1-based line of the statement's first token in the file
 * @param transactional    false for statements PostgreSQL refuses inside a transaction block
 *                         ({@code CREATE INDEX CONCURRENTLY}, {@code VACUUM}, …)
 * @param acknowledgements hazards acknowledged by a {@code -- zerodown:allow <id>: <reason>} comment
 *                         on or directly above the statement
 */
@API(status = API.Status.EXPERIMENTAL)
public record SqlStatement(String sql, int line, boolean transactional, List<Acknowledgement> acknowledgements) {
    private static final int SUMMARY_LENGTH = 80;

    public SqlStatement {
        acknowledgements = List.copyOf(acknowledgements);
    }

    /** The statement on one line, white space collapsed, cut to 80 characters with {@code …}: for messages. */
    public String summary() {
        return Text.oneLine(sql, SUMMARY_LENGTH);
    }

    /** Whether a {@code zerodown:allow} comment acknowledges this hazard on this statement. */
    public boolean acknowledges(HazardId hazard) {
        return acknowledgements.stream().anyMatch(a -> a.hazard() == hazard);
    }

    /** A hazard the author accepted on purpose, with the reason they gave. */
    public record Acknowledgement(HazardId hazard, String reason) {
    }
}
