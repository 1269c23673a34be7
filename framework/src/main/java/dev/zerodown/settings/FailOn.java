package dev.zerodown.settings;

import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.Durations;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/** What fails the build (plugin setting {@code failOn}): error-level hazards, any warning, or nothing. */
@API(status = API.Status.STABLE)
public enum FailOn {
    ERROR, WARNING, NEVER;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FailOn parse(String text) {
        for (FailOn f : values()) {
            if (f.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return f;
            }
        }
        throw ConfigurationException.badValue("failOn", text, "a build result level",
                Arrays.stream(values()).map(FailOn::id).collect(Collectors.joining(", ")));
    }
}
