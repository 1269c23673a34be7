package dev.zerodown.settings;

import dev.zerodown.config.ConfigurationException;
import dev.zerodown.hazards.Severities;
import dev.zerodown.load.AppRoles;
import dev.zerodown.load.SyntheticMix;
import dev.zerodown.migrations.MigrationsFormat;
import dev.zerodown.postgres.ProviderKind;
import dev.zerodown.profile.Scale;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * One setting of the contract, described once: its name (the annotation attribute, the plugin
 * parameter, the CLI option {@code --<name>} and the property {@code zerodown.<name>}), how its text is
 * parsed, its default, the front doors that accept it and a one-line description. {@link Settings}
 * takes its names, its parsing and its defaults from here; docs/configuration.md's cross-reference
 * table is generated from here (and a test fails when they disagree).
 *
 * <p>In plain Java: {@code CompatibilityRun.of(...).with(Setting.SOAK, Duration.ofMillis(500))}.
 *
 * @param <T> the setting's value type
 */
@API(status = API.Status.STABLE)
public final class Setting<T> {
    /** Where a setting can be given. */
    public enum Door { ANNOTATION, PROPERTY, PLUGIN, CLI }

    private static final List<Setting<?>> ALL = new ArrayList<>();

    /** Where PostgreSQL comes from: embedded, testcontainers, external or auto. */
    public static final Setting<ProviderKind> PROVIDER = define("provider", p -> ProviderKind.parse(p.value()), ProviderKind.EMBEDDED,
            "`embedded`", null, "Where PostgreSQL comes from: embedded, testcontainers, external or auto.");

    /** One or more majors from 13 to 18; the whole rollout runs once per major. */
    public static final Setting<List<Integer>> POSTGRES_VERSIONS = define("postgresVersions", SettingsParser::majors, List.of(17),
            "`17`", null, "One or more majors from 13 to 18; the whole rollout runs once per major.");

    /** For external: the server's JDBC URL. */
    public static final Setting<String> JDBC_URL = define("jdbcUrl", SettingsParser::text, null,
            "–", null, "For external: the server's JDBC URL.");

    /** For external: the database of jdbcUrl that Zerodown may create and drop databases on. */
    public static final Setting<String> ALLOW_EXTERNAL = define("allowExternal", SettingsParser::text, null,
            "–", null, "For external: the database of jdbcUrl that Zerodown may create and drop databases on.");

    /** The Flyway history table of the database a run starts from; the versions it records as applied are not re-applied. */
    public static final Setting<String> FLYWAY_TABLE = define("flywayTable", SettingsParser::text, "flyway_schema_history",
            "`flyway_schema_history`", null,
            "The Flyway history table of the database a run starts from; the versions it records as applied are not re-applied.");

    /** For external with allowExternal: template (runs in copies of the database) or in-place (in the database itself). */
    @API(status = API.Status.EXPERIMENTAL)
    public static final Setting<String> CLONE_STRATEGY = define("cloneStrategy", SettingsParser::cloneStrategy, "template",
            "`template`", null, "For external with allowExternal: template (runs in copies of the database) or in-place (in the database itself).");

    /** For testcontainers and auto: the image. */
    public static final Setting<String> IMAGE = define("image", SettingsParser::text, null,
            "`postgres:<major>`", null, "For testcontainers and auto: the image.");

    /** For embedded: where the server's data directory goes: auto (memory when it has room), memory, disk, or a folder. */
    @API(status = API.Status.EXPERIMENTAL)
    public static final Setting<String> DATA_DIRECTORY = define("dataDirectory", SettingsParser::dataDirectory, "auto",
            "`auto`", null, "For embedded: where the server's data directory goes: auto (memory when it has room), memory, disk, or a folder.");

    /** Flyway location(s), comma-separated. */
    public static final Setting<List<String>> MIGRATIONS = define("migrations", SettingsParser::list, List.of("classpath:db/migration"),
            "`classpath:db/migration` (JUnit), `src/main/resources/db/migration` (plugin)", null, "Flyway location(s), comma-separated.");

    /** How the migrations are laid out: flyway, diesel, golang-migrate, dbmate or liquibase. */
    @API(status = API.Status.EXPERIMENTAL)
    public static final Setting<MigrationsFormat> MIGRATIONS_FORMAT = define("migrationsFormat", p -> MigrationsFormat.parse(p.value()),
            MigrationsFormat.FLYWAY, "`flyway`", null,
            "How the migrations are laid out: flyway, diesel, golang-migrate, dbmate or liquibase.");

    /** With liquibase: the contexts of the update (Liquibase's --contexts); unset runs every changeset. */
    @API(status = API.Status.EXPERIMENTAL)
    public static final Setting<String> LIQUIBASE_CONTEXTS = define("liquibaseContexts", p -> p.liquibaseExpression("context"), null,
            "unset", null, "With liquibase: the contexts of the update (Liquibase's --contexts); unset runs every changeset.");

    /** With liquibase: the label expression of the update (Liquibase's --labels); unset runs every changeset. */
    @API(status = API.Status.EXPERIMENTAL)
    public static final Setting<String> LIQUIBASE_LABELS = define("liquibaseLabels", p -> p.liquibaseExpression("label"), null,
            "unset", null, "With liquibase: the label expression of the update (Liquibase's --labels); unset runs every changeset.");

    /** Flyway $&#123;name&#125; values, name=value pairs. */
    public static final Setting<Map<String, String>> PLACEHOLDERS = define("placeholders", SettingsParser::map, Map.of(),
            "none", null, "Flyway ${name} values, name=value pairs.");

    /** Allow scripts that mix transactional and non-transactional statements (Flyway's mixed). */
    public static final Setting<Boolean> MIXED = define("mixed", SettingsParser::bool, false,
            "`false`", null, "Allow scripts that mix transactional and non-transactional statements (Flyway's mixed).");

    /** Folder of &lt;version&gt;.sql workload files. */
    public static final Setting<String> WORKLOADS = define("workloads", SettingsParser::text, "src/test/zerodown",
            "`src/test/zerodown`", null, "Folder of <version>.sql workload files.");

    /** The rollout file. */
    public static final Setting<String> ROLLOUT = define("rollout", SettingsParser::text, "src/test/zerodown/rollout.txt",
            "`src/test/zerodown/rollout.txt`", "– (`@MigrationCompatibility.Rollout`)", "The rollout file.");

    /** The invariants file. */
    public static final Setting<String> INVARIANTS = define("invariants", SettingsParser::text, "src/test/zerodown/invariants.sql",
            "`src/test/zerodown/invariants.sql`", null, "The invariants file.");

    /** SQL run before the baseline: the roles, extensions and settings the migrations expect of the server. */
    public static final Setting<String> INIT_SCRIPT = define("initScript", SettingsParser::text, null,
            "unset", null, "SQL run before the baseline: the roles, extensions and settings the migrations expect of the server.");

    /** SQL run once after the baseline, without load. */
    public static final Setting<String> SEED = define("seed", SettingsParser::text, "src/test/zerodown/seed.sql",
            "`src/test/zerodown/seed.sql` if present", null, "SQL run once after the baseline, without load.");

    /** The first step to check; earlier steps are the baseline. */
    public static final Setting<String> SINCE = define("since", SettingsParser::text, null,
            "the highest version only (no rollout file), else the whole rollout", null,
            "The first step to check; earlier steps are the baseline.");

    /** Client threads per live version. */
    public static final Setting<Integer> CLIENTS = define("clients", p -> (int) p.number(1, 1000), 4,
            "`4`", null, "Client threads per live version.");

    /** Requests per second per live version (open loop); 0 = closed loop; profile = the profile's calls per second. */
    public static final Setting<Double> RATE = define("rate", SettingsParser::rate, 200.0,
            "`200`", null, "Requests per second per live version (open loop); 0 = closed loop; profile = the profile's calls per second.");

    /** Time on each new state after a transition, under load. */
    public static final Setting<Duration> SOAK = define("soak", SettingsParser::duration, Duration.ofSeconds(1),
            "`1s`", null, "Time on each new state after a transition, under load.");

    /** How often the lock sampler reads pg_locks. */
    public static final Setting<Duration> SAMPLE_INTERVAL = define("sampleInterval", SettingsParser::positiveDuration, Duration.ofMillis(5),
            "`5ms`", null, "How often the lock sampler reads pg_locks.");

    /** A request waiting longer than this on the migration is blocked-requests. */
    public static final Setting<Duration> MAX_LOCK_WAIT = define("maxLockWait", SettingsParser::duration, Duration.ofMillis(100),
            "`100ms`", null, "A request waiting longer than this on the migration is blocked-requests.");

    /** A transaction writing more rows than this is unbatched-backfill. */
    public static final Setting<Long> BATCH_ROWS = define("batchRows", p -> p.number(1, Long.MAX_VALUE), 10_000L,
            "`10000`", null, "A transaction writing more rows than this is unbatched-backfill.");

    /** A step still running after this is cancelled and reported. */
    public static final Setting<Duration> STEP_TIMEOUT = define("stepTimeout", SettingsParser::positiveDuration, Duration.ofSeconds(60),
            "`60s`", null, "A step still running after this is cancelled and reported.");

    /** If set, applied to the migration connection as a runner would. */
    public static final Setting<Duration> LOCK_TIMEOUT = define("lockTimeout", p -> p.text() == null ? null : p.positiveDuration(), null,
            "unset", null, "If set, applied to the migration connection as a runner would.");

    /** With lockTimeout: retries of a statement that timed out waiting for its lock. */
    public static final Setting<Integer> LOCK_RETRIES = define("lockRetries", p -> (int) p.number(0, 100), 0,
            "`0`", null, "With lockTimeout: retries of a statement that timed out waiting for its lock.");

    /** A session holds ACCESS SHARE on every pre-existing table this long from just before each step; 0 = none. */
    @API(status = API.Status.EXPERIMENTAL)
    public static final Setting<Duration> LONG_TRANSACTION = define("longTransaction",
            p -> p.text() == null ? null : "0".equals(p.text()) ? Duration.ZERO : p.duration(), null,
            "unset", null, "A session holds ACCESS SHARE on every pre-existing table this long from just before each step; 0 = none.");

    /** Per hazard id: error, warning or off. */
    public static final Setting<Severities> SEVERITIES = define("severities", SettingsParser::severities, Severities.defaults(),
            "the catalogue's", null, "Per hazard id: error, warning or off.");

    /** Build result: error, warning or never. */
    public static final Setting<FailOn> FAIL_ON = define("failOn", p -> FailOn.parse(p.value()), FailOn.ERROR,
            "`error`", "– (`@TransitionTest(defaultChecks = false)`)", "Build result: error, warning or never.");

    /** Where reports go. */
    public static final Setting<String> REPORT_DIRECTORY = define("reportDirectory", SettingsParser::text, "target/zerodown",
            "`target/zerodown`", null, "Where reports go.");

    /** This CI runner's slice of the check's runs, i/n; zerodown:merge joins the shards' reports. */
    @API(status = API.Status.EXPERIMENTAL)
    public static final Setting<Shard> SHARD = define("shard", p -> p.text() == null ? null : Shard.parse(p.value()), null,
            "unset (every run)", "–", "This CI runner's slice of the check's runs, i/n; zerodown:merge joins the shards' reports.");

    /** Seed of the workloads' random generators. */
    public static final Setting<Long> RANDOM_SEED = define("randomSeed", p -> p.number(Long.MIN_VALUE, Long.MAX_VALUE), 42L,
            "`42`", null, "Seed of the workloads' random generators.");

    /** The database role(s) the live versions connect as. */
    public static final Setting<AppRoles> APP_ROLE = define("appRole", p -> AppRoles.parse(p.value()), AppRoles.NONE,
            "unset", null, "The database role(s) the live versions connect as.");

    /** Weights of synthetic reads, updates, inserts and deletes. */
    public static final Setting<SyntheticMix> SYNTHETIC_MIX = define("syntheticMix", p -> SyntheticMix.parse(p.value()), SyntheticMix.DEFAULT,
            "`70/20/7/3`", null, "Weights of synthetic reads, updates, inserts and deletes.");

    /** A production profile to seed the baseline to. */
    public static final Setting<String> PROFILE = define("profile", SettingsParser::text, "src/test/zerodown/profile.json",
            "`src/test/zerodown/profile.json` if present", null, "A production profile to seed the baseline to.");

    /** Fraction of the profile's rows to seed, or auto. */
    @API(status = API.Status.EXPERIMENTAL)
    public static final Setting<Scale> SCALE = define("scale", p -> Scale.parse(p.value()), Scale.AUTO,
            "`auto`", null, "Fraction of the profile's rows to seed, or auto.");

    /** With scale=auto: the most rows any table gets from the profile. */
    public static final Setting<Long> MAX_SEED_ROWS = define("maxSeedRows", p -> p.number(1, Long.MAX_VALUE), 100_000L,
            "`100000`", null, "With scale=auto: the most rows any table gets from the profile.");

    /** A folder every run appends its figures to (history.jsonl). */
    public static final Setting<String> HISTORY = define("history", SettingsParser::text, null,
            "unset", null, "A folder every run appends its figures to (history.jsonl).");

    /** A named set of settings (nightly); explicit settings still win. */
    public static final Setting<Preset> PRESET = define("preset", p -> Preset.parse(p.value()), Preset.NONE,
            "none", null, "A named set of settings (nightly); explicit settings still win.");

    /** With a profile: predict each lock's hold at production size. */
    public static final Setting<Boolean> PREDICT = define("predict", SettingsParser::bool, true,
            "`true`", null, "With a profile: predict each lock's hold at production size.");

    /** Start from a seeded template kept per server and inputs, and on disk across runs, instead of re-applying the baseline. */
    public static final Setting<Boolean> SEED_CACHE = define("seedCache", SettingsParser::bool, true,
            "`true`", null,
            "Start from a seeded template kept per server and inputs, and on disk across runs, instead of re-applying the baseline.");

    private final String name;
    private final Function<SettingsParser, T> parser;
    private final T defaultValue;
    private final String defaultText;
    private final String annotationText;
    private final String doc;

    private Setting(String name, Function<SettingsParser, T> parser, T defaultValue, String defaultText,
                    String annotationText, String doc) {
        this.name = name;
        this.parser = parser;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.annotationText = annotationText;
        this.doc = doc;
    }

    private static <T> Setting<T> define(String name, Function<SettingsParser, T> parser, T defaultValue,
                                         String defaultText, String annotationText, String doc) {
        Setting<T> s = new Setting<>(name, parser, defaultValue, defaultText, annotationText, doc);
        ALL.add(s);
        return s;
    }

    /** Every setting, in the contract's order. */
    public static List<Setting<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** The setting of this name, if there is one. */
    public static Optional<Setting<?>> named(String name) {
        return ALL.stream().filter(s -> s.name.equals(name)).findFirst();
    }

    public String name() {
        return name;
    }

    /** The user or system property, {@code zerodown.<name>}. */
    public String property() {
        return "zerodown." + name;
    }

    /** The value when nothing sets it (the JUnit flavour; the plugin resolves paths against the module). */
    public T defaultValue() {
        return defaultValue;
    }

    /** The default as the docs write it. */
    public String defaultText() {
        return defaultText;
    }

    /** The one-line description. */
    public String doc() {
        return doc;
    }

    /** The front doors that accept it: every setting but the plugin-only ones has an annotation attribute. */
    public Set<Door> doors() {
        return annotationText == null ? EnumSet.allOf(Door.class) : EnumSet.of(Door.PROPERTY, Door.PLUGIN, Door.CLI);
    }

    /** The annotation column of the docs' table: the attribute, or why there is none. */
    public String annotationText() {
        return annotationText == null ? "`" + name + "`" : annotationText;
    }

    /**
     * The one-line error for a setting the JUnit extension does not read, given to it as a system property:
     * {@code setting `failOn` (property zerodown.failOn) is not read by the JUnit extension, only by the Maven
     * plugin (<failOn>) and the CLI (--failOn); in JUnit use ...; ...}. Null when the extension reads it.
     */
    @API(status = API.Status.INTERNAL)
    public String notReadByJUnit() {
        if (doors().contains(Door.ANNOTATION)) {
            return null;
        }
        int open = annotationText.indexOf('(');
        String instead = open < 0 ? "" : "; in JUnit use " + annotationText.substring(open + 1, annotationText.lastIndexOf(')'));
        return "setting `" + name + "` (property " + property() + ") is not read by the JUnit extension, only by the"
                + " Maven plugin (<" + name + ">) and the CLI (--" + name + ")" + instead + "; remove " + property()
                + " from the tests' JVM (Surefire hands the build's -D properties to the tests: give the plugin's"
                + " value in its <configuration>)";
    }

    /**
     * Parses the setting's text.
     *
     * @throws ConfigurationException in the one shape of every bad value:
     *         {@code setting `soak` (property zerodown.soak): `5x` is not a duration; write 500ms, 2s or 1m}
     */
    public T parse(String text) {
        return parser.apply(new SettingsParser(name, text));
    }

    @Override
    public String toString() {
        return name;
    }
}
