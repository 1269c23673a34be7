package dev.zerodown.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import dev.zerodown.project.CheckLog;
import dev.zerodown.project.ShardMerge;
import dev.zerodown.settings.FailOn;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/** {@code merge}: the shards' report directories into one, with one verdict ({@link ShardMerge}, as zerodown:merge). */
final class MergeCommand implements Command {
    private final PrintStream out;
    private final PrintStream err;

    MergeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("merge").mixinStandardHelpOptions(true)
                .version("zerodown " + Main.version());
        spec.usageMessage().description("Merges the report directories of a sharded check (--shard i/n on each"
                + " runner) into one: every run's reports, index.html, the Surefire XML and summary.md. Exit code 0"
                + " safe, 1 unsafe (per failOn), 2 a missing, duplicate or mismatched shard, or a configuration or"
                + " environment error.").sortOptions(false);
        spec.addPositional(PositionalParamSpec.builder().paramLabel("<shard folder>").arity("0..*")
                .type(String[].class).description("A shard's report directory, or a folder holding several"
                        + " (searched for shard.json), or a glob; relative to --project-dir.").build());
        spec.addOption(OptionSpec.builder(CheckCommand.PROJECT_DIR).paramLabel("<folder>").type(Path.class)
                .description("Relative paths resolve against it. Default: the current directory.").build());
        spec.addOption(Command.option(ShardMerge.SHARD_REPORTS, "<folders>", "The shard folders, comma-separated"
                + " (besides the positional ones).", "none"));
        spec.addOption(Command.option("reportDirectory", "<folder>", "Where the merged reports go.",
                "target/zerodown"));
        spec.addOption(Command.option("failOn", "<level>", "error, warning or never, as for check, whatever the"
                + " shards ran with.", "error"));
        return spec;
    }

    @Override
    public int call(ParseResult parsed) {
        return Command.guarded(err, () -> merge(parsed, System.getProperties()));
    }

    private int merge(ParseResult parsed, Properties properties) {
        Path projectDir = parsed.matchedOptionValue(CheckCommand.PROJECT_DIR, Path.of("")).toAbsolutePath().normalize();
        List<String> entries = new ArrayList<>(Arrays.asList(parsed.matchedPositionalValue(0, new String[0])));
        String listed = Command.value(parsed, ShardMerge.SHARD_REPORTS, properties);
        if (listed != null) {
            entries.addAll(Arrays.asList(listed.split(",")));
        }
        List<Path> folders = ShardMerge.folders(entries, projectDir);
        String reportDirectory = Command.value(parsed, "reportDirectory", properties);
        String failOn = Command.value(parsed, "failOn", properties);
        CheckLog log = Command.log(out);
        Optional<String> failure = new ShardMerge(log).merge(folders,
                projectDir.resolve(reportDirectory == null ? "target/zerodown" : reportDirectory),
                failOn == null ? null : FailOn.parse(failOn));
        if (failure.isPresent()) {
            out.println(failure.get());
            return Main.UNSAFE;
        }
        return Main.SAFE;
    }
}
