package dev.zerodown.config;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Bad user input: an unknown setting value, a malformed file, a workload that does not fit the
 * baseline. Each problem is one line that names where it is and what to do; several problems of one run
 * are reported together ({@link #of(List)}): a first line with their count, then one line each.
 */
@API(status = API.Status.STABLE)
public class ConfigurationException extends RuntimeException {
    private final List<String> problems;

    public ConfigurationException(String message) {
        super(message);
        this.problems = List.of(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    private ConfigurationException(List<String> problems) {
        super(problems.size() + " configuration problems:\n- " + String.join("\n- ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One problem as it is; several as one exception listing them all. */
    /**
     * The one shape of every bad setting value: {@code setting `soak` (property zerodown.soak): `5x` is not a
     * duration; write 500ms, 2s or 1m}.
     *
     * @param what  what the value should have been, with its article ("a duration")
     * @param write what to write instead
     */
    public static ConfigurationException badValue(String setting, String value, String what, String write) {
        return new ConfigurationException("setting `" + setting + "` (property zerodown." + setting + "): `"
                + (value == null ? "" : value.strip().lines().findFirst().orElse("")) + "` is not " + what
                + "; write " + write);
    }

    /**
     * A path setting given on purpose that names nothing there: {@code Setting 'seed' (zerodown.seed) names
     * /abs/seed.sql, which is not a file; fix the path or remove the setting to use the default}.
     *
     * @param kind {@code file} or {@code folder}
     */
    @API(status = API.Status.INTERNAL)
    public static ConfigurationException notThere(String setting, java.nio.file.Path path, String kind) {
        return new ConfigurationException("Setting '" + setting + "' (zerodown." + setting + ") names "
                + path.toAbsolutePath().normalize() + ", which is not a " + kind
                + "; fix the path or remove the setting to use the default");
    }

    public static ConfigurationException of(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problem to report");
        }
        return problems.size() == 1 ? new ConfigurationException(problems.get(0)) : new ConfigurationException(problems);
    }

    /** Every problem this error reports, one line each. */
    public List<String> problems() {
        return problems;
    }
}
