package dev.zerodown.trace;

import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.migrations.SqlStatement;

/** Flyway's transaction rules for one step (DESIGN "Steps and transactions"). */
enum TransactionMode {
    /** One transaction for the whole step. */
    TRANSACTION,
    /** Each statement on its own: {@code executeInTransaction=false}, only non-transactional statements, or mixed allowed. */
    AUTOCOMMIT,
    /** Transactional and non-transactional statements mixed while {@code mixed} is off: nothing runs. */
    REFUSED;

    static TransactionMode of(MigrationStep step, boolean mixedAllowed) {
        if (!step.executeInTransaction()) {
            return AUTOCOMMIT;
        }
        boolean transactional = step.statements().stream().anyMatch(SqlStatement::transactional);
        boolean nonTransactional = step.statements().stream().anyMatch(s -> !s.transactional());
        if (!nonTransactional) {
            return TRANSACTION;
        }
        if (!transactional) {
            return AUTOCOMMIT;
        }
        return mixedAllowed ? AUTOCOMMIT : REFUSED;
    }

    /** The first statement that cannot run in a transaction, for the refusal message. */
    static SqlStatement firstNonTransactional(MigrationStep step) {
        return step.statements().stream().filter(s -> !s.transactional()).findFirst().orElseThrow();
    }
}
