package dev.zerodown.engine;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.load.SyntheticTraffic;
import dev.zerodown.migrations.MigrationLoader;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.plan.Rollout;
import dev.zerodown.plan.RolloutFile;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.settings.Settings;

/** The same migrations in several layouts, run as the plugin's default rollout would, and their verdicts compared. */
final class FormatRuns {
    private FormatRuns() {
    }

    /** The default rollout from {@code since} of {@code migrations} in {@code format}, under synthetic traffic. */
    static RunResult run(String migrations, String format, String since, String workloads) {
        Settings s = Settings.defaults().with(Map.of("migrations", migrations, "migrationsFormat", format,
                "since", since, "workloads", workloads, "soak", "300ms", "clients", "2"));
        List<MigrationStep> steps = new MigrationLoader().load(s.migrationsFormat(), s.migrations(), Map.of(), null);
        Rollout rollout = RolloutFile.byDefault(steps, since, version -> new SyntheticTraffic());
        return CompatibilityRun.of(format, rollout).settings(s).writeReports(false).run(17).result();
    }

    /** Per transition in order: its kind, verdict and hazard ids. */
    static List<String> verdicts(RunResult r) {
        return r.transitions().stream().map(t -> t.kind() + " " + t.verdict() + " "
                + new TreeSet<>(t.hazards().stream().map(h -> h.id().id()).toList())).toList();
    }

    /** The first hazard of this id in the run. */
    static Hazard hazard(RunResult r, HazardId id) {
        return r.transitions().stream().map(TransitionResult::hazards).flatMap(List::stream)
                .filter(h -> h.id() == id).findFirst().orElseThrow();
    }
}
