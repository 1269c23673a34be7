package dev.zerodown.migrations;

import java.util.List;
import dev.zerodown.hazards.HazardId;
import org.apiguardian.api.API;

/**
 * One statement of a migration script, as split from the file.
 *
 * @param sql              the statement text, placeholders replaced, without the trailing {@code ;}
 * @param line             1-based line of the statement's first token in the file
 * @param transactional    false for statements PostgreSQL refuses inside a transaction block
 *                         ({@code CREATE INDEX CONCURRENTLY}, {@code VACUUM}, …)
 * @param acknowledgements hazards acknowledged by a {@code -- zerodown:allow <id>: <reason>} comment
 *                         on or directly above the statement
 */
@API(status = API.Status.STABLE)
public record SqlStatement(String sql, int line, boolean transactional, List<Acknowledgement> acknowledgements) {
    public SqlStatement {
        acknowledgements = List.copyOf(acknowledgements);
    }

    /** A hazard the author accepted on purpose, with the reason they gave. */
    public record Acknowledgement(HazardId hazard, String reason) {
    }
}
