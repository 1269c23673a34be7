package dev.zerodown.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureMessageTest {
    @Test
    void should_list_each_blocking_hazard_with_where_evidence_and_recipe() {
        String text = FailureMessage.of(ReportFixtures.docsExample());

        assertThat(text).isEqualTo("""
                Zerodown: RenameUserNameTest is unsafe on PostgreSQL 17.11 (embedded): 1 error-level hazard in 1 of \
                1 transitions.

                V2__rename_user_name under [v1]
                  - failed-requests at V2__rename_user_name.sql:1 on public.users
                    alter table users rename column user_name to full_name
                    measured: 42703 column "user_name" does not exist (3x): select user_name from users where id = $1
                    safe recipe: Expand/contract: add the new column, dual-write from the new version, backfill, \
                switch reads, and rename or drop only once no live version uses the old name.""");
    }

    @Test
    void should_name_every_error_level_hazard_of_every_transition() {
        String text = FailureMessage.of(ReportFixtures.unsafe());

        assertThat(text).contains("7 error-level hazards in 3 of 4 transitions")
                .contains("non-concurrent-index at V2__index_users_email.sql:2 on public.users")
                .contains("blocked-requests at V2__index_users_email.sql:2")
                .contains("missing-lock-timeout at V2__index_users_email.sql:2")
                .contains("backward-incompatible at V3__rename_user_name.sql:1")
                .contains("invariant-violated at invariants.sql:4")
                .contains("safe recipe: CREATE INDEX CONCURRENTLY users_email_idx ON users (email)");
    }

    @Test
    void should_leave_out_warnings_and_acknowledged_hazards() {
        String text = FailureMessage.of(ReportFixtures.unsafe());

        assertThat(text).doesNotContain("strong-lock").doesNotContain("destructive")
                .doesNotContain("V4__drop_legacy_flags");
    }

    @Test
    void should_say_safe_when_nothing_blocks() {
        assertThat(FailureMessage.of(ReportFixtures.safe()))
                .isEqualTo("Zerodown: AddNicknameTest is safe on PostgreSQL 17.11 (embedded): no error-level hazard "
                        + "in 3 transitions.");
    }
}
