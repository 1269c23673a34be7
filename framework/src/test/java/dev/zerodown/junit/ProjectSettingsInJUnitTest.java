package dev.zerodown.junit;

import static dev.zerodown.assertj.ZerodownAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.plan.Rollout;
import dev.zerodown.result.TransitionResult;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The plugin's project settings under the extension, on a real PostgreSQL: {@code workloads} (a version given
 * without code runs its {@code <version>.sql}), {@code invariants} (the file, beside {@code @Invariant}) and
 * {@code since} (earlier transitions are not run). Their bad inputs are rows of {@code BadInputTest}.
 */
class ProjectSettingsInJUnitTest {
    /** What the transition tests of {@link InvariantsFromFile} saw, in order. */
    static final List<TransitionResult> SEEN = new CopyOnWriteArrayList<>();

    private static Events run(Class<?> testClass) {
        SEEN.clear();
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
    }

    @Test
    void should_drive_a_version_without_code_with_its_workload_file_and_catch_the_rename_it_cannot_survive() {
        Events events = run(RenameUnderWorkload.class);

        // the inner test asserted the failed requests of v1.sql (42703) and that they came from the file
        events.assertThatEvents().haveExactly(1, event(test(), displayName("V2__rename_name_to_full_name under [v1]"),
                finishedSuccessfully()));
        assertThat(events.started().count()).isEqualTo(1);
    }

    @Test
    void should_check_the_invariants_file_beside_the_class_s_own_invariants() {
        Events events = run(InvariantsFromFile.class);

        events.assertThatEvents().haveExactly(3, event(test(), finishedSuccessfully()));
        assertThat(SEEN).extracting(TransitionResult::name).containsExactly("V2__add_email under [v1]",
                "deploy v2 under [v1, v2]", "V3__add_nickname under [v2]");
        for (TransitionResult r : SEEN) {
            assertThat(r).violatesInvariant("every_customer_has_an_email").holdsInvariant("IDS_ARE_POSITIVE")
                    .hasHazard(HazardId.INVARIANT_VIOLATED).hasNoFailedRequests();
            assertThat(r.invariants())
                    .filteredOn(i -> i.name().equals("every_customer_has_an_email"))
                    .singleElement().satisfies(i -> assertThat(i.discrepancies())
                            .isPositive());
        }
    }

    @Test
    void should_start_the_rollout_at_since_with_the_versions_live_there() {
        Events events = run(SinceV3.class);

        // the default checks passed: v2 (started on the baseline V1, V2) made requests and none failed
        events.assertThatEvents().haveExactly(1, event(test(), displayName("V3__add_nickname under [v2]"),
                finishedSuccessfully()));
        assertThat(events.started().count()).as("transitions run").isEqualTo(1);
    }

    // tag::workloads[]
    @MigrationCompatibility(migrations = "classpath:engine/rename-naive", soak = "200ms",
            workloads = "src/test/resources/junit/rename-workloads") // holds v1.sql
    static class RenameUnderWorkload {
        @MigrationCompatibility.Rollout
        static Rollout rollout() {
            return Rollout.startWith("v1") // no code: v1 runs src/test/resources/junit/rename-workloads/v1.sql
                    .migrate("V2");          // renames customers.name, which v1.sql reads
        }

        @TransitionTest(defaultChecks = false)
        void renameBreaksTheWorkload(TransitionResult result) {
            assertThat(result).isUnsafe().hasFailedRequests("v1", "42703").hasHazard("failed-requests");
            assertThat(result.requests().get("v1").traffic().source()).isEqualTo("workload"); // not synthetic
        }
    }
    // end::workloads[]

    @MigrationCompatibility(migrations = "classpath:junit/expand", soak = "300ms",
            workloads = "src/test/resources/junit/expand-workloads",
            invariants = "src/test/resources/junit/expand-invariants.sql")
    static class InvariantsFromFile {
        @Invariant
        static final String IDS_ARE_POSITIVE = "select id from customers where id <= 0";

        @MigrationCompatibility.Rollout
        static Rollout rollout() {
            return Rollout.startWith("v1").migrate("V2").deploy("v2").retire("v1").migrate("V3");
        }

        @TransitionTest(defaultChecks = false)
        void eachTransition(TransitionResult result) {
            SEEN.add(result);
        }
    }

    // tag::since[]
    @MigrationCompatibility(migrations = "classpath:junit/expand", soak = "300ms",
            workloads = "src/test/resources/junit/expand-workloads", // v1.sql and v2.sql
            since = "V3")                                          // V1 and V2 are the baseline
    static class SinceV3 {
        @MigrationCompatibility.Rollout
        static Rollout rollout() {
            return Rollout.startWith("v1")
                    .migrate("V2")          // not run: before since
                    .deploy("v2")           // not run: v2 is started on the baseline instead
                    .retire("v1")
                    .migrate("V3");         // the one transition: V3__add_nickname under [v2]
        }

        @TransitionTest
        void eachTransition(TransitionResult result) {
        }
    }
    // end::since[]
}
