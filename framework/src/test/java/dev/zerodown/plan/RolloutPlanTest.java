package dev.zerodown.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.load.AppVersionFactory;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.result.TransitionKind;
import org.junit.jupiter.api.Test;

class RolloutPlanTest {
    private static final AppVersionFactory APP = ds -> () -> { };
    private static final List<MigrationStep> STEPS = List.of(step("1", "init"), step("2", "add_full_name"),
            step("3", "backfill_full_name"), step("4", "drop_user_name"));

    @Test
    void should_name_transitions_as_the_contract_says() {
        RolloutPlan plan = RolloutPlan.of(Rollout.startWith("v1", APP).migrate("V2").deploy("v2", APP).retire("v1")
                .migrate("V3").deploy("v3", APP).retire("v2").contract("V4"), STEPS);
        assertThat(plan.baseline()).extracting(MigrationStep::fileName).containsExactly("V1__init.sql");
        assertThat(plan.transitions()).extracting(PlannedTransition::name).containsExactly(
                "V2__add_full_name under [v1]", "deploy v2 under [v1, v2]", "V3__backfill_full_name under [v2]",
                "deploy v3 under [v2, v3]", "V4__drop_user_name under [v3]");
        assertThat(plan.transitions()).extracting(PlannedTransition::kind).containsExactly(TransitionKind.MIGRATE,
                TransitionKind.DEPLOY, TransitionKind.MIGRATE, TransitionKind.DEPLOY, TransitionKind.CONTRACT);
    }

    @Test
    void should_list_live_versions_in_deploy_order_not_by_name() {
        RolloutPlan plan = RolloutPlan.of(Rollout.startWith("v9", APP).migrate("V2").deploy("v10", APP)
                .deploy("v2", APP).migrate("V3", "V4"), STEPS);
        assertThat(plan.transitions()).extracting(PlannedTransition::live).containsExactly(
                List.of("v9"), List.of("v9", "v10"), List.of("v9", "v10", "v2"), List.of("v9", "v10", "v2"),
                List.of("v9", "v10", "v2"));
    }

    @Test
    void should_keep_retired_versions_as_canaries_until_the_first_contract_step() {
        RolloutPlan plan = RolloutPlan.of(Rollout.startWith("v1", APP).migrate("V2").deploy("v2", APP).retire("v1")
                .migrate("V3").contract("V4").rollbackCheck(), STEPS);
        assertThat(plan.transitions().get(2).canaries()).containsExactly("v1");
        assertThat(plan.transitions().get(2).running()).containsExactly("v2", "v1");
        assertThat(plan.transitions().get(3).canaries()).isEmpty();
    }

    @Test
    void should_refuse_a_step_out_of_order() {
        assertThatThrownBy(() -> RolloutPlan.of(Rollout.startWith("v1", APP).migrate("V2", "V4", "V3"), STEPS))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Rollout: step V4__drop_user_name is out of order: V3__backfill_full_name must be migrated before it");
    }

    @Test
    void should_refuse_a_version_deployed_twice() {
        assertThatThrownBy(() -> RolloutPlan.of(Rollout.startWith("v1", APP).migrate("V2", "V3", "V4")
                .deploy("v1", APP), STEPS))
                .hasMessage("Rollout: version 'v1' is deployed twice; give the new code a new version name");
    }

    @Test
    void should_refuse_a_transition_without_live_version() {
        assertThatThrownBy(() -> RolloutPlan.of(Rollout.startWith("v1", APP).retire("v1").migrate("V2", "V3", "V4"), STEPS))
                .hasMessage("Rollout: no version is live at 'migrate V2'; start or deploy one before it");
    }

    @Test
    void should_refuse_a_pending_step_no_event_names() {
        assertThatThrownBy(() -> RolloutPlan.of(Rollout.startWith("v1", APP).migrate("V2"), STEPS))
                .hasMessage("Rollout leaves pending step(s) V3__backfill_full_name, V4__drop_user_name unnamed;"
                        + " add 'migrate V3__backfill_full_name' (or migrate(\"V3__backfill_full_name\")) where it should run");
    }

    @Test
    void should_refuse_an_unknown_step_listing_the_known_ones() {
        assertThatThrownBy(() -> RolloutPlan.of(Rollout.startWith("v1", APP).migrate("V9"), STEPS))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Rollout: ")
                .hasMessageContaining("V9")
                .hasMessageContaining("V2__add_full_name");
    }

    private static final List<MigrationStep> WITH_REPEATABLES = List.of(step("1", "init"), step("2", "add_full_name"),
            step(null, "a_functions"), step(null, "b_views"));

    @Test
    void should_run_repeatables_the_rollout_does_not_name_right_after_the_last_versioned_step() {
        RolloutPlan plan = RolloutPlan.of(Rollout.startWith("v1", APP).migrate("V2").deploy("v2", APP), WITH_REPEATABLES);

        assertThat(plan.transitions()).extracting(PlannedTransition::name).containsExactly(
                "V2__add_full_name under [v1]", "R__a_functions under [v1]", "R__b_views under [v1]",
                "deploy v2 under [v1, v2]");
        assertThat(plan.transitions().get(1).kind()).isEqualTo(TransitionKind.MIGRATE);
    }

    @Test
    void should_run_the_repeatables_before_one_the_rollout_names_and_keep_its_place() {
        RolloutPlan plan = RolloutPlan.of(Rollout.startWith("v1", APP).migrate("V2").deploy("v2", APP)
                .migrate("R__b_views"), WITH_REPEATABLES);

        assertThat(plan.transitions()).extracting(PlannedTransition::name).containsExactly(
                "V2__add_full_name under [v1]", "R__a_functions under [v1]", "deploy v2 under [v1, v2]",
                "R__b_views under [v1, v2]");
    }

    @Test
    void should_put_the_repeatables_in_the_baseline_when_every_versioned_step_is_there() {
        RolloutPlan plan = RolloutPlan.of(Rollout.empty().baseline("V2").start("v1", APP).deploy("v2", APP),
                WITH_REPEATABLES);

        assertThat(plan.baseline()).extracting(MigrationStep::name)
                .containsExactly("V1__init", "V2__add_full_name", "R__a_functions", "R__b_views");
        assertThat(plan.transitions()).extracting(PlannedTransition::name).containsExactly("deploy v2 under [v1, v2]");
    }

    private static MigrationStep step(String version, String description) {
        if (version == null) {
            return new MigrationStep(null, description.replace('_', ' '), "R__" + description + ".sql", "test",
                    List.of(), true);
        }
        return new MigrationStep(version, description.replace('_', ' '), "V" + version + "__" + description + ".sql",
                "test", List.of(), true);
    }
}
