package dev.zerodown.hazards;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import dev.zerodown.config.ConfigurationException;
import org.apiguardian.api.API;

/** How much a hazard matters: an {@code error} makes the run unsafe. */
@API(status = API.Status.STABLE)
public enum Severity {
    ERROR, WARNING, OFF;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String text) {
        for (Severity s : values()) {
            if (s.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return s;
            }
        }
        throw new ConfigurationException("Unknown severity '" + text + "'; accepted: "
                + Arrays.stream(values()).map(Severity::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id();
    }
}
