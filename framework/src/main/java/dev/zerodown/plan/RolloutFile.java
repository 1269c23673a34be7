package dev.zerodown.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.EnvironmentException;
import dev.zerodown.load.AppVersionFactory;
import dev.zerodown.migrations.MigrationStep;
import org.apiguardian.api.API;

/**
 * Reads a rollout file: one event a line, {@code #} comments. Events: {@code baseline <step>},
 * {@code start <version>}, {@code migrate <step>…}, {@code contract <step>…}, {@code deploy <version>},
 * {@code retire <version>}, and {@code rollback-check} (keep retired versions as canaries).
 */
@API(status = API.Status.INTERNAL)
public final class RolloutFile {
    private static final String ACCEPTED = "baseline <step>, start <version>, migrate <step>..., contract <step>..., "
            + "deploy <version>, retire <version>, long-transaction <table> <duration>, rollback-check";

    private RolloutFile() {
    }

    /**
     * @param apps the app version for a name (its workload file, or synthetic traffic)
     */
    public static Rollout parse(Path file, Function<String, AppVersionFactory> apps) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EnvironmentException("Cannot read rollout file " + file + ": " + e.getMessage(), e);
        }
        Rollout rollout = Rollout.empty();
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            int hash = raw.indexOf('#');
            String text = (hash >= 0 ? raw.substring(0, hash) : raw).trim();
            if (text.isEmpty()) {
                continue;
            }
            String source = file.getFileName() + ":" + (i + 1);
            String[] words = text.split("\\s+");
            rollout = event(rollout, words, source, apps);
        }
        return rollout;
    }

    private static Rollout event(Rollout r, String[] w, String source, Function<String, AppVersionFactory> apps) {
        String verb = w[0];
        if (verb.equals("rollback-check")) {
            if (w.length != 1) {
                throw bad(source, "'rollback-check' takes no argument");
            }
            return r.rollbackCheck();
        }
        if (verb.equals("migrate") || verb.equals("contract")) {
            if (w.length < 2) {
                throw bad(source, "'" + verb + "' needs at least one step, e.g. '" + verb + " V3'");
            }
            Rollout out = r;
            for (int i = 1; i < w.length; i++) {
                out = out.withEvent(new RolloutEvent.Migrate(w[i], verb.equals("contract"), source));
            }
            return out;
        }
        if (verb.equals("long-transaction")) {
            if (w.length != 3) {
                throw bad(source, "'long-transaction' needs a table and a duration, e.g. 'long-transaction orders 3s'");
            }
            return r.withEvent(new RolloutEvent.LongTransaction(w[1], dev.zerodown.config.Durations.parse(
                    "long-transaction", w[2]), source));
        }
        if (w.length != 2) {
            throw bad(source, "'" + String.join(" ", w) + "' is not an event; accepted: " + ACCEPTED);
        }
        return switch (verb) {
            case "baseline" -> r.withEvent(new RolloutEvent.Baseline(w[1], source));
            case "start" -> r.withEvent(new RolloutEvent.Start(w[1], apps.apply(w[1]), source));
            case "deploy" -> r.withEvent(new RolloutEvent.Deploy(w[1], apps.apply(w[1]), source));
            case "retire" -> r.withEvent(new RolloutEvent.Retire(w[1], source));
            default -> throw bad(source, "unknown event '" + verb + "'; accepted: " + ACCEPTED);
        };
    }

    /**
     * The rollout used without a rollout file: steps before {@code since} (default: the highest
     * versioned step) are the baseline, then {@code start old}, each checked step as {@code migrate},
     * each repeatable {@code R__} script as a {@code migrate} of its own after them (where Flyway runs it),
     * then {@code deploy new}.
     */
    public static Rollout byDefault(List<MigrationStep> steps, String since, Function<String, AppVersionFactory> apps) {
        List<MigrationStep> versioned = steps.stream().filter(s -> !s.repeatable()).toList();
        if (versioned.isEmpty()) {
            throw new ConfigurationException("No versioned migration (V<version>__<description>.sql) found to check");
        }
        int first = versioned.size() - 1;
        if (since != null) {
            first = versioned.indexOf(RolloutSince.step(steps, since));
        }
        Rollout r = first > 0 ? Rollout.empty().baseline(versioned.get(first - 1).name()) : Rollout.empty();
        r = r.start("old", apps.apply("old"));
        for (int i = first; i < versioned.size(); i++) {
            r = r.migrate(versioned.get(i).name());
        }
        for (MigrationStep s : steps) {
            if (s.repeatable()) {
                r = r.migrate(s.name());
            }
        }
        return r.deploy("new", apps.apply("new"));
    }

    private static ConfigurationException bad(String source, String message) {
        return new ConfigurationException(source + ": " + message);
    }
}
