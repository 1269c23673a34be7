package dev.zerodown.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.profile.CaptureOptions;
import dev.zerodown.project.ProfileCapture;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** {@code capture}: a production profile over a read-only session ({@link ProfileCapture}, as zerodown:capture). */
final class CaptureCommand implements Command {
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    CaptureCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("capture").mixinStandardHelpOptions(true)
                .version("zerodown " + Main.version());
        spec.usageMessage().description("Captures a production profile (profile.json): row counts, sizes, column"
                + " statistics, indexes, constraints and the pg_stat_statements query mix, over a read-only session."
                + " User and password come from the URL's user/password parameters, else PGUSER/PGPASSWORD; they never"
                + " reach the file or the output. Exit code 0 written, 2 a configuration or environment error.")
                .sortOptions(false);
        spec.addOption(OptionSpec.builder(CheckCommand.PROJECT_DIR).paramLabel("<folder>").type(Path.class)
                .description("Relative paths resolve against it. Default: the current directory.").build());
        spec.addOption(Command.option("captureUrl", "<url>", "jdbc:postgresql://host[:port]/database of a replica or"
                + " staging clone.", null));
        spec.addOption(Command.option("profile", "<file>", "The file to write.", ProfileCapture.DEFAULT_PROFILE));
        spec.addOption(Command.option("captureValues", "<value>", "Also store most-common values and histogram"
                + " bounds (row values!).", "false"));
        spec.addOption(Command.option("captureQueries", "<n>", "At most this many statements of the query mix.",
                String.valueOf(CaptureOptions.DEFAULT_MAX_QUERIES)));
        return spec;
    }

    @Override
    public int call(ParseResult parsed) {
        return Command.guarded(err, () -> capture(parsed, System.getProperties()));
    }

    private int capture(ParseResult parsed, Properties properties) {
        Path projectDir = parsed.matchedOptionValue(CheckCommand.PROJECT_DIR, Path.of("")).toAbsolutePath().normalize();
        String profile = Command.value(parsed, "profile", properties);
        boolean values = Command.bool("captureValues", Command.value(parsed, "captureValues", properties), false);
        ProfileCapture.capture(Command.value(parsed, "captureUrl", properties), null, null, env,
                projectDir.resolve(profile == null ? ProfileCapture.DEFAULT_PROFILE : profile).normalize(), values,
                queries(Command.value(parsed, "captureQueries", properties)), Command.log(out));
        return Main.SAFE;
    }

    private static int queries(String value) {
        if (value == null) {
            return CaptureOptions.DEFAULT_MAX_QUERIES;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ConfigurationException.badValue("captureQueries", value, "a whole number from 1 on",
                "digits only, such as " + CaptureOptions.DEFAULT_MAX_QUERIES);
    }
}
