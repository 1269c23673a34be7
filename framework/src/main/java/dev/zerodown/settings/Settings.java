package dev.zerodown.settings;

import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.ConfigurationProblems;
import dev.zerodown.config.Durations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.load.AppRoles;
import dev.zerodown.load.SyntheticMix;
import dev.zerodown.migrations.MigrationsFormat;
import dev.zerodown.hazards.Severities;
import dev.zerodown.hazards.Severity;
import dev.zerodown.postgres.ProviderKind;
import dev.zerodown.profile.Scale;
import org.apiguardian.api.API;

/**
 * Every setting of the contract, typed. The annotation, the plugin and system properties all speak
 * the same names ({@link #NAMES}); strings are parsed once, here, by {@link #with(String, String)}.
 * Precedence is decided by the caller: apply defaults, then system properties, then explicit values.
 *
 * <p>Build settings with {@code Settings.defaults().with(...)}: the canonical constructor is public only
 * because this is a record, and is {@code INTERNAL} (it changes whenever a setting is added).
 */
@API(status = API.Status.STABLE)
public record Settings(
        ProviderKind provider,
        List<Integer> postgresVersions,
        String jdbcUrl,
        String allowExternal,
        String flywayTable,
        @API(status = API.Status.EXPERIMENTAL) String cloneStrategy,
        String image,
        @API(status = API.Status.EXPERIMENTAL) String dataDirectory,
        List<String> migrations,
        @API(status = API.Status.EXPERIMENTAL) MigrationsFormat migrationsFormat,
        @API(status = API.Status.EXPERIMENTAL) String liquibaseContexts,
        @API(status = API.Status.EXPERIMENTAL) String liquibaseLabels,
        Map<String, String> placeholders,
        boolean mixed,
        String workloads,
        String rollout,
        String invariants,
        String initScript,
        String seed,
        String since,
        int clients,
        double rate,
        Duration soak,
        Duration sampleInterval,
        Duration maxLockWait,
        long batchRows,
        Duration stepTimeout,
        Duration lockTimeout,
        int lockRetries,
        @API(status = API.Status.EXPERIMENTAL) Duration longTransaction,
        Severities severities,
        FailOn failOn,
        String reportDirectory,
        @API(status = API.Status.EXPERIMENTAL) Shard shard,
        long randomSeed,
        AppRoles appRole,
        SyntheticMix syntheticMix,
        String profile,
        @API(status = API.Status.EXPERIMENTAL) Scale scale,
        long maxSeedRows,
        String history,
        Preset preset,
        boolean predict,
        boolean seedCache) {

    /** The setting names, from {@link Setting#all()}; each is also the system property {@code zerodown.<name>}. */
    public static final List<String> NAMES = Setting.all().stream().map(Setting::name).toList();

    /** The default open-loop rate per live version, requests per second. */
    public static final double DEFAULT_RATE = 200;

    /**
     * {@link #rate()} of {@code rate=profile}: a run replaces it with the profile's calls per second (or the
     * default when the profile cannot tell), so {@code report.json} shows the rate that ran.
     */
    @API(status = API.Status.EXPERIMENTAL)
    public static final double RATE_FROM_PROFILE = -1;

    /**
     * Not for users: this constructor gains a parameter with every new setting. Start from
     * {@link #defaults()} and change what you need with {@link #with(Setting, Object)} (typed) or
     * {@link #with(String, String)}, e.g. {@code Settings.defaults().with(Setting.SOAK, Duration.ofMillis(500))}.
     */
    @API(status = API.Status.INTERNAL)
    public Settings {
        postgresVersions = List.copyOf(postgresVersions);
        migrations = List.copyOf(migrations);
        placeholders = Collections.unmodifiableMap(new LinkedHashMap<>(placeholders));
        appRole = appRole == null ? AppRoles.NONE : appRole;
        syntheticMix = syntheticMix == null ? SyntheticMix.DEFAULT : syntheticMix;
        scale = scale == null ? Scale.AUTO : scale;
        preset = preset == null ? Preset.NONE : preset;
        dataDirectory = dataDirectory == null ? "auto" : dataDirectory;
        cloneStrategy = cloneStrategy == null ? "template" : cloneStrategy;
    }

    /** The contract's defaults (the JUnit flavour: migrations on the classpath, 1 s soak), from {@link Setting#defaultValue()}. */
    public static Settings defaults() {
        return Components.create(name -> Setting.named(name).orElseThrow().defaultValue());
    }

    /**
     * Applies every {@code zerodown.<name>} property that is set. A {@code zerodown.*} property Zerodown does
     * not read (a typo) and every bad value are reported together, one line each.
     */
    public Settings withProperties(Properties props) {
        ConfigurationProblems problems = new ConfigurationProblems();
        unknownProperties(props).forEach(problems::add);
        Settings s = this;
        for (String name : Preset.first()) {
            String v = props.getProperty("zerodown." + name);
            if (v != null) {
                s = problems.apply(s, x -> x.with(name, v));
            }
        }
        problems.throwIfAny();
        return s;
    }

    /**
     * One line per {@code zerodown.*} property that Zerodown does not read (a typo such as
     * {@code zerodown.soakk}), naming the closest valid name; empty when there is none.
     */
    public static List<String> unknownProperties(Properties props) {
        return PropertyNames.unknown(props);
    }

    /** Applies a map of setting name to value (annotation attributes, plugin parameters); every bad one is reported. */
    public Settings with(Map<String, String> values) {
        ConfigurationProblems problems = new ConfigurationProblems();
        Settings s = this;
        List<Map.Entry<String, String>> entries = new ArrayList<>(values.entrySet());
        entries.sort(java.util.Comparator.comparing(e -> !"preset".equals(e.getKey())));
        for (Map.Entry<String, String> e : entries) {
            s = problems.apply(s, x -> x.with(e.getKey(), e.getValue()));
        }
        problems.throwIfAny();
        return s;
    }

    /**
     * Every setting's effective value as text, in {@link #NAMES} order, as a report shows it: passwords are
     * redacted (in {@code jdbcUrl} and {@code appRole}), unset values are null.
     */
    public Map<String, String> effective() {
        Map<String, String> m = new LinkedHashMap<>();
        for (java.lang.reflect.RecordComponent c : Settings.class.getRecordComponents()) {
            m.put(c.getName(), SettingsText.of(c.getName(), value(c)));
        }
        return m;
    }

    /** The value of one component, by its setting name (for presets and {@link #effective()}). */
    Object value(String name) {
        for (java.lang.reflect.RecordComponent c : Settings.class.getRecordComponents()) {
            if (c.getName().equals(name)) {
                return value(c);
            }
        }
        throw new IllegalArgumentException(name);
    }

    private Object value(java.lang.reflect.RecordComponent c) {
        try {
            return c.getAccessor().invoke(this);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The effective severity of a hazard id. */
    public Severity severity(HazardId id) {
        return severities.of(id);
    }

    /** Returns a copy with one setting parsed from text; an unknown name or bad value is a one-line error. */
    public Settings with(String name, String value) {
        Setting<?> setting = Setting.named(name).orElseThrow(() -> new ConfigurationException("Unknown setting '" + name
                + "'; accepted: " + String.join(", ", new TreeSet<>(NAMES))));
        return withParsed(setting, value);
    }

    private <T> Settings withParsed(Setting<T> setting, String value) {
        return with(setting, setting.parse(value));
    }

    /**
     * Returns a copy with one setting set to a typed value, as the plain Java API writes it:
     * {@code settings.with(Setting.SOAK, Duration.ofMillis(500))}. A preset also sets the values it names
     * that still hold their defaults.
     */
    public <T> Settings with(Setting<T> setting, T value) {
        Settings copy = Components.copy(this, setting.name(), value);
        return setting == Setting.PRESET ? ((Preset) value).applyTo(copy) : copy;
    }

    /** Splits a comma-separated list, trimming blanks. */
    static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        }
        return out;
    }
}
