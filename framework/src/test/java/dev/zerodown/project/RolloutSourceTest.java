package dev.zerodown.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import dev.zerodown.load.AppVersionFactory;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.plan.Rollout;
import dev.zerodown.plan.RolloutFile;
import org.junit.jupiter.api.Test;

class RolloutSourceTest {
    private static final AppVersionFactory IDLE = dataSource -> () -> { };
    private static final List<MigrationStep> STEPS = List.of(step("1", "create_users"), step("2", "add_email"),
            step("3", "backfill"), step("4", "index_email"));

    @Test
    void should_describe_the_default_rollout_with_the_highest_step_checked() {
        Rollout r = RolloutFile.byDefault(STEPS, null, v -> IDLE);

        assertThat(RolloutSource.describe(r, STEPS)).isEqualTo("baseline V1..V3, start old, migrate V4, deploy new");
    }

    @Test
    void should_describe_the_default_rollout_checking_every_step_since_the_given_one() {
        Rollout r = RolloutFile.byDefault(STEPS, "V3", v -> IDLE);

        assertThat(RolloutSource.describe(r, STEPS))
                .isEqualTo("baseline V1..V2, start old, migrate V3, migrate V4, deploy new");
    }

    @Test
    void should_migrate_each_repeatable_after_the_checked_steps_in_the_default_rollout() {
        List<MigrationStep> steps = List.of(step("1", "create_users"), step("2", "add_email"),
                new MigrationStep(null, "a", "R__a.sql", "db/R__a.sql", List.of(), true),
                new MigrationStep(null, "views", "R__views.sql", "db/R__views.sql", List.of(), true));

        Rollout r = RolloutFile.byDefault(steps, null, v -> IDLE);

        assertThat(RolloutSource.describe(r, steps))
                .isEqualTo("baseline V1, start old, migrate V2, migrate R__a, migrate R__views, deploy new");
    }

    @Test
    void should_name_a_baseline_migration_by_its_B_version() {
        List<MigrationStep> steps = List.of(new MigrationStep("5", "consolidated", "B5__consolidated.sql",
                "db/B5__consolidated.sql", List.of(), true, null, 1, true), step("6", "add_email"), step("7", "index"));

        Rollout r = RolloutFile.byDefault(steps, null, v -> IDLE);

        assertThat(RolloutSource.describe(r, steps)).isEqualTo("baseline B5..V6, start old, migrate V7, deploy new");
    }

    @Test
    void should_describe_a_rollout_written_in_java() {
        Rollout r = Rollout.startWith("v1", IDLE).migrate("V2").deploy("v2", IDLE).retire("v1")
                .longTransaction("users", Duration.ofSeconds(3)).contract("V3", "V4");

        assertThat(RolloutSource.describe(r, STEPS)).isEqualTo(
                "start v1, migrate V2, deploy v2, retire v1, long-transaction users 3s, contract V3, contract V4");
    }

    private static MigrationStep step(String version, String description) {
        String file = "V" + version + "__" + description + ".sql";
        return new MigrationStep(version, description.replace('_', ' '), file, "db/" + file, List.of(), true);
    }
}
