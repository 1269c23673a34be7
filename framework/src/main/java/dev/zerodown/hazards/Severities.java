package dev.zerodown.hazards;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import dev.zerodown.config.ConfigurationException;
import org.apiguardian.api.API;

/**
 * The severity of each hazard id: the defaults of DESIGN.md, overridden by the {@code severities}
 * setting ({@code id=level,id=level}). Immutable: {@link #with} returns a new instance.
 */
@API(status = API.Status.STABLE)
public final class Severities {
    /** The setting's name, as used by the annotation, the plugin and the system property. */
    public static final String SETTING = "severities";

    private final Map<HazardId, Severity> configured;

    private Severities(Map<HazardId, Severity> configured) {
        this.configured = Collections.unmodifiableMap(configured);
    }

    /** Every id at its default severity. */
    public static Severities defaults() {
        return new Severities(new EnumMap<>(HazardId.class));
    }

    /**
     * Parses {@code id=level,id=level} (blank means defaults). An unknown id or level, an entry
     * without {@code =}, or an id listed twice is a {@link ConfigurationException} that lists the
     * accepted values.
     */
    public static Severities parse(String text) {
        Map<HazardId, Severity> map = new EnumMap<>(HazardId.class);
        if (text == null || text.isBlank()) {
            return new Severities(map);
        }
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw ConfigurationException.badValue(SETTING, text, "a list of id=level entries (`" + entry.trim()
                        + "` has no =)", "id=level entries such as strong-lock=error,destructive=off (levels: error, warning, off)");
            }
            HazardId id = parseId(entry.substring(0, eq));
            Severity level = parseLevel(entry.substring(eq + 1));
            if (map.put(id, level) != null) {
                throw ConfigurationException.badValue(SETTING, text, "a list of distinct hazard ids (`" + id.id()
                        + "` is listed twice)", "one entry per hazard id");
            }
        }
        return new Severities(map);
    }

    private static HazardId parseId(String text) {
        try {
            return HazardId.parse(text);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(ConfigurationException.badValue(SETTING, text.trim(), "a hazard id",
                    "one of " + HazardId.accepted()).getMessage(), e);
        }
    }

    private static Severity parseLevel(String text) {
        try {
            return Severity.parse(text);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(ConfigurationException.badValue(SETTING, text.trim(), "a severity",
                    "error, warning or off").getMessage(), e);
        }
    }

    /** A copy with {@code id} set to {@code level}. */
    public Severities with(HazardId id, Severity level) {
        Map<HazardId, Severity> copy = new EnumMap<>(HazardId.class);
        copy.putAll(configured);
        copy.put(id, level);
        return new Severities(copy);
    }

    /** The configured level of {@code id}, or its default. */
    public Severity of(HazardId id) {
        return configured.getOrDefault(id, id.defaultSeverity());
    }

    /**
     * The level a hazard measured at {@code measured} ends up with: the configured level when the
     * user set one for {@code id} (it wins, escalations included), else the measured one (its
     * default, or a stricter one a rule chose, such as a long lock held across statements under
     * traffic). Apply it with {@code hazard.withSeverity(severities.effective(hazard.id(), hazard.severity()))},
     * or to a list with {@code dev.zerodown.judge.Hazards.withSeverities}.
     */
    public Severity effective(HazardId id, Severity measured) {
        return configured.getOrDefault(id, measured);
    }

    /** True when the user set this id explicitly. */
    public boolean configured(HazardId id) {
        return configured.containsKey(id);
    }

    /** {@code id=level} for every explicitly configured id, in id order. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        configured.forEach((id, level) -> b.append(b.length() == 0 ? "" : ",").append(id.id()).append('=').append(level.id()));
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Severities s && s.configured.equals(configured);
    }

    @Override
    public int hashCode() {
        return configured.hashCode();
    }
}
