package dev.zerodown.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.load.AppVersionFactory;
import dev.zerodown.migrations.MigrationStep;
import org.junit.jupiter.api.Test;

/** {@code since} on a rollout: the plan it leaves, checked by the same validator as every rollout. */
class RolloutSinceTest {
    private static final AppVersionFactory V1 = ds -> () -> { };
    private static final AppVersionFactory V2 = ds -> () -> { };
    private static final List<MigrationStep> STEPS = List.of(step("1", "init"), step("2", "add_full_name"),
            step("3", "backfill_full_name"), step("4", "drop_user_name"));
    private static final Rollout ROLLOUT = Rollout.startWith("v1", V1).migrate("V2").deploy("v2", V2).retire("v1")
            .migrate("V3").contract("V4");

    @Test
    void should_leave_the_rollout_as_it_is_without_since_or_at_its_first_migrated_step() {
        assertThat(RolloutSince.apply(ROLLOUT, STEPS, null)).isSameAs(ROLLOUT);
        assertThat(RolloutSince.apply(ROLLOUT, STEPS, "V2")).isSameAs(ROLLOUT);
    }

    @Test
    void should_make_the_earlier_steps_the_baseline_and_start_the_versions_live_at_since() {
        RolloutPlan plan = RolloutPlan.of(RolloutSince.apply(ROLLOUT, STEPS, "V3"), STEPS);

        assertThat(plan.baseline()).extracting(MigrationStep::name).containsExactly("V1__init", "V2__add_full_name");
        assertThat(plan.initial()).containsOnlyKeys("v2").containsValue(V2);
        assertThat(plan.transitions()).extracting(PlannedTransition::name)
                .containsExactly("V3__backfill_full_name under [v2]", "V4__drop_user_name under [v2]");
    }

    @Test
    void should_keep_versions_retired_before_since_as_canaries_when_the_rollout_checks_rollbacks() {
        RolloutPlan plan = RolloutPlan.of(RolloutSince.apply(ROLLOUT.rollbackCheck(), STEPS, "V3"), STEPS);

        assertThat(plan.transitions().get(0).live()).containsExactly("v2");
        assertThat(plan.transitions().get(0).canaries()).containsExactly("v1");
        assertThat(plan.transitions().get(1).canaries()).isEmpty(); // V4 is the contract step
    }

    @Test
    void should_drop_the_canaries_a_contract_before_since_ended() {
        Rollout r = Rollout.startWith("v1", V1).migrate("V2").deploy("v2", V2).retire("v1").contract("V3")
                .migrate("V4").rollbackCheck();

        RolloutPlan plan = RolloutPlan.of(RolloutSince.apply(r, STEPS, "V4"), STEPS);

        assertThat(plan.transitions()).extracting(PlannedTransition::name).containsExactly("V4__drop_user_name under [v2]");
        assertThat(plan.transitions().get(0).canaries()).isEmpty();
    }

    @Test
    void should_keep_a_long_transaction_put_right_before_the_since_step() {
        Rollout r = Rollout.startWith("v1", V1).migrate("V2").longTransaction("users", Duration.ofSeconds(2))
                .migrate("V3", "V4");

        RolloutPlan plan = RolloutPlan.of(RolloutSince.apply(r, STEPS, "V3"), STEPS);

        assertThat(plan.transitions().get(0).name()).isEqualTo("V3__backfill_full_name under [v1]");
        assertThat(plan.transitions().get(0).longTransaction()).isNotNull();
        assertThat(plan.transitions().get(1).longTransaction()).isNull();
    }

    @Test
    void should_refuse_a_since_the_rollout_applies_as_its_baseline() {
        assertThatThrownBy(() -> RolloutSince.apply(Rollout.empty().baseline("V2").start("v1", V1).migrate("V3", "V4"),
                STEPS, "V1"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Setting 'since' (zerodown.since) names V1__init, which the rollout applies as its baseline;"
                        + " name a step it migrates: V3__backfill_full_name, V4__drop_user_name");
    }

    @Test
    void should_leave_an_unknown_rollout_step_to_the_plan_s_own_message() {
        Rollout r = Rollout.startWith("v1", V1).migrate("V7");

        assertThat(RolloutSince.apply(r, STEPS, "V3")).isSameAs(r);
    }

    private static MigrationStep step(String version, String description) {
        return new MigrationStep(version, description.replace('_', ' '), "V" + version + "__" + description + ".sql",
                "test", List.of(), true);
    }
}
