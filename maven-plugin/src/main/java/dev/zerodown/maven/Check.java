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
 * One module's check: reads the migrations, workloads, rollout and invariants, then makes one engine
 * call per PostgreSQL major and shows each outcome as soon as it is known.
 */
final class Check {
    private final String name;
    private final CheckInputs inputs;
    private final ClassLoader classLoader;
    private final Log log;
    private final RunDisplay display;

    Check(String name, CheckInputs inputs, ClassLoader classLoader, Log log) {
        this.name = name;
        this.inputs = inputs;
        this.classLoader = classLoader;
        this.log = log;
        this.display = new RunDisplay(inputs, log);
    }

    List<RunOutcome> run() {
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
        List<RunOutcome> outcomes = new ArrayList<>();
        for (int major : settings.postgresVersions()) {
            log.info("Checking " + steps.size() + " migration(s) on PostgreSQL " + major + " (" + settings.provider()
                    + ")");
            RunOutcome outcome = run.run(major);
            display.show(outcome);
            outcomes.add(outcome);
        }
        return outcomes;
    }
}
