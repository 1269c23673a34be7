package dev.zerodown.cli;

import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code java -jar zerodown-cli.jar check …}: the Maven plugin's check for any project. Exit codes:
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
        CheckCommand check = new CheckCommand(out, err, env);
        CommandSpec top = CommandSpec.create().name("zerodown").version("zerodown " + version())
                .mixinStandardHelpOptions(true);
        top.usageMessage().description("Runs PostgreSQL migrations step by step under load on a real PostgreSQL"
                + " and judges every hazard it measured.");
        top.addSubcommand("check", check.spec());
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
            return check.call(p.subcommand());
        });
        return cli.execute(args);
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "(development)" : v;
    }
}
