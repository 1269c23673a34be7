package dev.zerodown.cli;

import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code java -jar zerodown-cli.jar check|merge|capture|trend …}: the Maven plugin's goals for any project. Exit codes:
 * {@value #SAFE} safe, {@value #UNSAFE} unsafe (per {@code failOn}), {@value #ERROR} a configuration or
 * environment error (one line on standard error, no stack trace).
 */
public final class Main {
    static final int SAFE = 0;
    static final int UNSAFE = 1;
    static final int ERROR = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /** Runs one command line and returns its exit code; everything it prints goes to {@code out} and {@code err}. */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Map<String, Command> commands = new java.util.LinkedHashMap<>();
        commands.put("check", new CheckCommand(out, err, env));
        commands.put("merge", new MergeCommand(out, err));
        commands.put("capture", new CaptureCommand(out, err, env));
        commands.put("trend", new TrendCommand(out, err));
        CommandSpec top = CommandSpec.create().name("zerodown").version("zerodown " + version())
                .mixinStandardHelpOptions(true);
        top.usageMessage().description("Runs PostgreSQL migrations step by step under load on a real PostgreSQL"
                + " and judges every hazard it measured.");
        commands.forEach((name, command) -> top.addSubcommand(name, command.spec()));
        CommandLine cli = new CommandLine(top).setOverwrittenOptionsAllowed(true); // the last --x wins, as in a script that appends
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("error: " + e.getMessage() + " (see " + e.getCommandLine().getCommandName() + " --help)");
            return ERROR;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> {
            err.println("error: " + e);
            return ERROR;
        });
        cli.setExecutionStrategy(p -> {
            if (CommandLine.executeHelpRequest(p) != null) {
                return SAFE;
            }
            if (!p.hasSubcommand()) {
                cli.usage(out);
                return ERROR;
            }
            ParseResult sub = p.subcommand();
            return commands.get(sub.commandSpec().name()).call(sub);
        });
        return cli.execute(args);
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "(development)" : v;
    }
}
