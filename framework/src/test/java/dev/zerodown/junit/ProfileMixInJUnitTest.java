package dev.zerodown.junit;

import static dev.zerodown.assertj.ZerodownAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.plan.Rollout;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.VersionStats;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Under the extension, a version given without code, with {@code profile} set and no workload file,
 * runs the profile's query mix (as under the plugin) on a real PostgreSQL: both at {@code start} and at
 * {@code deploy}, its requests read the seeded rows, a rename of the column the mix reads fails them,
 * and the statement whose parameters cannot be inferred is listed, not run.
 */
class ProfileMixInJUnitTest {
    static final List<TransitionResult> SEEN = new CopyOnWriteArrayList<>();
    static final String UNINFERABLE = "select count(*) from customers where id > $1 + $2";

    private static Events run(Class<?> testClass) {
        SEEN.clear();
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().allEvents();
    }

    @Test
    void should_drive_versions_without_code_with_the_profiles_query_mix() {
        Events events = run(RenameUnderProfileMix.class);

        events.assertThatEvents().haveExactly(2, event(test(), finishedSuccessfully()));
        assertThat(SEEN).extracting(TransitionResult::name)
                .containsExactly("deploy v2 under [v1, v2]", "V2__rename_name_to_full_name under [v1, v2]");
        TransitionResult deploy = SEEN.get(0);
        for (String v : List.of("v1", "v2")) {
            VersionStats s = deploy.requests().get(v);
            assertThat(s.traffic().source()).as("traffic of %s", v).isEqualTo("profile");
            assertThat(s.synthetic()).isFalse();
            assertThat(s.ok()).as("requests of %s on the seeded rows", v).isPositive();
            assertThat(s.traffic().skipped()).containsOnlyKeys(UNINFERABLE);
        }
        assertThat(deploy).hasNoFailedRequests();
        TransitionResult rename = SEEN.get(1);
        assertThat(rename).isUnsafe().hasFailedRequests("v1", "42703").hasFailedRequests("v2", "42703")
                .hasHazard(HazardId.FAILED_REQUESTS);
        assertThat(rename.requests().get("v1").failures()).extracting(f -> f.statement())
                .allMatch(sql -> sql.startsWith("select name from customers where id = ")
                        || sql.startsWith("update customers set name = "));
    }

    @Test
    void should_refuse_a_profile_set_on_purpose_that_names_no_file() {
        Events events = run(MissingProfile.class);

        events.assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m -> m.startsWith(
                "MissingProfile: Setting 'profile' (zerodown.profile) names ") && m.endsWith("no-such-profile.json, which is not a file;"
                + " fix the path or remove the setting to use the default")))));
        assertThat(SEEN).isEmpty();
    }

    // tag::profile-mix[]
    @MigrationCompatibility(migrations = "classpath:junit/profile-mix/migrations", soak = "300ms", clients = "2",
            profile = "src/test/resources/junit/profile-mix/profile.json", // tables, rows and the query mix
            predict = "false")
    static class RenameUnderProfileMix {
        @MigrationCompatibility.Rollout
        static Rollout rollout() {
            return Rollout.startWith("v1")   // no code, no v1.sql: v1 runs the profile's query mix
                    .deploy("v2")            // so does v2
                    .migrate("V2");          // renames customers.name, which the mix reads and writes
        }

        @TransitionTest(defaultChecks = false)
        void eachTransition(TransitionResult result) {
            SEEN.add(result);
        }
    }
    // end::profile-mix[]

    @MigrationCompatibility(migrations = "classpath:junit/profile-mix/migrations", soak = "300ms",
            profile = "src/test/resources/junit/profile-mix/no-such-profile.json")
    static class MissingProfile {
        @MigrationCompatibility.Rollout
        static Rollout rollout() {
            return Rollout.startWith("v1").migrate("V2");
        }

        @TransitionTest
        void eachTransition(TransitionResult result) {
            SEEN.add(result);
        }
    }
}
