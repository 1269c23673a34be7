package dev.zerodown.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.hazards.Recipes;
import dev.zerodown.hazards.Severity;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.migrations.SqlStatement;
import dev.zerodown.result.FailureGroup;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.Timeline;
import dev.zerodown.trace.CatalogDiff;
import dev.zerodown.trace.StepTrace;
import org.junit.jupiter.api.Test;

class HazardRulesTest {
    private static final Duration MAX_WAIT = Duration.ofMillis(100);
    private static final MigrationStep STEP = new MigrationStep("3", "add column", "V3__add.sql", "test", List.of(
            new SqlStatement("alter table users add column nickname text", 1, true,
                    List.of(new SqlStatement.Acknowledgement(HazardId.BLOCKED_REQUESTS, "users is idle at night"))),
            new SqlStatement("update users set nickname = name", 3, true, List.of())), true);
    private static final int MIGRATION_PID = 4242;

    /** The migration ran from 1,000 to 2,000 ms; statement 1 took AccessExclusiveLock at 1,000, held until commit. */
    private static StepTrace trace() {
        return new StepTrace(STEP, MIGRATION_PID, 1000, 2000, false,
                List.of(new Timeline.StatementSpan("V3__add.sql", 1, "alter table users add column nickname text", 1000, 1010, null),
                        new Timeline.StatementSpan("V3__add.sql", 3, "update users set nickname = name", 1020, 1990, null)),
                List.of(new Timeline.LockHold("public.users", "AccessExclusiveLock", 1000, 2000, "V3__add.sql", 1),
                        new Timeline.LockHold("public.users", "RowExclusiveLock", 1020, 2000, "V3__add.sql", 3),
                        new Timeline.LockHold("public.users_pkey", "RowExclusiveLock", 1020, 2000, "V3__add.sql", 3)),
                CatalogDiff.empty(), null);
    }

    private static Timeline.LockWait appWait(String who, String relation, long start, long end, boolean byMigration) {
        return new Timeline.LockWait(7, who, relation, "AccessShareLock", List.of(MIGRATION_PID), byMigration, start, end,
                "select * from users where id = 1");
    }

    @Test
    void should_report_requests_that_waited_on_the_migration_longer_than_max_lock_wait() {
        List<Hazard> hazards = HazardRules.blockedRequests(List.of(
                appWait("v1", "public.users", 1100, 1400, true),
                appWait("v2", "public.users", 1200, 1250, true),
                appWait("v2", "public.users", 1300, 1900, true)), MAX_WAIT, trace());

        assertThat(hazards).hasSize(1);
        Hazard h = hazards.get(0);
        assertThat(h.id()).isEqualTo(HazardId.BLOCKED_REQUESTS);
        assertThat(h.relation()).isEqualTo("public.users");
        assertThat(h.where()).isEqualTo("V3__add.sql:1");
        assertThat(h.message()).isEqualTo("2 requests of v1, v2 waited longer than 100 ms (up to 600 ms) on public.users,"
                + " locked by V3__add.sql:1.");
        assertThat(h.evidence()).contains("v1: 1, v2: 1", "AccessExclusiveLock taken at V3__add.sql:1");
        assertThat(h.acknowledged()).isTrue();
        assertThat(h.reason()).isEqualTo("users is idle at night");
        assertThat(h.recipe()).isEqualTo(Recipes.of(HazardId.BLOCKED_REQUESTS));
    }

    @Test
    void should_count_a_wait_only_the_server_log_saw_for_blocked_requests() {
        // the sampler paused from 1,050 to 1,600 ms and saw nothing of v1's 400 ms wait; the server logged it
        Timeline.LockWait logged = appWait("v1", "public.users", 1100, 1500, true);
        List<Timeline.LockWait> waits = TransitionJudge.withServerLog(List.of(), List.of(logged));

        List<Hazard> hazards = HazardRules.blockedRequests(waits, MAX_WAIT, trace());

        assertThat(waits).containsExactly(logged);
        assertThat(hazards).singleElement().satisfies(h -> {
            assertThat(h.id()).isEqualTo(HazardId.BLOCKED_REQUESTS);
            assertThat(h.message()).contains("v1", "up to 400 ms", "public.users");
        });
    }

    @Test
    void should_merge_a_wait_both_saw_into_the_sampled_one_lengthened_to_the_log() {
        Timeline.LockWait sampled = appWait("v1", "public.users", 1100, 1180, true); // a gap cut it short
        Timeline.LockWait logged = new Timeline.LockWait(7, "v1", "public.users", "AccessShareLock", List.of(MIGRATION_PID),
                true, 1098, 1450, null);
        Timeline.LockWait other = new Timeline.LockWait(8, "v2", "public.users", "RowExclusiveLock", List.of(MIGRATION_PID),
                true, 1200, 1230, null);

        List<Timeline.LockWait> waits = TransitionJudge.withServerLog(List.of(sampled), List.of(logged, other));

        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).satisfies(w -> {
            assertThat(w.query()).isEqualTo(sampled.query());
            assertThat(w.startMs()).isEqualTo(1098);
            assertThat(w.endMs()).isEqualTo(1450);
        });
        assertThat(waits.get(1)).isEqualTo(other);
    }

    @Test
    void should_ignore_waits_not_caused_by_the_migration_and_zerodown_sessions() {
        List<Hazard> hazards = HazardRules.blockedRequests(List.of(
                appWait("v1", "public.users", 1100, 1400, false),
                appWait("zerodown-tracer", "public.users", 1100, 1400, true),
                appWait("migration", "public.users", 1100, 1400, true),
                appWait("v1", "public.users", 2500, 2900, true)), MAX_WAIT, trace());

        assertThat(hazards).isEmpty();
    }

    @Test
    void should_attribute_a_row_lock_wait_to_the_table_the_migration_was_writing() {
        Timeline.LockWait row = new Timeline.LockWait(7, "v1", "transactionid", "ShareLock", List.of(MIGRATION_PID), true,
                1100, 1500, "update users set name = 'x' where id = 1");

        Hazard h = HazardRules.blockedRequests(List.of(row), MAX_WAIT, trace()).get(0);

        assertThat(h.relation()).isEqualTo("public.users");
        assertThat(h.line()).isEqualTo(3);
    }

    @Test
    void should_report_lock_queue_only_when_requests_queued_behind_the_waiting_migration() {
        Timeline.LockWait migration = new Timeline.LockWait(MIGRATION_PID, "migration", "public.users", "AccessExclusiveLock",
                List.of(99), false, 1000, 1800, "alter table users add column nickname text");

        assertThat(HazardRules.lockQueue(List.of(migration), MAX_WAIT, trace())).isEmpty();

        List<Hazard> queued = HazardRules.lockQueue(List.of(migration, appWait("v1", "public.users", 1050, 1800, true)),
                MAX_WAIT, trace());
        assertThat(queued).singleElement().satisfies(h -> {
            assertThat(h.id()).isEqualTo(HazardId.LOCK_QUEUE);
            assertThat(h.relation()).isEqualTo("public.users");
            assertThat(h.message()).isEqualTo("V3__add.sql:1 waited 800 ms for AccessExclusiveLock on public.users behind"
                    + " another transaction while 1 request of v1 queued behind it (up to 750 ms).");
            assertThat(h.evidence()).contains("blocked by pids [99]");
        });
    }

    @Test
    void should_raise_a_lock_held_across_statements_to_error_when_traffic_waited_on_it() {
        Hazard held = new Hazard(HazardId.LOCK_HELD_ACROSS_STATEMENTS, Severity.WARNING, "public.users", "V3__add.sql", 1,
                "alter table users add column nickname text", "m", "e", "r", false, null, 2000);
        StepTrace trace = trace();

        List<Hazard> quiet = HazardRules.withTraffic(trace, List.of(held), List.of(), MAX_WAIT);
        List<Hazard> busy = HazardRules.withTraffic(trace, List.of(held), List.of(appWait("v1", "public.users", 1100, 1400, true)),
                MAX_WAIT);

        assertThat(quiet).extracting(Hazard::severity).containsExactly(Severity.WARNING);
        assertThat(busy).extracting(Hazard::id).containsExactly(HazardId.LOCK_HELD_ACROSS_STATEMENTS, HazardId.BLOCKED_REQUESTS);
        assertThat(busy.get(0).severity()).isEqualTo(Severity.ERROR);
        assertThat(busy.get(0).evidence()).endsWith("while 1 request waited on it (up to 300 ms)");
    }

    @Test
    void should_tie_failures_of_a_live_version_to_the_change_that_caused_them() {
        CatalogDiff diff = new CatalogDiff(List.of(
                new CatalogDiff.Change(CatalogDiff.Kind.COLUMN_RENAMED, "public.users.user_name", "user_name", "full_name",
                        "V4__rename.sql", 2),
                new CatalogDiff.Change(CatalogDiff.Kind.TABLE_DROPPED, "public.legacy", "table", null, "V4__rename.sql", 5)));
        List<FailureGroup> failures = List.of(
                new FailureGroup("42703", "select user_name from users where id = ?", 37, "column \"user_name\" does not exist"),
                new FailureGroup("23505", "insert into users values (?)", 3, "duplicate key value violates unique constraint"),
                new FailureGroup("42703", "select nickname from users", 2, "column \"nickname\" does not exist"));

        List<Hazard> hazards = HazardRules.backwardIncompatible(diff, "v1", failures);

        assertThat(hazards).singleElement().satisfies(h -> {
            assertThat(h.id()).isEqualTo(HazardId.BACKWARD_INCOMPATIBLE);
            assertThat(h.relation()).isEqualTo("public.users");
            assertThat(h.where()).isEqualTo("V4__rename.sql:2");
            assertThat(h.message()).isEqualTo("Version v1 still uses what V4__rename.sql:2 changed (column public.users.user_name"
                    + " renamed to full_name): 37 failed requests.");
            assertThat(h.evidence()).contains("37 x 42703 column \"user_name\" does not exist");
        });
    }

    @Test
    void should_tie_an_invalid_enum_input_to_the_dropped_enum_value() {
        CatalogDiff diff = new CatalogDiff(List.of(new CatalogDiff.Change(CatalogDiff.Kind.ENUM_VALUE_DROPPED, "public.user_mood",
                "sad", null, "V5__mood.sql", 1)));
        List<FailureGroup> failures = List.of(new FailureGroup("22P02", "update users set mood = ? where id = ?", 4,
                "invalid input value for enum user_mood: \"sad\""));

        assertThat(HazardRules.backwardIncompatible(diff, "v2", failures)).extracting(Hazard::relation)
                .containsExactly("public.user_mood");
    }

    @Test
    void should_fill_in_statement_and_acknowledgement_for_a_step() {
        Hazard bare = new Hazard(HazardId.BLOCKED_REQUESTS, Severity.ERROR, "public.users", "V3__add.sql", 1, null, "m", "e", "r",
                false, null, 0);

        Hazard filled = HazardRules.forStep(List.of(bare), STEP).get(0);

        assertThat(filled.statement()).isEqualTo("alter table users add column nickname text");
        assertThat(filled.acknowledged()).isTrue();
        assertThat(filled.blocking()).isFalse();
    }
}
