package dev.zerodown.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import dev.zerodown.config.ConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MigrationStepsTest {
    private static final List<MigrationStep> STEPS = List.of(
            step("1", "V1__init.sql"),
            step("1.1", "V1_1__add_column.sql"),
            step("3", "V3__backfill.sql"),
            step(null, "R__views.sql"));

    @ParameterizedTest(name = "{0} -> step {1}")
    @CsvSource({
        "V1, 0", "1, 0", "V1.0, 0", "V1__init, 0", "V1__init.sql, 0",
        "V1.1, 1", "V1_1, 1", "v1.1, 1", "1.1, 1", "V1_1__add_column.sql, 1",
        "V3, 2", "V03, 2", "V3__backfill, 2",
        "R__views, 3", "R__views.sql, 3"})
    void should_find_a_step_by_version_or_file_name(String name, int index) {
        assertThat(MigrationSteps.indexOf(STEPS, name)).isEqualTo(index);
        assertThat(MigrationSteps.find(STEPS, name)).isSameAs(STEPS.get(index));
    }

    @Test
    void should_reject_an_unknown_step_listing_the_available_ones() {
        assertThatThrownBy(() -> MigrationSteps.find(STEPS, "V2"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Unknown migration step 'V2'; available: V1__init, V1_1__add_column, V3__backfill, R__views;"
                        + " name a step by version (V3) or file name (V3__add_column)");
    }

    @Test
    void should_put_the_context_in_front_of_the_error() {
        assertThatThrownBy(() -> MigrationSteps.indexOf(STEPS, "V9", "rollout.txt:4"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("rollout.txt:4: unknown migration step 'V9'; available: V1__init,");
    }

    private static MigrationStep step(String version, String file) {
        return new MigrationStep(version, "d", file, file, List.of(), true);
    }
}
