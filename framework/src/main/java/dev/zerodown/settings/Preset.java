package dev.zerodown.settings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import dev.zerodown.config.ConfigurationException;
import org.apiguardian.api.API;

/**
 * A named set of setting values for one way of using Zerodown ({@code preset=nightly}). Precedence: an explicit
 * setting beats the preset, the preset beats the default. A preset value is applied to a setting that still
 * holds its default; the layers that apply settings ({@link Settings#with(Map)},
 * {@link Settings#withProperties}) apply {@code preset} before the other settings of the same layer.
 */
@API(status = API.Status.STABLE)
public enum Preset {
    /** No preset: the defaults. */
    NONE("none", Map.of()),
    /**
     * A nightly load simulation: a minute per state, twice the clients, the profile's full row counts (and no
     * cap on them), its calls per second, the data directory on disk, and a 5 s reader in the way of every step.
     */
    NIGHTLY("nightly", pairs("soak", "60s", "clients", "8", "scale", "1", "maxSeedRows", "100000000",
            "rate", "profile", "dataDirectory", "disk", "longTransaction", "5s"));


    private final String id;
    private final Map<String, String> values;

    Preset(String id, Map<String, String> values) {
        this.id = id;
        this.values = values;
    }

    public String id() {
        return id;
    }

    /** The settings this preset changes, name to value, in a stable order. */
    public Map<String, String> settings() {
        return values;
    }

    public static Preset parse(String text) {
        String v = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            return NONE;
        }
        return Arrays.stream(values()).filter(p -> p.id.equals(v)).findFirst()
                .orElseThrow(() -> ConfigurationException.badValue("preset", text, "a preset",
                        Arrays.stream(values()).map(Preset::id).collect(Collectors.joining(", "))));
    }

    /** {@code s} with this preset's values on every setting that still holds its default. */
    Settings applyTo(Settings s) {
        Settings defaults = Settings.defaults();
        Settings out = s;
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (java.util.Objects.equals(s.value(e.getKey()), defaults.value(e.getKey()))) {
                out = out.with(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return id;
    }

    private static Map<String, String> pairs(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** {@link Settings#NAMES} with {@code preset} first: the order in which one layer applies its settings. */
    static List<String> first() {
        List<String> names = new ArrayList<>(Settings.NAMES);
        names.remove("preset");
        names.add(0, "preset");
        return List.copyOf(names);
    }
}
