package dev.zerodown.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.project.TrendRun;
import dev.zerodown.report.Trend;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** {@code trend}: the trend page of a history folder ({@link TrendRun}, as zerodown:trend). */
final class TrendCommand implements Command {
    private final PrintStream out;
    private final PrintStream err;

    TrendCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("trend").mixinStandardHelpOptions(true)
                .version("zerodown " + Main.version());
        spec.usageMessage().description("Renders the trend page of a history folder (history.jsonl, appended by"
                + " every check with --history): per transition and statement, lock hold, lock wait, p99 and failed"
                + " requests across runs, each regression flagged. Exit code 0 written (regressions are warnings),"
                + " 1 a regression with --failOnRegression true, 2 a configuration or environment error.")
                .sortOptions(false);
        spec.addOption(OptionSpec.builder(CheckCommand.PROJECT_DIR).paramLabel("<folder>").type(Path.class)
                .description("Relative paths resolve against it. Default: the current directory.").build());
        spec.addOption(Command.option("history", "<folder>", "The history folder, as given to check's --history.",
                null));
        spec.addOption(OptionSpec.builder("--trendPage").paramLabel("<file>").type(String.class)
                .description("The page to write. Default: " + TrendRun.DEFAULT_PAGE + ".").build());
        spec.addOption(Command.option("regressionRatio", "<ratio>", "A figure above this many times the median of"
                + " the previous 7 runs is a regression.", "2"));
        spec.addOption(Command.option("failOnRegression", "<value>", "Exit 1 when a figure regressed.", "false"));
        return spec;
    }

    @Override
    public int call(ParseResult parsed) {
        return Command.guarded(err, () -> trend(parsed, System.getProperties()));
    }

    private int trend(ParseResult parsed, Properties properties) {
        Path projectDir = parsed.matchedOptionValue(CheckCommand.PROJECT_DIR, Path.of("")).toAbsolutePath().normalize();
        String history = Command.value(parsed, "history", properties);
        String page = parsed.matchedOptionValue("--trendPage", TrendRun.DEFAULT_PAGE);
        boolean fail = Command.bool("failOnRegression", Command.value(parsed, "failOnRegression", properties), false);
        Optional<String> failure = TrendRun.render(history == null ? null : projectDir.resolve(history),
                projectDir.resolve(page), ratio(Command.value(parsed, "regressionRatio", properties)), fail,
                Command.log(out));
        if (failure.isPresent()) {
            out.println(failure.get());
            return Main.UNSAFE;
        }
        return Main.SAFE;
    }

    private static double ratio(String value) {
        if (value == null) {
            return Trend.DEFAULT_RATIO;
        }
        try {
            double r = Double.parseDouble(value);
            if (r > 1 && Double.isFinite(r)) {
                return r;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ConfigurationException.badValue("regressionRatio", value, "a number above 1", "2 (twice the median)");
    }
}
