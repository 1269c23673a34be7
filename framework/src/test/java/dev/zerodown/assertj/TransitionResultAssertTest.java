package dev.zerodown.assertj;

import static dev.zerodown.assertj.ZerodownAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.hazards.Severity;
import dev.zerodown.result.FailureGroup;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.InvariantResult;
import dev.zerodown.result.Timeline;
import dev.zerodown.result.TransitionKind;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.Verdict;
import dev.zerodown.result.VersionStats;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The exact text of every failure message of {@link TransitionResultAssert}, one test per failure kind. */
class TransitionResultAssertTest {
    private static final String NAME = "V3__add_index under [v1]";
    private static final String NL = System.lineSeparator();
    private static final Hazard INDEX = new Hazard(HazardId.NON_CONCURRENT_INDEX, Severity.ERROR, "public.users_email",
            "V3__add_index.sql", 2, "create index users_email on users (email)",
            "V3__add_index.sql:2 built index public.users_email without CONCURRENTLY.", "locked ShareLock for 840 ms",
            "use CREATE INDEX CONCURRENTLY", false, null, 1200);
    private static final Hazard LOCK = new Hazard(HazardId.STRONG_LOCK, Severity.WARNING, "public.users", "V3__add_index.sql",
            2, null, "took ShareLock on public.users.", null, "r", false, null, 1200);
    private static final Timeline.LockWait WAIT = new Timeline.LockWait(77, "v1", "public.users", "RowExclusiveLock",
            List.of(42), true, 1000, 1840, "update users set email = $1 where id = $2");

    private static VersionStats stats(String version, long total, List<FailureGroup> failures) {
        long failed = failures.stream().mapToLong(FailureGroup::count).sum();
        Map<String, Long> bySqlState = new LinkedHashMap<>();
        failures.forEach(f -> bySqlState.merge(f.sqlState(), f.count(), Long::sum));
        return new VersionStats(version, total, total - failed, failed, 0, bySqlState, failures, 1, 2, 3, 100, 0, 0, false,
                false, null);
    }

    private static TransitionResult result(Verdict verdict, List<Hazard> hazards, List<VersionStats> stats,
                                           List<InvariantResult> invariants) {
        Map<String, VersionStats> requests = new LinkedHashMap<>();
        stats.forEach(s -> requests.put(s.version(), s));
        return new TransitionResult(NAME, "V3__add_index.sql", TransitionKind.MIGRATE, List.of("v1", "v2"), List.of(),
                verdict, hazards, requests, invariants, 1000, 2000,
                new Timeline(List.of(), List.of(), List.of(WAIT), List.of()));
    }

    private static TransitionResult safe() {
        return result(Verdict.SAFE, List.of(LOCK), List.of(stats("v1", 100, List.of())),
                List.of(new InvariantResult("names_in_sync", 0, List.of(), 1900)));
    }

    private static TransitionResult unsafe() {
        return result(Verdict.UNSAFE, List.of(LOCK, INDEX), List.of(stats("v1", 100, List.of())),
                List.of(new InvariantResult("names_in_sync", 1, List.of(Map.of("id", 7)), 1900)));
    }

    private static void fails(ThrowingCallable call, String message) {
        assertThatExceptionOfType(AssertionError.class).isThrownBy(call).withMessage(message);
    }

    @Test
    void should_list_the_blocking_hazards_when_a_transition_is_not_safe() {
        fails(() -> assertThat(unsafe()).isSafe(), "Expected transition <" + NAME + "> to be safe, but it is unsafe:" + NL
                + "  non-concurrent-index at V3__add_index.sql:2: V3__add_index.sql:2 built index public.users_email without"
                + " CONCURRENTLY. [locked ShareLock for 840 ms]");
    }

    @Test
    void should_name_the_hazards_when_a_transition_is_not_unsafe() {
        fails(() -> assertThat(safe()).isUnsafe(),
                "Expected transition <" + NAME + "> to be unsafe, but it is safe (hazards: [strong-lock])");
    }

    @Test
    void should_report_the_failed_requests_of_one_version() {
        TransitionResult r = result(Verdict.UNSAFE, List.of(), List.of(stats("v1", 10, List.of(
                new FailureGroup("42703", "select user_name from users where name like '%a%'", 3,
                        "column \"user_name\" does not exist")))), List.of());

        fails(() -> assertThat(r).hasNoFailedRequests(), "Expected no failed request in <" + NAME + ">, but version <v1> had"
                + " 3 of 10 failed: 42703 x3 on 'select user_name from users where name like '%a%'': column \"user_name\""
                + " does not exist");
    }

    @Test
    void should_report_every_version_with_failed_requests_in_live_order() {
        FailureGroup missing = new FailureGroup("42703", "select nickname from users", 2, "column \"nickname\" does not exist");
        TransitionResult r = result(Verdict.UNSAFE, List.of(), List.of(stats("v2", 20, List.of(missing)),
                stats("v1", 10, List.of(new FailureGroup("23505", "insert into users values (?)", 1, "duplicate key"),
                        new FailureGroup("23502", "insert into users values (?)", 1, "null value"),
                        new FailureGroup("22P02", "insert into users values (?)", 1, "invalid input"),
                        new FailureGroup("40P01", "insert into users values (?)", 1, "deadlock detected")))), List.of());

        fails(() -> assertThat(r).hasNoFailedRequests(), "Expected no failed request in <" + NAME + ">, but 2 versions had"
                + " failed requests:" + NL
                + "  version <v1> had 4 of 10 failed: 23505 x1 on 'insert into users values (?)': duplicate key; 23502 x1 on"
                + " 'insert into users values (?)': null value; 22P02 x1 on 'insert into users values (?)': invalid input;"
                + " and 1 more group" + NL
                + "  version <v2> had 2 of 20 failed: 42703 x2 on 'select nickname from users': column \"nickname\" does not"
                + " exist");
    }

    @Test
    void should_show_the_failures_when_the_expected_sqlstate_is_missing() {
        TransitionResult r = result(Verdict.UNSAFE, List.of(), List.of(stats("v1", 10, List.of(
                new FailureGroup("23505", "insert into users values (?)", 2, "duplicate key")))), List.of());

        fails(() -> assertThat(r).hasFailedRequests("v1", "42703"),
                "Expected version <v1> to fail with SQLState 42703 in <" + NAME + ">, but its failures were {23505=2}");
    }

    @Test
    void should_name_the_versions_when_an_assertion_names_one_that_did_not_run() {
        fails(() -> assertThat(safe()).hasFailedRequests("v9", "42703"),
                "Expected version <v9> to serve traffic in <" + NAME + ">, but the versions were [v1]");
    }

    @Test
    void should_describe_the_wait_that_reached_the_limit() {
        fails(() -> assertThat(safe()).hasMaxLockWaitBelow(Duration.ofMillis(50)), "Expected every lock wait on the migration"
                + " in <" + NAME + "> below 50ms, but v1 waited 840ms for RowExclusiveLock on public.users (blocked by pids"
                + " [42]; query: update users set email = $1 where id = $2)");
    }

    @Test
    void should_give_the_longest_wait_when_no_wait_was_long_enough() {
        fails(() -> assertThat(safe()).hasMaxLockWaitAtLeast(Duration.ofSeconds(1)), "Expected a lock wait on the migration"
                + " of at least 1000ms in <" + NAME + ">, but the longest was 840ms");
    }

    @Test
    void should_list_the_hazards_found_when_an_expected_one_is_missing() {
        fails(() -> assertThat(safe()).hasHazard("blocked-requests"),
                "Expected hazard <blocked-requests> in <" + NAME + ">, but it had: [strong-lock]");
    }

    @Test
    void should_describe_each_hazard_found_that_was_expected_absent() {
        fails(() -> assertThat(unsafe()).hasNoHazard(HazardId.STRONG_LOCK), "Expected no hazard <strong-lock> in <" + NAME
                + ">, but found:" + NL + "  strong-lock at V3__add_index.sql:2: took ShareLock on public.users.");
    }

    @Test
    void should_count_the_rows_of_an_invariant_that_did_not_hold() {
        fails(() -> assertThat(unsafe()).holdsInvariant("names_in_sync"), "Expected invariant <names_in_sync> to hold in <"
                + NAME + ">, but it returned 1 row, e.g. [{id=7}]");
    }

    @Test
    void should_say_an_invariant_held_when_it_was_expected_violated() {
        fails(() -> assertThat(safe()).violatesInvariant("names_in_sync"),
                "Expected invariant <names_in_sync> to be violated in <" + NAME + ">, but it held");
    }

    @Test
    void should_list_the_active_invariants_when_one_was_not_checked() {
        fails(() -> assertThat(safe()).holdsInvariant("emails_unique"),
                "Expected invariant <emails_unique> to be checked in <" + NAME + ">, but only [names_in_sync] were active");
    }

    @Test
    void should_prefix_the_description_given_with_as() {
        fails(() -> assertThat(safe()).as("after V3").isUnsafe(),
                "[after V3] Expected transition <" + NAME + "> to be unsafe, but it is safe (hazards: [strong-lock])");
    }

    @Test
    void should_pass_silently_when_the_transition_is_as_expected() {
        assertThatCode(() -> assertThat(safe()).isSafe().hasNoFailedRequests().hasMaxLockWaitBelow(Duration.ofSeconds(1))
                .hasHazard(HazardId.STRONG_LOCK).hasNoHazard("blocked-requests").holdsInvariant("names_in_sync"))
                .doesNotThrowAnyException();
    }
}
