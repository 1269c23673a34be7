package dev.zerodown.junit;

import static dev.zerodown.assertj.ZerodownAssertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.zerodown.engine.apps.Customers;
import java.nio.file.Path;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.plan.Rollout;
import dev.zerodown.result.TransitionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The extension as users meet it, run through JUnit's EngineTestKit, misuse included. */
class MigrationCompatibilityExtensionTest {

    private static Events run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().allEvents();
    }

    @Test
    void should_run_one_named_test_per_transition_and_apply_the_default_checks() {
        Events events = run(NaiveRename.class);

        events.assertThatEvents()
                .haveExactly(1, event(test(), displayName("V2__rename_name_to_full_name under [v1]"),
                        finishedWithFailure(instanceOf(AssertionFailedError.class),
                                message(m -> m.startsWith("V2__rename_name_to_full_name under [v1] is unsafe:")
                                        && m.contains("failed-requests") && m.contains("42703")))));
    }

    @Test
    void should_let_a_test_assert_an_unsafe_transition_itself() {
        Events events = run(NaiveRenameAsserted.class);

        events.assertThatEvents().haveExactly(1, event(test(), finishedSuccessfully()));
    }

    @Test
    void should_fail_a_class_without_rollout_method_saying_what_to_add() {
        run(NoRollout.class).assertThatEvents().haveExactly(1, event(container(NoRollout.class),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message("NoRollout: no @MigrationCompatibility.Rollout method found; declare exactly one:"
                                + " @MigrationCompatibility.Rollout static Rollout rollout() { return"
                                + " Rollout.startWith(\"v1\", AppV1::new).migrate(\"V2\"); }"))));
    }

    @Test
    void should_fail_a_class_without_transition_test_instead_of_passing_silently() {
        run(NoTransitionTest.class).assertThatEvents().haveExactly(1, event(container(NoTransitionTest.class),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.startsWith("NoTransitionTest has a rollout but no @TransitionTest method")))));
    }

    @Test
    void should_fail_a_rollout_naming_an_unknown_step_before_any_database_starts() {
        run(UnknownStep.class).assertThatEvents().haveExactly(1, event(container(UnknownStep.class),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.startsWith("UnknownStep: Rollout: ") && m.contains("V7")))));
    }

    @Test
    void should_fail_a_bad_attribute_value_listing_the_accepted_ones() {
        run(BadAttribute.class).assertThatEvents().haveExactly(1, event(container(BadAttribute.class),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message("BadAttribute: setting `clients` (property zerodown.clients): `many` is not a whole"
                                + " number from 1 to 1000; write digits only, such as 1"))));
    }

    @Test
    void should_fail_an_explicit_seed_file_that_does_not_exist_before_any_database_starts() {
        Path missing = Path.of("src/test/zerodown/no-such-seed.sql").toAbsolutePath().normalize();

        run(MissingSeed.class).assertThatEvents().haveExactly(1, event(container(MissingSeed.class),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message("MissingSeed: Setting 'seed' (zerodown.seed) names " + missing
                                + ", which is not a file; fix the path or remove the setting to use the default"))));
    }

    @Test
    void should_fail_an_unknown_zerodown_property_with_the_attribute_problems_together() {
        System.setProperty("zerodown.soakk", "2s");
        try {
            run(BadAttribute.class).assertThatEvents().haveExactly(1, event(container(BadAttribute.class),
                    finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                            message("BadAttribute: 2 configuration problems:\n"
                                    + "- Unknown property 'zerodown.soakk' (value '2s'); did you mean zerodown.soak?\n"
                                    + "- setting `clients` (property zerodown.clients): `many` is not a whole number"
                                    + " from 1 to 1000; write digits only, such as 1"))));
        } finally {
            System.clearProperty("zerodown.soakk");
        }
    }

    @Test
    void should_abort_the_transitions_after_a_failed_step_with_the_reason_the_reports_give() {
        Events events = run(StuckRollout.class);

        String reason = "not run on PostgreSQL 17: V2__add_failing_check.sql failed (migration-failed): the rollout"
                + " stops at a failed step (the release is stuck); fix it and run again";
        events.assertThatEvents()
                .haveExactly(1, event(test(), displayName("deploy v2 under [v1, v2]"),
                        abortedWithReason(instanceOf(TestAbortedException.class), message(reason))))
                .haveExactly(1, event(test(), displayName("V3__add_email under [v1, v2]"),
                        abortedWithReason(instanceOf(TestAbortedException.class), message(reason))));
    }

    @MigrationCompatibility(migrations = "classpath:engine/rename-naive", soak = "200ms")
    static class NaiveRename {
        @MigrationCompatibility.Rollout
        static Rollout rollout() {
            return Rollout.startWith("v1", Customers.V1::new).migrate("V2");
        }

        @TransitionTest
        void eachTransition(TransitionResult result) {
        }
    }

    @MigrationCompatibility(migrations = "classpath:engine/rename-naive", soak = "200ms")
    static class NaiveRenameAsserted {
        @MigrationCompatibility.Rollout
        static Rollout rollout() {
            return Rollout.startWith("v1", Customers.V1::new).migrate("V2");
        }

        @TransitionTest(defaultChecks = false)
        void eachTransition(TransitionResult result) {
            assertThat(result).isUnsafe().hasFailedRequests("v1", "42703").hasHazard(HazardId.FAILED_REQUESTS);
        }
    }

    @MigrationCompatibility(migrations = "classpath:engine/rename-naive")
    static class NoRollout {
        @TransitionTest
        void eachTransition(TransitionResult result) {
        }
    }

    @MigrationCompatibility(migrations = "classpath:engine/rename-naive")
    static class NoTransitionTest {
        @MigrationCompatibility.Rollout
        static Rollout rollout() {
            return Rollout.startWith("v1", Customers.V1::new).migrate("V2");
        }

        @Test
        void somethingElse() {
        }
    }

    @MigrationCompatibility(migrations = "classpath:engine/rename-naive")
    static class UnknownStep {
        @MigrationCompatibility.Rollout
        static Rollout rollout() {
            return Rollout.startWith("v1", Customers.V1::new).migrate("V7");
        }

        @TransitionTest
        void eachTransition(TransitionResult result) {
        }
    }

    @MigrationCompatibility(migrations = "classpath:engine/rename-naive", clients = "many")
    static class BadAttribute {
        @MigrationCompatibility.Rollout
        static Rollout rollout() {
            return Rollout.startWith("v1", Customers.V1::new).migrate("V2");
        }

        @TransitionTest
        void eachTransition(TransitionResult result) {
        }
    }

    @MigrationCompatibility(migrations = "classpath:engine/rename-naive", seed = "src/test/zerodown/no-such-seed.sql")
    static class MissingSeed {
        @MigrationCompatibility.Rollout
        static Rollout rollout() {
            return Rollout.startWith("v1", Customers.V1::new).migrate("V2");
        }

        @TransitionTest
        void eachTransition(TransitionResult result) {
        }
    }

    @MigrationCompatibility(migrations = "classpath:engine/stuck", soak = "200ms")
    static class StuckRollout {
        @MigrationCompatibility.Rollout
        static Rollout rollout() {
            return Rollout.startWith("v1", Customers.V1::new).migrate("V2").deploy("v2", Customers.V1::new)
                    .migrate("V3");
        }

        @TransitionTest
        void eachTransition(TransitionResult result) {
        }
    }
}
