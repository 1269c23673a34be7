package dev.zerodown.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.ConfigurationProblems;
import dev.zerodown.engine.WorkloadApps;
import dev.zerodown.settings.Settings;
import org.apiguardian.api.API;

/**
 * A project's settings, translated once: the settings that were given (plugin parameters, CLI options,
 * {@code -D}) over the project flavour of the contract's defaults (migrations in
 * {@value #DEFAULT_MIGRATIONS}), every path made absolute against the project's base directory (the
 * module's in Maven, whose working directory is the reactor root; {@code --project-dir} in the CLI).
 *
 * @param settings          what the engine runs with; every path in it is absolute
 * @param basedir           the project's (module's) base directory
 * @param nothingToCheck    true when migrations were not configured and the default folder is absent
 * @param defaultMigrations the default migrations folder (for the "nothing to check" line)
 * @param migrationFolders  the file system folders of the migration locations (for GitHub annotations)
 * @param workloads         the workloads folder (may be absent)
 * @param rolloutFile       the rollout file, or null when none was configured and the default is absent
 * @param defaultRollout    the default rollout file (named in the log when there is none)
 * @param invariantsFile    the invariants file, or null when none was configured and the default is absent
 * @param flywayNotes       what was read from the project's Flyway configuration and what of it is not applied, for the log
 */
@API(status = API.Status.INTERNAL)
public record CheckInputs(Settings settings, Path basedir, boolean nothingToCheck, Path defaultMigrations,
                   List<Path> migrationFolders, Path workloads, Path rolloutFile, Path defaultRollout,
                   Path invariantsFile, List<String> flywayNotes) {

    /** The plugin's migrations default, relative to the module; the contract's other defaults apply as they are. */
    public static final String DEFAULT_MIGRATIONS = "src/main/resources/db/migration";

    public static CheckInputs read(Map<String, String> parameters, Path basedir) {
        return read(parameters, new Properties(), basedir);
    }

    /**
     * @param userProperties the build's {@code -D} properties: a {@code zerodown.*} one that is no setting is a typo,
     *                       reported with every other problem of the parameters
     */
    public static CheckInputs read(Map<String, String> parameters, Properties userProperties, Path basedir) {
        ConfigurationProblems problems = new ConfigurationProblems();
        Settings.unknownProperties(userProperties).forEach(problems::add);
        Settings defaults = Settings.defaults().with("migrations", DEFAULT_MIGRATIONS);
        Path root = basedir.toAbsolutePath().normalize();
        FlywayConfig flyway = Optional.ofNullable(problems.get(() -> FlywayConfig.read(root))).orElse(FlywayConfig.none());
        Map<String, String> effective = new java.util.LinkedHashMap<>(flyway.parameters());
        effective.putAll(parameters);
        Settings given = problems.apply(defaults, d -> d.with(effective));

        List<String> locations = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        for (String location : given.migrations()) {
            String absolute = absoluteLocation(location, root);
            locations.add(absolute);
            if (absolute.regionMatches(true, 0, "classpath:", 0, "classpath:".length())) {
                resourceFolder(absolute.substring("classpath:".length()), root).ifPresent(folders::add);
            } else {
                folders.add(Path.of(absolute.substring(absolute.indexOf(':') + 1)));
            }
        }
        Path defaultMigrations = root.resolve(DEFAULT_MIGRATIONS);
        boolean nothingToCheck = !effective.containsKey("migrations") && !Files.isDirectory(defaultMigrations);

        Path workloads = problems.get(() -> WorkloadApps.folder(root.resolve(given.workloads()).normalize().toString(),
                parameters.containsKey("workloads")));
        Path defaultRollout = root.resolve(defaults.rollout());
        Path rollout = problems.get(() -> optionalFile("rollout", parameters, root, given.rollout()));
        Path invariants = problems.get(() -> optionalFile("invariants", parameters, root, given.invariants()));
        Path seed = problems.get(() -> optionalFile("seed", parameters, root, given.seed()));
        Path profile = problems.get(() -> optionalFile("profile", parameters, root, given.profile()));
        problems.throwIfAny();
        Settings settings = given
                .with("migrations", String.join(",", locations))
                .with("workloads", workloads.toString())
                .with("rollout", rollout == null ? "" : rollout.toString())
                .with("invariants", invariants == null ? "" : invariants.toString())
                .with("seed", seed == null ? "" : seed.toString())
                .with("initScript", given.initScript() == null ? "" : root.resolve(given.initScript()).normalize().toString())
                .with("profile", profile == null ? "" : profile.toString())
                .with("reportDirectory", root.resolve(given.reportDirectory()).normalize().toString());
        return new CheckInputs(settings, root, nothingToCheck, defaultMigrations, List.copyOf(folders), workloads,
                rollout, defaultRollout, invariants, flyway.notes());
    }

    /** {@code classpath:} stays as it is; a folder or {@code filesystem:} folder becomes {@code filesystem:<absolute>}. */
    static String absoluteLocation(String location, Path root) {
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("classpath:")) {
            return location;
        }
        String folder = lower.startsWith("filesystem:") ? location.substring("filesystem:".length()).strip() : location;
        return "filesystem:" + root.resolve(folder).normalize();
    }

    /** Where a {@code classpath:} location most likely lives in the sources, if it is there. */
    private static Optional<Path> resourceFolder(String path, Path root) {
        String relative = path.strip().replaceAll("^/+", "");
        return Stream.of("src/main/resources", "src/test/resources")
                .map(r -> root.resolve(r).resolve(relative))
                .filter(Files::isDirectory)
                .findFirst();
    }

    /**
     * A file the user may leave out: the configured one must exist, the default one is used only if
     * it exists (null otherwise).
     */
    private static Path optionalFile(String name, Map<String, String> parameters, Path root, String value) {
        Path file = root.resolve(value).normalize();
        if (Files.isRegularFile(file)) {
            return file;
        }
        if (parameters.containsKey(name)) {
            throw ConfigurationException.notThere(name, file, "file");
        }
        return null;
    }
}
