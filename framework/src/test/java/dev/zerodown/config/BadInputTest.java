package dev.zerodown.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerodown.engine.CompatibilityRun;
import dev.zerodown.junit.MigrationCompatibility;
import dev.zerodown.junit.TransitionTest;
import dev.zerodown.project.Check;
import dev.zerodown.project.CheckInputs;
import dev.zerodown.project.CheckLog;
import dev.zerodown.result.TransitionResult;
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
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EventConditions;
import org.junit.platform.testkit.engine.TestExecutionResultConditions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input handled before any database, with its exact one-line message: properties, setting values,
 * {@code since}, {@code seed}, {@code workloads}, {@code invariants}, through each front door: the plain Java
 * API, the {@code @MigrationCompatibility} annotation (run with JUnit's EngineTestKit), and the project check
 * the Maven plugin and the CLI share ({@code CheckInputs} and {@code Check}, which both call with their
 * parameters; {@code CheckCommandTest} and the plugin's {@code bad-inputs} IT show the same lines there). (A
 * seed's SQL error, which needs PostgreSQL, is in {@code SeedErrorTest}.)
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
                                + " zerodown.skip, zerodown.regressionRatio, zerodown.failOnRegression,"
                                + " zerodown.shardReports, zerodown.captureUrl, zerodown.captureValues, zerodown.captureQueries,"
                                + " zerodown.captureServer"),
                Arguments.of("zerodown.shards", "2/4",
                        "Unknown property 'zerodown.shards' (value '2/4'); did you mean zerodown.shard?"));
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
                Arguments.of("shard", "x", "setting `shard` (property zerodown.shard): `x` is not a shard i/n (the"
                        + " i-th of n shards, i from 1 to n); write 2/4 for the second of four shards"),
                Arguments.of("shard", "2/0", "setting `shard` (property zerodown.shard): `2/0` is not a shard i/n (the"
                        + " i-th of n shards, i from 1 to n); write 2/4 for the second of four shards"),
                Arguments.of("shard", "0/4", "setting `shard` (property zerodown.shard): `0/4` is not a shard of 4"
                        + " (i from 1 to 4); write 1/4 to 4/4"),
                Arguments.of("shard", "5/4", "setting `shard` (property zerodown.shard): `5/4` is not a shard of 4"
                        + " (i from 1 to 4); write 1/4 to 4/4"),
                Arguments.of("shard", "2/1", "setting `shard` (property zerodown.shard): `2/1` is not a shard of 1"
                        + " (i from 1 to 1); write 1/1"),
                Arguments.of("cloneStrategy", "copy", "setting `cloneStrategy` (property zerodown.cloneStrategy): `copy` is"
                        + " not a clone strategy; write template (each run in a copy of the allowExternal database) or in-place"
                        + " (in that database itself)"),
                Arguments.of("seedCache", "off",
                        "setting `seedCache` (property zerodown.seedCache): `off` is not a boolean; write true or false"),
                Arguments.of("liquibaseContexts", "prod and",
                        "setting `liquibaseContexts` (property zerodown.liquibaseContexts): `prod and` is not a Liquibase"
                                + " context expression; write names joined by `,`, `and`, `or`, with `!` or `not` and"
                                + " parentheses, as Liquibase's --contexts takes them (e.g. `prod, eu` or `!test and (eu or us)`)"),
                Arguments.of("liquibaseLabels", "(eu or us",
                        "setting `liquibaseLabels` (property zerodown.liquibaseLabels): `(eu or us` is not a Liquibase"
                                + " label expression; write names joined by `,`, `and`, `or`, with `!` or `not` and"
                                + " parentheses, as Liquibase's --labels takes them (e.g. `prod, eu` or `!test and (eu or us)`)"),
                Arguments.of("rate", "fast", "setting `rate` (property zerodown.rate): `fast` is not a number of at least"
                        + " 0; write requests per second, such as 200 (0 = closed loop), or profile"),
                Arguments.of("longTransaction", "5", "setting `longTransaction` (property zerodown.longTransaction): `5`"
                        + " is not a duration; write a whole number with a unit ms, s, m or h, such as 500ms, 2s or 1m"));
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
    void should_reject_an_explicit_profile_that_does_not_exist_in_the_plain_java_api() {
        Path missing = dir.resolve("no-such-profile.json");
        CompatibilityRun run = run().settings(settings().with("profile", missing.toString()));

        assertThatThrownBy(run::plan).isInstanceOf(ConfigurationException.class)
                .hasMessage("Setting 'profile' (zerodown.profile) names " + missing
                        + ", which is not a file; fix the path or remove the setting to use the default");
    }

    @Test
    void should_reject_an_init_script_that_does_not_exist() {
        Path missing = dir.resolve("no-such-init.sql");
        CompatibilityRun run = run().settings(settings().with("initScript", missing.toString()));

        assertThatThrownBy(run::plan).isInstanceOf(ConfigurationException.class)
                .hasMessage("setting `initScript` (property zerodown.initScript): `" + missing + "` is not a file;"
                        + " write the path of the SQL file to run before the baseline,"
                        + " relative to the working directory (the module's folder under Maven), or leave the setting out");
    }

    @Test
    void should_reject_a_java_migration_naming_the_class_and_what_to_write_instead() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("java-migration"));
        Files.writeString(folder.resolve("V1__create_users.sql"), "create table users (id bigint primary key);\n");
        Files.writeString(folder.resolve("V2__Fill_users.java"), "public class V2__Fill_users extends BaseJavaMigration {}\n");

        assertThatThrownBy(() -> new MigrationLoader().load(List.of("filesystem:" + folder), Map.of(), null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(folder.resolve("V2__Fill_users.java") + ": a Java migration (class V2__Fill_users), and"
                        + " Zerodown runs SQL migrations only; write what it does as SQL in V2__Fill_users.sql and remove"
                        + " the class from the migrations location");
    }

    @Test
    void should_accept_an_absent_default_seed_file() {
        assertThat(Files.exists(Path.of(Settings.defaults().seed()))).isFalse();

        assertThat(run().settings(settings()).plan().transitions()).extracting(t -> t.name())
                .as("R__views, which the rollout does not name, runs after V2 as Flyway runs it")
                .containsExactly("V2__add_email under [v1]", "R__views under [v1]");
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

    // --- the project check of the Maven plugin and the CLI: parameters (pom, -D, --option) over a project folder ---

    static Stream<Arguments> projectInputs() {
        Path db = dir.resolve("db");
        return Stream.of(
                Arguments.of("workloads=no-such-folder", Map.of("workloads", "no-such-folder"),
                        "Setting 'workloads' (zerodown.workloads) names " + dir.resolve("no-such-folder")
                                + ", which is not a folder; fix the path or remove the setting to use the default"),
                Arguments.of("workload file nwe.sql, versions old and new", Map.of("workloads", "typo"),
                        "Workload file nwe.sql in " + dir.resolve("typo") + " (setting `workloads`) is named after no"
                                + " version of the rollout (versions: old, new); rename it to new.sql, or move it out of"
                                + " the folder"),
                Arguments.of("workload file V1.sql, versions v1 and v2 of a rollout file",
                        Map.of("workloads", "capital", "rollout", "rollout.txt"),
                        "Workload file V1.sql in " + dir.resolve("capital") + " (setting `workloads`) is named after no"
                                + " version of the rollout (versions: v1, v2); rename it to v1.sql, or move it out of"
                                + " the folder"),
                Arguments.of("workload file orders.sql, no version near it", Map.of("workloads", "unrelated"),
                        "Workload file orders.sql in " + dir.resolve("unrelated") + " (setting `workloads`) is named"
                                + " after no version of the rollout (versions: old, new); rename it to <version>.sql,"
                                + " or move it out of the folder"),
                Arguments.of("invariants=no-such.sql", Map.of("invariants", "no-such.sql"),
                        "Setting 'invariants' (zerodown.invariants) names " + dir.resolve("no-such.sql")
                                + ", which is not a file; fix the path or remove the setting to use the default"),
                Arguments.of("rollout=no-such.txt", Map.of("rollout", "no-such.txt"),
                        "Setting 'rollout' (zerodown.rollout) names " + dir.resolve("no-such.txt")
                                + ", which is not a file; fix the path or remove the setting to use the default"),
                Arguments.of("profile=no-such.json", Map.of("profile", "no-such.json"),
                        "Setting 'profile' (zerodown.profile) names " + dir.resolve("no-such.json")
                                + ", which is not a file; fix the path or remove the setting to use the default"),
                Arguments.of("since=R__views", Map.of("since", "R__views"),
                        "Setting 'since' (zerodown.since) names the repeatable script R__views.sql, which runs after"
                                + " the versioned steps and cannot start the check; name a versioned step:"
                                + " V1__create_users, V2__add_email"),
                Arguments.of("since=V1 with a rollout file that migrates V2", Map.of("since", "V1", "rollout", "rollout.txt"),
                        "Setting 'since' (zerodown.since) names V1__create_users, which the rollout applies as its"
                                + " baseline; name a step it migrates: V2__add_email"),
                Arguments.of("severities=strong-lock=loud", Map.of("severities", "strong-lock=loud"),
                        "setting `severities` (property zerodown.severities): `loud` is not a severity;"
                                + " write error, warning or off"))
                .map(a -> Arguments.of(a.get()[0], withMigrations((Map<?, ?>) a.get()[1], db), a.get()[2]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projectInputs")
    void should_reject_a_bad_project_input_of_the_plugin_and_the_cli_in_one_line(String what, Map<String, String> parameters,
                                                                                 String message) throws IOException {
        project();

        assertThatThrownBy(() -> Check.prepare("bad", CheckInputs.read(parameters, new Properties(), dir),
                BadInputTest.class.getClassLoader(), SILENT))
                .isInstanceOf(ConfigurationException.class).hasMessage(message);
    }

    static Stream<Arguments> liquibaseChangelogs() {
        String head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<databaseChangeLog"
                + " xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog"
                + " http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n";
        return Stream.of(
                Arguments.of("precondition.xml", head + "<changeSet id=\"1\" author=\"a\">\n"
                                + "  <preConditions><tableExists tableName=\"t\"/></preConditions>\n"
                                + "  <sql>select 1</sql>\n</changeSet>\n</databaseChangeLog>\n",
                        ":3: Liquibase preconditions are not supported (this changeset has preConditions): Zerodown"
                                + " cannot tell whether Liquibase would run, skip or fail it; remove the preConditions,"
                                + " or move the changesets to a changelog Zerodown does not check"),
                Arguments.of("include.xml", head + "<include file=\"missing.xml\" relativeToChangelogFile=\"true\"/>\n"
                                + "</databaseChangeLog>\n",
                        ": Liquibase cannot read this changelog: The file missing.xml was not found in the configured"
                                + " search path: - " + dir.resolve("liquibase") + " - " + Path.of("").toAbsolutePath() + "; Zerodown looks for included files"
                                + " next to the changelog, in the working directory and on the class path: fix the path,"
                                + " or use relativeToChangelogFile=\"true\""),
                Arguments.of("command.xml", head + "<changeSet id=\"1\" author=\"a\">\n"
                                + "  <executeCommand executable=\"./seed.sh\"/>\n</changeSet>\n</databaseChangeLog>\n",
                        ":4: the Liquibase change 'executeCommand' is not supported: it runs code or stops the update,"
                                + " which Zerodown cannot render as SQL; move it to a changelog Zerodown does not check,"
                                + " or write the SQL it runs in a <sql> change"),
                Arguments.of("transaction.yaml", "databaseChangeLog:\n  - changeSet:\n      id: 1\n      author: a\n"
                                + "      changes:\n        - sql: {sql: create index concurrently t_a on t (a)}\n",
                        ":6: Liquibase runs this migration in one transaction, where PostgreSQL refuses create index"
                                + " concurrently t_a on t (a); write runInTransaction: false on the changeset at "
                                + dir.resolve("liquibase/transaction.yaml") + ":2 (or move the statement into a"
                                + " migration of its own)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("liquibaseChangelogs")
    void should_reject_a_liquibase_changelog_zerodown_cannot_check_with_file_and_line(String file, String text,
                                                                                     String message) throws IOException {
        Path changelog = Files.createDirectories(dir.resolve("liquibase")).resolve(file);
        Files.writeString(changelog, text);
        Map<String, String> parameters = Map.of("migrations", changelog.toString(), "migrationsFormat", "liquibase");

        assertThatThrownBy(() -> Check.prepare("bad", CheckInputs.read(parameters, new Properties(), dir),
                BadInputTest.class.getClassLoader(), SILENT))
                .isInstanceOf(ConfigurationException.class).hasMessage(changelog + message);
    }

    /** The project beside the migrations in {@code dir/db}: workload folders with misnamed files, a rollout file. */
    private static void project() throws IOException {
        Files.writeString(Files.createDirectories(dir.resolve("typo")).resolve("nwe.sql"), "select 1;\n");
        Files.writeString(Files.createDirectories(dir.resolve("typo")).resolve("old.sql"), "select 1;\n");
        Files.writeString(Files.createDirectories(dir.resolve("capital")).resolve("V1.sql"), "select 1;\n");
        Files.writeString(dir.resolve("capital/v2.sql"), "select 1;\n");
        Files.writeString(dir.resolve("capital/seed.sql"), "insert into users values (1);\n");
        Files.writeString(Files.createDirectories(dir.resolve("unrelated")).resolve("orders.sql"), "select 1;\n");
        Files.writeString(dir.resolve("rollout.txt"), "start v1\nmigrate V2\ndeploy v2\n");
    }

    private static Map<String, String> withMigrations(Map<?, ?> parameters, Path db) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("migrations", db.toString());
        parameters.forEach((k, v) -> m.put((String) k, (String) v));
        return m;
    }

    private static final CheckLog SILENT = new CheckLog() {
        @Override
        public void info(String line) {
        }

        @Override
        public void warn(String line) {
        }
    };

    // --- the JUnit extension: @MigrationCompatibility attributes and the zerodown.* system properties it reads ---

    static Stream<Arguments> annotationInputs() {
        Path junit = Path.of("src/test/resources/junit").toAbsolutePath();
        return Stream.of(
                Arguments.of(MissingWorkloads.class, null, "Setting 'workloads' (zerodown.workloads) names "
                        + junit.resolve("no-such-workloads") + ", which is not a folder; fix the path or remove the"
                        + " setting to use the default"),
                Arguments.of(MisnamedWorkload.class, null, "Workload file V1.sql in " + junit.resolve("misnamed-workloads")
                        + " (setting `workloads`) is named after no version of the rollout (versions: v1); rename it to"
                        + " v1.sql, or move it out of the folder"),
                Arguments.of(WorkloadOfAJavaVersion.class, null, "Workload file v1.sql in "
                        + junit.resolve("expand-workloads") + " (setting `workloads`) is not used: the rollout gives"
                        + " version v1 Java code; remove the file, or give the version no code (start(\"v1\") or"
                        + " deploy(\"v1\")) to run it"),
                Arguments.of(MissingInvariants.class, null, "Setting 'invariants' (zerodown.invariants) names "
                        + junit.resolve("no-such-invariants.sql") + ", which is not a file; fix the path or remove the"
                        + " setting to use the default"),
                Arguments.of(SinceRepeatable.class, null, "Setting 'since' (zerodown.since) names the repeatable script"
                        + " R__customer_names.sql, which runs after the versioned steps and cannot start the check; name a"
                        + " versioned step: V1__create_customers, V2__add_email"),
                Arguments.of(SinceBaseline.class, null, "Setting 'since' (zerodown.since) names V1__create_customers,"
                        + " which the rollout applies as its baseline; name a step it migrates: V2__add_email,"
                        + " V3__add_nickname"),
                Arguments.of(SinceUnknown.class, null, "Setting 'since' (zerodown.since): unknown migration step 'V9';"
                        + " available: V1__create_customers, V2__add_email, V3__add_nickname; name a step by version (V3)"
                        + " or file name (V3__add_column)"),
                Arguments.of(Plain.class, "zerodown.failOn=never", "setting `failOn` (property zerodown.failOn) is not"
                        + " read by the JUnit extension, only by the Maven plugin (<failOn>) and the CLI (--failOn); in"
                        + " JUnit use `@TransitionTest(defaultChecks = false)`; remove zerodown.failOn from the tests' JVM"
                        + " (Surefire hands the build's -D properties to the tests: give the plugin's value in its"
                        + " <configuration>)"),
                Arguments.of(Plain.class, "zerodown.rollout=src/test/zerodown/rollout.txt", "setting `rollout` (property"
                        + " zerodown.rollout) is not read by the JUnit extension, only by the Maven plugin (<rollout>) and"
                        + " the CLI (--rollout); in JUnit use `@MigrationCompatibility.Rollout`; remove zerodown.rollout"
                        + " from the tests' JVM (Surefire hands the build's -D properties to the tests: give the plugin's"
                        + " value in its <configuration>)"),
                Arguments.of(Plain.class, "zerodown.workloads=src/test/resources/junit/none", "Setting 'workloads'"
                        + " (zerodown.workloads) names " + junit.resolve("none") + ", which is not a folder; fix the path"
                        + " or remove the setting to use the default"),
                Arguments.of(BadSoak.class, null, "setting `soak` (property zerodown.soak): `fast` is not a duration;"
                        + " write a whole number with a unit ms, s, m or h, such as 500ms, 2s or 1m"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("annotationInputs")
    void should_fail_a_test_class_with_a_bad_input_before_any_database_starts(Class<?> testClass, String property,
                                                                             String message) {
        String key = property == null ? null : property.substring(0, property.indexOf('='));
        if (key != null) {
            System.setProperty(key, property.substring(key.length() + 1));
        }
        try {
            EngineTestKit.engine("junit-jupiter").selectors(DiscoverySelectors.selectClass(testClass)).execute()
                    .containerEvents().assertThatEvents().haveExactly(1, EventConditions.event(
                            EventConditions.container(testClass), EventConditions.finishedWithFailure(
                                    TestExecutionResultConditions.instanceOf(ExtensionConfigurationException.class),
                                    TestExecutionResultConditions.message(testClass.getSimpleName() + ": " + message))));
        } finally {
            if (key != null) {
                System.clearProperty(key);
            }
        }
    }

    /**
     * What every test class below shares: a transition test that would pass; the bad input is the only problem.
     * (The nearest {@code @MigrationCompatibility} wins as a whole, so each class names its migrations.)
     */
    abstract static class Checked {
        @TransitionTest
        void eachTransition(TransitionResult result) {
        }
    }

    @MigrationCompatibility(migrations = "classpath:junit/expand", soak = "200ms")
    static class Plain extends Checked {
        @MigrationCompatibility.Rollout
        static Rollout rollout() {
            return Rollout.startWith("v1", IDLE).migrate("V2", "V3");
        }
    }

    @MigrationCompatibility(migrations = "classpath:junit/expand", workloads = "src/test/resources/junit/no-such-workloads")
    static class MissingWorkloads extends Plain {
    }

    @MigrationCompatibility(migrations = "classpath:engine/rename-naive", workloads = "src/test/resources/junit/misnamed-workloads")
    static class MisnamedWorkload extends Checked {
        @MigrationCompatibility.Rollout
        static Rollout rollout() {
            return Rollout.startWith("v1").migrate("V2");
        }
    }

    @MigrationCompatibility(migrations = "classpath:junit/expand", workloads = "src/test/resources/junit/expand-workloads")
    static class WorkloadOfAJavaVersion extends Checked {
        @MigrationCompatibility.Rollout
        static Rollout rollout() {
            return Rollout.startWith("v1", IDLE).migrate("V2").deploy("v2").retire("v1").migrate("V3");
        }
    }

    @MigrationCompatibility(migrations = "classpath:junit/expand", invariants = "src/test/resources/junit/no-such-invariants.sql")
    static class MissingInvariants extends Plain {
    }

    @MigrationCompatibility(migrations = "classpath:junit/repeatable", since = "R__customer_names")
    static class SinceRepeatable extends Checked {
        @MigrationCompatibility.Rollout
        static Rollout rollout() {
            return Rollout.startWith("v1", IDLE).migrate("V2");
        }
    }

    @MigrationCompatibility(migrations = "classpath:junit/expand", since = "V1")
    static class SinceBaseline extends Plain {
    }

    @MigrationCompatibility(migrations = "classpath:junit/expand", since = "V9")
    static class SinceUnknown extends Plain {
    }

    @MigrationCompatibility(migrations = "classpath:junit/expand", soak = "fast")
    static class BadSoak extends Plain {
    }

    private static CompatibilityRun run() {
        return CompatibilityRun.of("bad-input", Rollout.empty().baseline("V1").start("v1", IDLE).migrate("V2"));
    }

    private static Settings settings() {
        return Settings.defaults().with("migrations", "filesystem:" + dir.resolve("db"));
    }
}
