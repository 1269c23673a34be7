package dev.zerodown.migrations;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import dev.zerodown.config.ConfigurationException;
import org.apiguardian.api.API;

/**
 * Finds a step the way users name it in a rollout, an annotation or a setting: by version
 * ({@code V3}, {@code V1.1} = {@code V1_1} = {@code 1.1}, compared as numbers; {@code B5} for a baseline
 * migration) or by file name,
 * with or without {@code .sql} ({@code V3__backfill}, {@code R__views.sql}).
 */
@API(status = API.Status.INTERNAL)
public final class MigrationSteps {
    private MigrationSteps() {
    }

    /**
     * @throws ConfigurationException when no step has that name; the message lists the available ones
     */
    public static MigrationStep find(List<MigrationStep> steps, String name) {
        return steps.get(indexOf(steps, name, null));
    }

    /**
     * @param context where the name was written ({@code rollout.txt:4}, {@code setting 'since'}), put
     *                in front of the error message
     */
    public static MigrationStep find(List<MigrationStep> steps, String name, String context) {
        return steps.get(indexOf(steps, name, context));
    }

    /** The position of the named step in {@code steps}. */
    public static int indexOf(List<MigrationStep> steps, String name) {
        return indexOf(steps, name, null);
    }

    /** The position of the named step; {@code context} as in {@link #find(List, String, String)}. */
    public static int indexOf(List<MigrationStep> steps, String name, String context) {
        String wanted = name == null ? "" : name.strip();
        Optional<String> version = MigrationName.versionOfReference(wanted);
        boolean vPrefixed = wanted.startsWith("V") || wanted.startsWith("v");
        Optional<String> baseline = wanted.length() > 1 && (wanted.charAt(0) == 'B' || wanted.charAt(0) == 'b')
                ? MigrationName.versionParts(wanted.substring(1)).map(p -> wanted.substring(1)) : Optional.empty();
        String file = wanted.endsWith(".sql") ? wanted.substring(0, wanted.length() - 4) : wanted;
        for (int i = 0; i < steps.size(); i++) {
            MigrationStep s = steps.get(i);
            if (s.name().equals(file) || s.name().equals(wanted) || s.fileName().equals(wanted)) {
                return i;
            }
            if (version.isPresent() && !s.repeatable() && !(s.baselineMigration() && vPrefixed)
                    && MigrationName.compareVersions(version.get(), s.version()) == 0) {
                return i;
            }
            if (baseline.isPresent() && s.baselineMigration()
                    && MigrationName.compareVersions(baseline.get(), s.version()) == 0) {
                return i;
            }
        }
        String prefix = context == null || context.isBlank() ? "" : context + ": ";
        throw new ConfigurationException(prefix + (prefix.isEmpty() ? "Unknown" : "unknown") + " migration step '" + name + "'; available: "
                + (steps.isEmpty() ? "none (no migrations were loaded)"
                        : steps.stream().map(MigrationStep::name).collect(Collectors.joining(", ")))
                + "; name a step by version (V3) or file name (V3__add_column)");
    }
}
