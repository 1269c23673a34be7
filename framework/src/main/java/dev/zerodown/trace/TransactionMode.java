package dev.zerodown.trace;

import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.migrations.SqlStatement;
import org.apiguardian.api.API;

/** Flyway's transaction rules for one step (DESIGN "Steps and transactions"), as {@link MigrationStep} states them. */
@API(status = API.Status.INTERNAL)
public enum TransactionMode {
    /** One transaction for the whole step. */
    TRANSACTION,
    /** Each statement on its own: {@code executeInTransaction=false}, only non-transactional statements, or mixed allowed. */
    AUTOCOMMIT,
    /** Transactional and non-transactional statements mixed while {@code mixed} is off: nothing runs. */
    REFUSED;

    public static TransactionMode of(MigrationStep step, boolean mixedAllowed) {
        if (step.mixedOffender().isPresent() && !mixedAllowed) {
            return REFUSED;
        }
        return step.runsInTransaction() ? TRANSACTION : AUTOCOMMIT;
    }

    /** The statement at which Flyway refuses a mixed step. */
    public static SqlStatement offender(MigrationStep step) {
        return step.mixedOffender().orElseThrow();
    }

    /** The first statement that cannot run in a transaction. */
    public static SqlStatement firstNonTransactional(MigrationStep step) {
        return step.statements().stream().filter(s -> !s.transactional()).findFirst().orElseThrow();
    }

    /** Why a mixed step is refused, naming the statement that cannot run in a transaction. */
    public static String refusal(MigrationStep step) {
        SqlStatement n = firstNonTransactional(step);
        return "mixes a statement that cannot run inside a transaction (line " + n.line() + ": " + n.summary()
                + ") with statements that run in one, and Flyway refuses such a script: move the non-transactional "
                + "statement into a migration of its own, or set mixed=true to run every statement of the script in autocommit";
    }
}
