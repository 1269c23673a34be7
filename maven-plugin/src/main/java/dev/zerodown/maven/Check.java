package dev.zerodown.maven;

import java.util.ArrayList;
import java.util.List;
import dev.zerodown.engine.CompatibilityRun;
import dev.zerodown.engine.CompatibilityRun.RunOutcome;
import dev.zerodown.invariants.Invariant;
import dev.zerodown.invariants.InvariantsFile;
import dev.zerodown.migrations.MigrationLoader;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.settings.Settings;
import org.apache.maven.plugin.logging.Log;

/**
 * One module's check: reads the migrations, workloads, rollout and invariants up front, then makes
 * one engine call per PostgreSQL major.
 */
final class Check {
    private final CompatibilityRun run;
    private final int steps;
    private final Log log;
    private final RunDisplay display;

    private Check(CompatibilityRun run, int steps, Log log, RunDisplay display) {
        this.run = run;
        this.steps = steps;
        this.log = log;
        this.display = display;
    }

    /** Reads and validates every input, without any database: a problem here is a configuration error. */
    static Check prepare(String name, CheckInputs inputs, ClassLoader classLoader, Log log) {
        Settings settings = inputs.settings();
        List<MigrationStep> steps = MigrationLoader.load(settings.migrations(), settings.placeholders(), classLoader);
        WorkloadApps apps = new WorkloadApps(inputs.workloads());
        RolloutSource source = RolloutSource.of(inputs, steps, apps);
        log.info(source.description());
        if (!apps.synthetic().isEmpty()) {
            log.info("No workload file in " + inputs.basedir().relativize(apps.folder()) + " for " + apps.synthetic()
                    + ": synthetic traffic (point reads and no-op updates by primary key) stands in for them");
        }
        List<Invariant> invariants = inputs.invariantsFile() == null ? List.of()
                : InvariantsFile.parse(inputs.invariantsFile());
        CompatibilityRun run = CompatibilityRun.of(name, source.rollout())
                .settings(settings)
                .invariants(invariants)
                .classLoader(classLoader);
        run.plan();
        return new Check(run, steps.size(), log, new RunDisplay(inputs, log));
    }

    /** One engine call per PostgreSQL major, each outcome shown as soon as it is known. */
    List<RunOutcome> run() {
        List<RunOutcome> outcomes = new ArrayList<>();
        for (int major : run.settings().postgresVersions()) {
            log.info("Checking " + steps + " migration(s) on PostgreSQL " + major + " (" + run.settings().provider()
                    + ")");
            RunOutcome outcome = run.run(major);
            display.show(outcome);
            outcomes.add(outcome);
        }
        return outcomes;
    }
}
