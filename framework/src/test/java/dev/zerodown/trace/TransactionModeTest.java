package dev.zerodown.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.migrations.SqlStatement;
import org.junit.jupiter.api.Test;

class TransactionModeTest {
    private static final SqlStatement ALTER = new SqlStatement("alter table t add column c int", 1, true, List.of());
    private static final SqlStatement CIC = new SqlStatement("create index concurrently i on t (c)", 2, false, List.of());

    @Test
    void should_run_transactional_statements_in_one_transaction() {
        assertThat(TransactionMode.of(step(true, ALTER, ALTER), false)).isEqualTo(TransactionMode.TRANSACTION);
    }

    @Test
    void should_run_a_script_of_only_non_transactional_statements_in_autocommit() {
        assertThat(TransactionMode.of(step(true, CIC, CIC), false)).isEqualTo(TransactionMode.AUTOCOMMIT);
    }

    @Test
    void should_run_in_autocommit_when_the_conf_says_so() {
        assertThat(TransactionMode.of(step(false, ALTER), false)).isEqualTo(TransactionMode.AUTOCOMMIT);
    }

    @Test
    void should_refuse_a_mixed_script_unless_mixed_is_allowed() {
        assertThat(TransactionMode.of(step(true, ALTER, CIC), false)).isEqualTo(TransactionMode.REFUSED);
        assertThat(TransactionMode.of(step(true, ALTER, CIC), true)).isEqualTo(TransactionMode.AUTOCOMMIT);
        assertThat(TransactionMode.firstNonTransactional(step(true, ALTER, CIC))).isEqualTo(CIC);
    }

    private static MigrationStep step(boolean inTransaction, SqlStatement... statements) {
        return new MigrationStep("2", "x", "V2__x.sql", "test", List.of(statements), inTransaction);
    }
}
