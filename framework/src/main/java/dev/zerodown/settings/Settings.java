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
import dev.zerodown.hazards.Severities;
import dev.zerodown.hazards.Severity;
import dev.zerodown.postgres.ProviderKind;
import dev.zerodown.profile.Scale;
import org.apiguardian.api.API;

/**
 * Every setting of the contract, typed. The annotation, the plugin and system properties all speak
 * the same names ({@link #NAMES}); strings are parsed once, here, by {@link #with(String, String)}.
 * Precedence is decided by the caller: apply defaults, then system properties, then explicit values.
 */
@API(status = API.Status.STABLE)
public record Settings(
        ProviderKind provider,
        List<Integer> postgresVersions,
        String jdbcUrl,
        String allowExternal,
        String image,
        List<String> migrations,
        Map<String, String> placeholders,
        boolean mixed,
        String workloads,
        String rollout,
        String invariants,
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
        Severities severities,
        FailOn failOn,
        String reportDirectory,
        long randomSeed,
        AppRoles appRole,
        SyntheticMix syntheticMix,
        String profile,
        Scale scale,
        long maxSeedRows,
        String history,
        Preset preset,
        boolean predict) {

    /** The setting names; each is also the system property {@code zerodown.<name>}. */
    public static final List<String> NAMES = List.of("provider", "postgresVersions", "jdbcUrl", "allowExternal",
            "image", "migrations", "placeholders", "mixed", "workloads", "rollout", "invariants", "seed", "since",
            "clients", "rate", "soak", "sampleInterval", "maxLockWait", "batchRows", "stepTimeout", "lockTimeout",
            "lockRetries", "severities", "failOn", "reportDirectory", "randomSeed", "appRole", "syntheticMix",
            "profile", "scale", "maxSeedRows", "history", "preset", "predict");

    /** The default open-loop rate per live version, requests per second. */
    public static final double DEFAULT_RATE = 200;

    public Settings {
        postgresVersions = List.copyOf(postgresVersions);
        migrations = List.copyOf(migrations);
        placeholders = Collections.unmodifiableMap(new LinkedHashMap<>(placeholders));
        appRole = appRole == null ? AppRoles.NONE : appRole;
        syntheticMix = syntheticMix == null ? SyntheticMix.DEFAULT : syntheticMix;
        scale = scale == null ? Scale.AUTO : scale;
        preset = preset == null ? Preset.NONE : preset;
    }

    /** The contract's defaults (the JUnit flavour: migrations on the classpath, 1 s soak). */
    public static Settings defaults() {
        return new Settings(ProviderKind.EMBEDDED, List.of(17), null, null, null, List.of("classpath:db/migration"),
                Map.of(), false, "src/test/zerodown", "src/test/zerodown/rollout.txt",
                "src/test/zerodown/invariants.sql", "src/test/zerodown/seed.sql", null, 4, DEFAULT_RATE,
                Duration.ofSeconds(1), Duration.ofMillis(5), Duration.ofMillis(100), 10_000, Duration.ofSeconds(60),
                null, 0, Severities.defaults(), FailOn.ERROR, "target/zerodown", 42L, AppRoles.NONE,
                SyntheticMix.DEFAULT, "src/test/zerodown/profile.json", Scale.AUTO, 100_000, null, Preset.NONE, true);
    }

    /**
     * Applies every {@code zerodown.<name>} property that is set. A {@code zerodown.*} property Zerodown does
     * not read (a typo) and every bad value are reported together, one line each.
     */
    public Settings withProperties(Properties props) {
        ConfigurationProblems problems = new ConfigurationProblems();
        unknownProperties(props).forEach(problems::add);
        Settings s = this;
        for (String name : Preset.FIRST) {
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
        SettingsParser p = new SettingsParser(name, value);
        return switch (name) {
            case "provider" -> copy(b -> b.provider = ProviderKind.parse(value));
            case "postgresVersions" -> copy(b -> b.postgresVersions = p.majors());
            case "jdbcUrl" -> copy(b -> b.jdbcUrl = p.text());
            case "allowExternal" -> copy(b -> b.allowExternal = p.text());
            case "image" -> copy(b -> b.image = p.text());
            case "migrations" -> copy(b -> b.migrations = p.list());
            case "placeholders" -> copy(b -> b.placeholders = p.map());
            case "mixed" -> copy(b -> b.mixed = p.bool());
            case "workloads" -> copy(b -> b.workloads = p.text());
            case "rollout" -> copy(b -> b.rollout = p.text());
            case "invariants" -> copy(b -> b.invariants = p.text());
            case "seed" -> copy(b -> b.seed = p.text());
            case "since" -> copy(b -> b.since = p.text());
            case "clients" -> copy(b -> b.clients = (int) p.number(1, 1000));
            case "rate" -> copy(b -> b.rate = p.decimal());
            case "soak" -> copy(b -> b.soak = p.duration());
            case "sampleInterval" -> copy(b -> b.sampleInterval = p.positiveDuration());
            case "maxLockWait" -> copy(b -> b.maxLockWait = p.duration());
            case "batchRows" -> copy(b -> b.batchRows = p.number(1, Long.MAX_VALUE));
            case "stepTimeout" -> copy(b -> b.stepTimeout = p.positiveDuration());
            case "lockTimeout" -> copy(b -> b.lockTimeout = p.text() == null ? null : p.positiveDuration());
            case "lockRetries" -> copy(b -> b.lockRetries = (int) p.number(0, 100));
            case "severities" -> copy(b -> b.severities = p.severities());
            case "failOn" -> copy(b -> b.failOn = FailOn.parse(value));
            case "reportDirectory" -> copy(b -> b.reportDirectory = p.text());
            case "randomSeed" -> copy(b -> b.randomSeed = p.number(Long.MIN_VALUE, Long.MAX_VALUE));
            case "appRole" -> copy(b -> b.appRole = AppRoles.parse(value));
            case "syntheticMix" -> copy(b -> b.syntheticMix = SyntheticMix.parse(value));
            case "profile" -> copy(b -> b.profile = p.text());
            case "scale" -> copy(b -> b.scale = Scale.parse(value));
            case "maxSeedRows" -> copy(b -> b.maxSeedRows = p.number(1, Long.MAX_VALUE));
            case "history" -> copy(b -> b.history = p.text());
            case "preset" -> Preset.parse(value).applyTo(copy(b -> b.preset = Preset.parse(value)));
            case "predict" -> copy(b -> b.predict = p.bool());
            default -> throw new ConfigurationException("Unknown setting '" + name + "'; accepted: "
                    + String.join(", ", new TreeSet<>(NAMES)));
        };
    }

    private Settings copy(java.util.function.Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    /** Mutable twin used only to copy with one change. */
    private static final class Builder {
        ProviderKind provider;
        List<Integer> postgresVersions;
        String jdbcUrl;
        String allowExternal;
        String image;
        List<String> migrations;
        Map<String, String> placeholders;
        boolean mixed;
        String workloads;
        String rollout;
        String invariants;
        String seed;
        String since;
        int clients;
        double rate;
        Duration soak;
        Duration sampleInterval;
        Duration maxLockWait;
        long batchRows;
        Duration stepTimeout;
        Duration lockTimeout;
        int lockRetries;
        Severities severities;
        FailOn failOn;
        String reportDirectory;
        long randomSeed;
        AppRoles appRole;
        SyntheticMix syntheticMix;
        String profile;
        Scale scale;
        long maxSeedRows;
        String history;
        Preset preset;
        boolean predict;

        Builder(Settings s) {
            provider = s.provider;
            postgresVersions = s.postgresVersions;
            jdbcUrl = s.jdbcUrl;
            allowExternal = s.allowExternal;
            image = s.image;
            migrations = s.migrations;
            placeholders = s.placeholders;
            mixed = s.mixed;
            workloads = s.workloads;
            rollout = s.rollout;
            invariants = s.invariants;
            seed = s.seed;
            since = s.since;
            clients = s.clients;
            rate = s.rate;
            soak = s.soak;
            sampleInterval = s.sampleInterval;
            maxLockWait = s.maxLockWait;
            batchRows = s.batchRows;
            stepTimeout = s.stepTimeout;
            lockTimeout = s.lockTimeout;
            lockRetries = s.lockRetries;
            severities = s.severities;
            failOn = s.failOn;
            reportDirectory = s.reportDirectory;
            randomSeed = s.randomSeed;
            appRole = s.appRole;
            syntheticMix = s.syntheticMix;
            profile = s.profile;
            scale = s.scale;
            maxSeedRows = s.maxSeedRows;
            history = s.history;
            preset = s.preset;
            predict = s.predict;
        }

        Settings build() {
            return new Settings(provider, postgresVersions, jdbcUrl, allowExternal, image, migrations, placeholders,
                    mixed, workloads, rollout, invariants, seed, since, clients, rate, soak, sampleInterval,
                    maxLockWait, batchRows, stepTimeout, lockTimeout, lockRetries, severities, failOn,
                    reportDirectory, randomSeed, appRole, syntheticMix, profile, scale, maxSeedRows, history, preset, predict);
        }
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
