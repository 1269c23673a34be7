package dev.zerodown.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.settings.FailOn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckInputsTest {
    @TempDir
    Path basedir;

    @Test
    void should_skip_a_module_without_the_default_migrations_folder() {
        CheckInputs inputs = CheckInputs.read(Map.of(), basedir);

        assertThat(inputs.nothingToCheck()).isTrue();
        assertThat(inputs.defaultMigrations()).isEqualTo(basedir.resolve("src/main/resources/db/migration"));
    }

    @Test
    void should_check_a_configured_migrations_folder_even_when_it_is_missing() {
        CheckInputs inputs = CheckInputs.read(Map.of("migrations", "db/missing"), basedir);

        assertThat(inputs.nothingToCheck()).isFalse();
        assertThat(inputs.settings().migrations()).containsExactly("filesystem:" + basedir.resolve("db/missing"));
    }

    @Test
    void should_resolve_the_default_migrations_folder_against_the_module() throws IOException {
        Files.createDirectories(basedir.resolve("src/main/resources/db/migration"));

        CheckInputs inputs = CheckInputs.read(Map.of(), basedir);

        assertThat(inputs.nothingToCheck()).isFalse();
        assertThat(inputs.settings().migrations())
                .containsExactly("filesystem:" + basedir.resolve("src/main/resources/db/migration"));
        assertThat(inputs.migrationFolders()).containsExactly(basedir.resolve("src/main/resources/db/migration"));
    }

    @Test
    void should_keep_classpath_locations_and_make_filesystem_ones_absolute() throws IOException {
        Files.createDirectories(basedir.resolve("src/main/resources/db/migration"));

        CheckInputs inputs = CheckInputs.read(Map.of("migrations", "classpath:db/migration, filesystem:extra"), basedir);

        assertThat(inputs.settings().migrations())
                .containsExactly("classpath:db/migration", "filesystem:" + basedir.resolve("extra"));
        assertThat(inputs.migrationFolders())
                .containsExactly(basedir.resolve("src/main/resources/db/migration"), basedir.resolve("extra"));
    }

    @Test
    void should_use_the_default_rollout_invariants_and_seed_only_when_present() throws IOException {
        Path folder = Files.createDirectories(basedir.resolve("src/test/zerodown"));
        Files.writeString(folder.resolve("rollout.txt"), "start old\n");

        CheckInputs inputs = CheckInputs.read(Map.of(), basedir);

        assertThat(inputs.rolloutFile()).isEqualTo(folder.resolve("rollout.txt"));
        assertThat(inputs.invariantsFile()).isNull();
        assertThat(inputs.settings().rollout()).isEqualTo(folder.resolve("rollout.txt").toString());
        assertThat(inputs.settings().seed()).isNull();
        assertThat(inputs.workloads()).isEqualTo(folder);
    }

    @Test
    void should_reject_an_unknown_zerodown_user_property_with_every_other_problem_together() {
        Properties user = new Properties();
        user.setProperty("zerodown.soakk", "2s");
        user.setProperty("zerodown.skip", "false");
        user.setProperty("maven.test.skip", "true");

        assertThatThrownBy(() -> CheckInputs.read(Map.of("rollout", "plans/rollout.txt", "seed", "data/seed.sql"),
                user, basedir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("3 configuration problems:\n"
                        + "- Unknown property 'zerodown.soakk' (value '2s'); did you mean zerodown.soak?\n"
                        + "- Setting 'rollout' (zerodown.rollout) names " + basedir.resolve("plans/rollout.txt")
                        + ", which is not a file; fix the path or remove the setting to use the default\n"
                        + "- Setting 'seed' (zerodown.seed) names " + basedir.resolve("data/seed.sql")
                        + ", which is not a file; fix the path or remove the setting to use the default");
    }

    @Test
    void should_accept_the_plugin_s_own_user_properties() {
        Properties user = new Properties();
        user.setProperty("zerodown.skip", "false");
        user.setProperty("zerodown.soak", "2s");

        assertThat(CheckInputs.read(Map.of(), user, basedir).nothingToCheck()).isTrue();
    }

    @Test
    void should_reject_a_configured_rollout_file_that_does_not_exist() {
        assertThatThrownBy(() -> CheckInputs.read(Map.of("rollout", "plans/rollout.txt"), basedir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Setting 'rollout' (zerodown.rollout) names " + basedir.resolve("plans/rollout.txt")
                        + ", which is not a file; fix the path or remove the setting to use the default");
    }

    @Test
    void should_reject_a_configured_seed_that_does_not_exist() {
        assertThatThrownBy(() -> CheckInputs.read(Map.of("seed", "data.sql"), basedir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Setting 'seed' (zerodown.seed) names ");
    }

    @Test
    void should_resolve_the_init_script_against_the_module_and_leave_it_unset_by_default() {
        assertThat(CheckInputs.read(Map.of(), basedir).settings().initScript()).isNull();
        assertThat(CheckInputs.read(Map.of("initScript", "src/test/zerodown/init.sql"), basedir).settings().initScript())
                .isEqualTo(basedir.toAbsolutePath().normalize().resolve("src/test/zerodown/init.sql").toString());
    }

    @Test
    void should_resolve_the_report_directory_against_the_module() {
        CheckInputs inputs = CheckInputs.read(Map.of("reportDirectory", "target/zerodown"), basedir);

        assertThat(inputs.settings().reportDirectory()).isEqualTo(basedir.resolve("target/zerodown").toString());
    }

    @Test
    void should_parse_every_other_setting_with_the_contract_parser() {
        CheckInputs inputs = CheckInputs.read(Map.of("failOn", "never", "clients", "2", "postgresVersions", "16,17"),
                basedir);

        assertThat(inputs.settings().failOn()).isEqualTo(FailOn.NEVER);
        assertThat(inputs.settings().clients()).isEqualTo(2);
        assertThat(inputs.settings().postgresVersions()).containsExactly(16, 17);
    }

    @Test
    void should_report_a_bad_value_in_one_line_naming_the_setting() {
        assertThatThrownBy(() -> CheckInputs.read(Map.of("severities", "no-such-hazard=error"), basedir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no-such-hazard")
                .hasMessageContaining("failed-requests")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
