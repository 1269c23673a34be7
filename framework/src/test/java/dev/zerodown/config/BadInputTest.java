package dev.zerodown.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerodown.engine.CompatibilityRun;
import dev.zerodown.load.AppVersionFactory;
import dev.zerodown.migrations.MigrationLoader;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.plan.Rollout;
import dev.zerodown.plan.RolloutFile;
import dev.zerodown.settings.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input handled before any database, with its exact one-line message: properties, setting values,
 * {@code since}, {@code seed}. (A seed's SQL error, which needs PostgreSQL, is in {@code SeedErrorTest}.)
 */
class BadInputTest {
    private static final AppVersionFactory IDLE = dataSource -> () -> { };
    /** The settings in the message's order (sorted), from the one list of names. */
    private static final String SETTINGS = String.join(", ", new java.util.TreeSet<>(dev.zerodown.settings.Settings.NAMES));
    private static final String PLACEHOLDER_FORMAT = "is not a list of name=value entries; write name=value entries,"
            + " comma-separated, such as schema=app,grants=select,insert (a comma starts a new entry only when name="
            + " follows it)";

    @TempDir
    static Path dir;
    static List<MigrationStep> steps;

    @BeforeAll
    static void migrations() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("db"));
        Files.writeString(folder.resolve("V1__create_users.sql"), "create table users (id bigint primary key);\n");
        Files.writeString(folder.resolve("V2__add_email.sql"), "alter table users add column email text;\n");
        Files.writeString(folder.resolve("R__views.sql"), "create or replace view v as select id from users;\n");
        steps = new MigrationLoader().load(List.of("filesystem:" + folder), Map.of(), BadInputTest.class.getClassLoader());
    }

    static Stream<Arguments> properties() {
        return Stream.of(
                Arguments.of("zerodown.soakk", "2s",
                        "Unknown property 'zerodown.soakk' (value '2s'); did you mean zerodown.soak?"),
                Arguments.of("zerodown.maxlockwait", "50ms",
                        "Unknown property 'zerodown.maxlockwait' (value '50ms'); did you mean zerodown.maxLockWait?"),
                Arguments.of("zerodown.postgresVersion", "16",
                        "Unknown property 'zerodown.postgresVersion' (value '16'); did you mean zerodown.postgresVersions?"),
                Arguments.of("zerodown.lockTimout", "1s",
                        "Unknown property 'zerodown.lockTimout' (value '1s'); did you mean zerodown.lockTimeout?"),
                Arguments.of("zerodown.severity", "strong-lock=off",
                        "Unknown property 'zerodown.severity' (value 'strong-lock=off'); did you mean zerodown.severities?"),
                Arguments.of("zerodown.seeds", "data.sql",
                        "Unknown property 'zerodown.seeds' (value 'data.sql'); did you mean zerodown.seed?"),
                Arguments.of("zerodown.binariesDir", "/opt/pg",
                        "Unknown property 'zerodown.binariesDir' (value '/opt/pg'); did you mean zerodown.binariesDirectory?"),
                Arguments.of("zerodown.colour", "blue",
                        "Unknown property 'zerodown.colour' (value 'blue'); accepted: zerodown.<setting> for the settings "
                                + SETTINGS + ", and zerodown.binariesDirectory, zerodown.clusterCache,"
                                + " zerodown.dataDirectory, zerodown.skip, zerodown.regressionRatio, zerodown.failOnRegression"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("properties")
    void should_reject_an_unknown_zerodown_property_naming_the_closest_valid_one(String key, String value,
                                                                                 String message) {
        Properties props = new Properties();
        props.setProperty(key, value);

        assertThatThrownBy(() -> Settings.defaults().withProperties(props))
                .isInstanceOf(ConfigurationException.class).hasMessage(message);
    }

    @Test
    void should_accept_every_setting_other_zerodown_properties_and_foreign_ones() {
        Properties props = new Properties();
        props.setProperty("zerodown.soak", "2s");
        props.setProperty("zerodown.binariesDirectory", "/opt/pg");
        props.setProperty("zerodown.skipBrowserTests", "true");
        props.setProperty("flyway.soakk", "whatever");

        assertThat(Settings.defaults().withProperties(props).soak()).hasSeconds(2);
        assertThat(Settings.unknownProperties(props)).isEmpty();
    }

    @Test
    void should_report_every_problem_of_the_properties_together() {
        Properties props = new Properties();
        props.setProperty("zerodown.soakk", "2s");
        props.setProperty("zerodown.clients", "0");
        props.setProperty("zerodown.rat", "10");

        assertThatThrownBy(() -> Settings.defaults().withProperties(props))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("3 configuration problems:\n"
                        + "- Unknown property 'zerodown.rat' (value '10'); did you mean zerodown.rate?\n"
                        + "- Unknown property 'zerodown.soakk' (value '2s'); did you mean zerodown.soak?\n"
                        + "- setting `clients` (property zerodown.clients): `0` is not a whole number from 1 to 1000;"
                        + " write digits only, such as 1")
                .extracting(e -> ((ConfigurationException) e).problems()).asList().hasSize(3);
    }

    static Stream<Arguments> goodPlaceholders() {
        return Stream.of(
                Arguments.of("grants=select,insert", Map.of("grants", "select,insert")),
                Arguments.of("grants=select,insert,owner=admin", Map.of("grants", "select,insert", "owner", "admin")),
                Arguments.of("schema=app, owner=admin", Map.of("schema", "app", "owner", "admin")),
                Arguments.of("list=a,b , c,flyway.x=1", Map.of("list", "a,b , c", "flyway.x", "1")),
                Arguments.of("expr=a=b,c", Map.of("expr", "a=b,c")),
                Arguments.of("empty=", Map.of("empty", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodPlaceholders")
    void should_accept_placeholder_values_with_commas(String value, Map<String, String> expected) {
        assertThat(Settings.defaults().with("placeholders", value).placeholders()).isEqualTo(expected);
    }

    @Test
    void should_replace_a_placeholder_whose_value_holds_commas() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("grants"));
        Files.writeString(folder.resolve("V1__grant.sql"), "grant ${grants} on users to ${role};\n");
        Settings s = Settings.defaults().with("placeholders", "grants=select,insert,role=app");

        List<MigrationStep> loaded = new MigrationLoader().load(List.of("filesystem:" + folder), s.placeholders(),
                BadInputTest.class.getClassLoader());

        assertThat(loaded.get(0).statements().get(0).sql()).isEqualTo("grant select,insert on users to app");
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("placeholders", "grants",
                        "setting `placeholders` (property zerodown.placeholders): `grants` " + PLACEHOLDER_FORMAT),
                Arguments.of("placeholders", "=select",
                        "setting `placeholders` (property zerodown.placeholders): `=select` " + PLACEHOLDER_FORMAT),
                Arguments.of("placeholders", "a b=c",
                        "setting `placeholders` (property zerodown.placeholders): `a b=c` " + PLACEHOLDER_FORMAT),
                Arguments.of("seedCache", "off",
                        "setting `seedCache` (property zerodown.seedCache): `off` is not a boolean; write true or false"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badSettings")
    void should_reject_a_bad_setting_value(String name, String value, String message) {
        assertThatThrownBy(() -> Settings.defaults().with(name, value))
                .isInstanceOf(ConfigurationException.class).hasMessage(message);
    }

    static Stream<Arguments> badSince() {
        return Stream.of(
                Arguments.of("R__views", "Setting 'since' (zerodown.since) names the repeatable script R__views.sql,"
                        + " which runs after the versioned steps and cannot start the check; name a versioned step:"
                        + " V1__create_users, V2__add_email"),
                Arguments.of("R__views.sql", "Setting 'since' (zerodown.since) names the repeatable script"
                        + " R__views.sql, which runs after the versioned steps and cannot start the check; name a"
                        + " versioned step: V1__create_users, V2__add_email"),
                Arguments.of("V9", "Setting 'since' (zerodown.since): unknown migration step 'V9'; available:"
                        + " V1__create_users, V2__add_email, R__views; name a step by version (V3) or file name"
                        + " (V3__add_column)"));
    }

    @ParameterizedTest(name = "since={0}")
    @MethodSource("badSince")
    void should_reject_a_since_that_names_no_versioned_step(String since, String message) {
        assertThatThrownBy(() -> RolloutFile.byDefault(steps, since, v -> IDLE))
                .isInstanceOf(ConfigurationException.class).hasMessage(message);
    }

    @Test
    void should_reject_an_explicit_seed_file_that_does_not_exist_in_the_plain_java_api() {
        Path missing = dir.resolve("no-such-seed.sql");
        CompatibilityRun run = run().settings(settings().with("seed", missing.toString()));

        assertThatThrownBy(run::plan).isInstanceOf(ConfigurationException.class)
                .hasMessage("Setting 'seed' (zerodown.seed) names " + missing
                        + ", which is not a file; fix the path or remove the setting to use the default");
    }

    @Test
    void should_accept_an_absent_default_seed_file() {
        assertThat(Files.exists(Path.of(Settings.defaults().seed()))).isFalse();

        assertThat(run().settings(settings()).plan().transitions()).hasSize(1);
    }

    @Test
    void should_report_a_missing_seed_and_a_bad_rollout_together() {
        Path missing = dir.resolve("gone.sql");
        CompatibilityRun run = CompatibilityRun.of("bad", Rollout.startWith("v1", IDLE).migrate("V7"))
                .settings(settings().with("seed", missing.toString()));

        assertThatThrownBy(run::plan).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("2 configuration problems:\n- Setting 'seed' (zerodown.seed) names " + missing
                        + ", which is not a file; fix the path or remove the setting to use the default\n- ")
                .hasMessageContaining("'V7'");
    }

    private static CompatibilityRun run() {
        return CompatibilityRun.of("bad-input", Rollout.empty().baseline("V1").start("v1", IDLE).migrate("V2"));
    }

    private static Settings settings() {
        return Settings.defaults().with("migrations", "filesystem:" + dir.resolve("db"));
    }
}
