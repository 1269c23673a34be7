package dev.zerodown.trace;

import java.util.List;
import dev.zerodown.migrations.SqlStatement;
import dev.zerodown.sql.Keywords;

/**
 * A script's own transaction control ({@code BEGIN … COMMIT}). Under {@code executeInTransaction=false}
 * Flyway sends a script's statements one by one in autocommit on one connection, so a {@code BEGIN}
 * opens a transaction on the server that lasts until the script's {@code COMMIT}, and {@code SET LOCAL}
 * holds inside it. The tracer keeps that: it sends these statements as written and measures the
 * statements between them as one transaction block.
 */
enum TransactionControl {
    /** Any other statement. */
    NONE,
    /** {@code BEGIN [WORK | TRANSACTION] …} or {@code START TRANSACTION …}. */
    BEGIN,
    /** {@code COMMIT [WORK | TRANSACTION] [AND NO CHAIN]} or {@code END}. */
    COMMIT,
    /** {@code ROLLBACK [WORK | TRANSACTION]} or {@code ABORT}, not {@code ROLLBACK TO SAVEPOINT}. */
    ROLLBACK;

    static TransactionControl of(SqlStatement statement) {
        List<String> words = Keywords.head(statement.sql(), 6);
        if (words.isEmpty()) {
            return NONE;
        }
        String first = words.get(0);
        String second = words.size() > 1 ? words.get(1) : "";
        return switch (first) {
            case "BEGIN" -> second.equals("ATOMIC") ? NONE : BEGIN;
            case "START" -> second.equals("TRANSACTION") ? BEGIN : NONE;
            case "COMMIT", "END" -> second.equals("PREPARED") || words.contains("CHAIN") && !words.contains("NO")
                    ? NONE : COMMIT;
            case "ROLLBACK", "ABORT" -> second.equals("PREPARED") || words.contains("TO") || words.contains("CHAIN")
                    && !words.contains("NO") ? NONE : ROLLBACK;
            default -> NONE;
        };
    }
}
