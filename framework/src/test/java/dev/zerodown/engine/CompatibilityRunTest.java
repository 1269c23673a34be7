package dev.zerodown.engine;

import static dev.zerodown.assertj.ZerodownAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import dev.zerodown.engine.apps.Customers;
import dev.zerodown.engine.apps.Orders;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.invariants.Invariant;
import dev.zerodown.plan.Rollout;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.Verdict;
import dev.zerodown.settings.Settings;
import org.junit.jupiter.api.Test;

/**
 * Issue 4's behaviours with real PostgreSQL and real concurrency (4 clients per version). Every wait
 * expected to be caught is at least ten times {@code maxLockWait}; every wait expected to pass is at
 * most a tenth of it (see docs/junit.md, "Thresholds that do not flake").
 */
class CompatibilityRunTest {

    static Settings settings(String scenario, String... more) {
        Settings s = Settings.defaults().with(Map.of("migrations", "classpath:engine/" + scenario, "soak", "300ms"));
        for (int i = 0; i < more.length; i += 2) {
            s = s.with(more[i], more[i + 1]);
        }
        return s;
    }

    static RunResult run(String scenario, Rollout rollout, List<Invariant> invariants, String... more) {
        return CompatibilityRun.of(scenario, rollout).settings(settings(scenario, more)).invariants(invariants)
                .writeReports(false).run(17).result();
    }

    @Test
    void should_fail_a_naive_rename_with_the_old_versions_42703() {
        RunResult r = run("rename-naive", Rollout.startWith("v1", Customers.V1::new).migrate("V2"), List.of());

        TransitionResult rename = r.transitions().get(0);
        assertThat(rename.name()).isEqualTo("V2__rename_name_to_full_name under [v1]");
        assertThat(rename).isUnsafe().hasFailedRequests("v1", "42703").hasHazard(HazardId.FAILED_REQUESTS);
        assertThat(r.verdict()).isEqualTo(Verdict.UNSAFE);
    }

    @Test
    void should_pass_every_transition_of_a_five_step_rename() {
        Rollout rollout = Rollout.startWith("v1", Customers.V1::new)
                .migrate("V2").deploy("v2", Customers.V2::new).retire("v1")
                .migrate("V3").deploy("v3", Customers.V3::new).retire("v2")
                .migrate("V4").deploy("v4", Customers.V4::new).retire("v3")
                .contract("V5");
        Invariant inSync = new Invariant("names in sync",
                "select id, name, full_name from customers where full_name is distinct from name", "V3", "V4", "test");

        RunResult r = run("rename-safe", rollout, List.of(inSync));

        assertThat(r.transitions()).extracting(TransitionResult::name).containsExactly(
                "V2__add_full_name under [v1]", "deploy v2 under [v1, v2]", "V3__backfill_full_name under [v2]",
                "deploy v3 under [v2, v3]", "V4__relax_name under [v3]", "deploy v4 under [v3, v4]",
                "V5__drop_name under [v4]");
        r.transitions().forEach(t -> assertThat(t).isSafe().hasNoFailedRequests());
        assertThat(r.transitions().get(2)).holdsInvariant("names in sync");
        assertThat(r.transitions().get(3)).holdsInvariant("names in sync");
        assertThat(r.transitions().get(4).invariants()).isEmpty();
    }

    @Test
    void should_catch_a_new_version_that_writes_only_the_new_column_with_sample_rows() {
        Rollout rollout = Rollout.startWith("v1", Customers.V1::new)
                .migrate("V2").deploy("v2", Customers.V4::new).retire("v1")
                .migrate("V3", "V4", "V5");
        Invariant inSync = new Invariant("names in sync",
                "select id, name, full_name from customers where full_name is distinct from name", "V3", "V4", "test");

        RunResult r = run("rename-safe", rollout, List.of(inSync));

        TransitionResult backfill = r.transitions().get(2);
        assertThat(backfill).isUnsafe().violatesInvariant("names in sync").hasHazard(HazardId.INVARIANT_VIOLATED);
        assertThat(backfill.invariants().get(0).sample()).isNotEmpty()
                .allSatisfy(row -> assertThat(row).containsKeys("id", "name", "full_name"));
    }

    @Test
    void should_catch_a_blocking_index_build_by_the_requests_it_blocked() {
        RunResult r = run("index-blocking", Rollout.startWith("app", Orders::new).migrate("V2"), List.of(),
                "maxLockWait", "20ms");

        TransitionResult build = r.transitions().get(0);
        assertThat(build).isUnsafe().hasHazard(HazardId.NON_CONCURRENT_INDEX).hasHazard(HazardId.BLOCKED_REQUESTS);
        assertThat(build.requests("app").orElseThrow().migrationWaits()).isPositive();
        // sized from what was measured, not from this machine's speed: the build is at least ten times
        // maxLockWait, and the longest wait covers most of it (a request arrives within a few ms)
        long buildMs = build.timeline().statements().stream().filter(st -> st.sql().startsWith("create index"))
                .mapToLong(st -> st.endMs() - st.startMs()).max().orElseThrow();
        assertThat(buildMs).as("index build (ms), at least ten times maxLockWait").isGreaterThanOrEqualTo(10 * 20);
        assertThat(build).hasMaxLockWaitAtLeast(Duration.ofMillis(buildMs / 2));
    }

    @Test
    void should_pass_the_same_index_built_concurrently() {
        RunResult r = run("index-concurrent", Rollout.startWith("app", Orders::new).migrate("V2"), List.of(),
                "maxLockWait", "20ms");

        assertThat(r.transitions().get(0)).isSafe().hasNoHazard(HazardId.BLOCKED_REQUESTS)
                .hasMaxLockWaitBelow(Duration.ofMillis(2));
    }

    @Test
    void should_pile_up_requests_behind_a_step_without_lock_timeout_stuck_behind_a_long_transaction() {
        // tag::long-transaction[]
        Rollout rollout = Rollout.startWith("v1", Customers.V1::new)
                .longTransaction("customers", Duration.ofMillis(1500)) // a report query holds ACCESS SHARE
                .migrate("V2");                                          // alter table customers add column vip

        RunResult r = run("long-tx", rollout, List.of());

        assertThat(r.transitions().get(0)).isUnsafe().hasHazard(HazardId.MISSING_LOCK_TIMEOUT)
                .hasHazard(HazardId.BLOCKED_REQUESTS).hasHazard(HazardId.LOCK_QUEUE)
                .hasMaxLockWaitAtLeast(Duration.ofSeconds(1));
        // end::long-transaction[]
    }

    @Test
    void should_keep_requests_flowing_when_the_step_has_lock_timeout_and_retries() {
        Rollout rollout = Rollout.startWith("v1", Customers.V1::new)
                .longTransaction("customers", Duration.ofMillis(1500)).migrate("V2");

        // tag::lock-timeout[]
        RunResult r = run("long-tx", rollout, List.of(), "lockTimeout", "10ms", "lockRetries", "60");

        assertThat(r.transitions().get(0)).isSafe().hasNoHazard(HazardId.BLOCKED_REQUESTS)
                .hasNoHazard(HazardId.LOCK_QUEUE).hasNoFailedRequests();
        // end::lock-timeout[]
    }

    @Test
    void should_catch_a_step_that_breaks_the_retired_version_when_checking_rollback() {
        // tag::rollback-check[]
        Rollout rollout = Rollout.startWith("v1", Customers.ReadsNickname::new)
                .migrate("V2").deploy("v2", Customers.ReadsName::new).retire("v1")
                .migrate("V3").rollbackCheck();

        RunResult r = run("rollback", rollout, List.of());

        TransitionResult drop = r.transitions().get(2);
        assertThat(drop.canaryVersions()).containsExactly("v1");
        assertThat(drop.liveVersions()).containsExactly("v2");
        assertThat(drop).isUnsafe().hasHazard(HazardId.BACKWARD_INCOMPATIBLE).hasFailedRequests("v1", "42703");
        // end::rollback-check[]
    }

    @Test
    void should_end_the_rollback_window_at_a_contract_step() {
        Rollout rollout = Rollout.startWith("v1", Customers.ReadsNickname::new)
                .migrate("V2").deploy("v2", Customers.ReadsName::new).retire("v1")
                .contract("V3").rollbackCheck();

        RunResult r = run("rollback", rollout, List.of());

        assertThat(r.transitions().get(2).canaryVersions()).isEmpty();
        assertThat(r.transitions().get(2)).isSafe();
    }
}
