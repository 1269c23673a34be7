package dev.zerodown.cli;

import java.io.PrintStream;
import java.util.Properties;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.EnvironmentException;
import dev.zerodown.project.CheckLog;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** One subcommand: its picocli model and what it does with a parsed command line, as an exit code. */
interface Command {
    CommandSpec spec();

    int call(ParseResult parsed);

    /**
     * An option {@code --<name> <value>} that falls back to the property {@code zerodown.<name>}, as check's settings
     * do; its help reads as theirs: the description, the property, then {@code Default: …} (or {@code Required.}).
     */
    static OptionSpec option(String name, String label, String description, String defaultText) {
        return OptionSpec.builder("--" + name).paramLabel(label).type(String.class)
                .description(description + " Property zerodown." + name + ". "
                        + (defaultText == null ? "Required." : "Default: " + defaultText + ".")).build();
    }

    /** The option's value, else the property {@code zerodown.<name>}, else null. */
    static String value(ParseResult parsed, String name, Properties properties) {
        String v = parsed.matchedOptionValue("--" + name, properties.getProperty("zerodown." + name));
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** Runs {@code body}; a configuration or environment error is one line on {@code err} and exit code 2. */
    static int guarded(PrintStream err, java.util.function.IntSupplier body) {
        try {
            return body.getAsInt();
        } catch (ConfigurationException e) {
            err.println("error: " + e.getMessage());
            return Main.ERROR;
        } catch (EnvironmentException e) {
            err.println("error: environment: " + e.getMessage());
            return Main.ERROR;
        } catch (java.io.UncheckedIOException e) {
            err.println("error: environment: " + e.getMessage());
            return Main.ERROR;
        }
    }

    /** The project's lines on standard output; warnings prefixed {@code WARNING: }. */
    static CheckLog log(PrintStream out) {
        return new CheckLog() {
            @Override
            public void info(String line) {
                out.println(line);
            }

            @Override
            public void warn(String line) {
                out.println("WARNING: " + line);
            }
        };
    }

    /** {@code true} or {@code false}; anything else is the bad-value line of that name. */
    static boolean bool(String name, String value, boolean otherwise) {
        if (value == null) {
            return otherwise;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw ConfigurationException.badValue(name, value, "a boolean", "true or false");
    }
}
