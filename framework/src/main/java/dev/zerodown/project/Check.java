package dev.zerodown.project;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.zerodown.config.EnvironmentException;
import dev.zerodown.engine.CompatibilityRun;
import dev.zerodown.engine.CompatibilityRun.RunOutcome;
import dev.zerodown.engine.WorkloadApps;
import dev.zerodown.load.SyntheticTraffic;
import dev.zerodown.load.SyntheticWorkload;
import dev.zerodown.migrations.MigrationLoader;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.report.Reports;
import dev.zerodown.report.ShardManifest;
import dev.zerodown.settings.Settings;
import dev.zerodown.settings.Shard;
import org.apiguardian.api.API;

/**
 * One module's check: reads and validates the migrations, workloads, rollout and invariants up front,
 * then makes one engine call per PostgreSQL major. The engine reads the invariants and seed files and
 * applies {@code since}, as it does for the JUnit extension.
 */
@API(status = API.Status.INTERNAL)
public final class Check {
    private final String name;
    private final CheckInputs inputs;
    private final List<MigrationStep> steps;
    private final ClassLoader classLoader;
    private final CheckLog log;

    private Check(String name, CheckInputs inputs, List<MigrationStep> steps, ClassLoader classLoader, CheckLog log) {
        this.name = name;
        this.inputs = inputs;
        this.steps = steps;
        this.classLoader = classLoader;
        this.log = log;
    }

    /** Reads and validates every input, without any database: a problem here is a configuration error. */
    public static Check prepare(String name, CheckInputs inputs, ClassLoader classLoader, CheckLog log) {
        Settings settings = inputs.settings();
        inputs.flywayNotes().forEach(log::info);
        List<MigrationStep> steps = new MigrationLoader().withLiquibase(settings.liquibaseContexts(), settings.liquibaseLabels())
                .load(settings.migrationsFormat(), settings.migrations(), CompatibilityRun.placeholders(settings), classLoader);
        Check check = new Check(name, inputs, steps, classLoader, log);
        WorkloadApps apps = new WorkloadApps(inputs.workloads(), inputs.settings().syntheticMix(),
                WorkloadApps.profileFile(inputs.settings().profile()));
        RolloutSource source = RolloutSource.of(inputs, steps, apps);
        apps.requireMatching(source.rollout(), settings);
        check.engine(source).plan();
        log.info(source.description());
        if (inputs.rolloutFile() != null && settings.since() != null) {
            log.info("since=" + settings.since() + ": the rollout file's transitions before it are not run; its"
                    + " earlier steps are the baseline");
        }
        if (!apps.synthetic().isEmpty()) {
            log.info("No workload file in " + inputs.basedir().relativize(apps.folder()) + " for " + apps.synthetic()
                    + ": synthetic traffic (ORM-shaped reads, updates, inserts and deletes naming the columns each version first saw) stands in for them");
        }
        check.logProfileTraffic(apps);
        return check;
    }

    /**
     * One engine call per PostgreSQL major, each outcome shown as soon as it is known. Each major gets
     * its own app versions: synthetic traffic reads the catalog of its own run.
     *
     * @param stdout where GitHub Actions workflow commands go when {@code GITHUB_ACTIONS=true} (standard output)
     */
    public List<RunOutcome> run(PrintStream stdout) {
        RunDisplay display = new RunDisplay(inputs, log, System.getenv(), stdout);
        List<RunOutcome> outcomes = new ArrayList<>();
        ShardLog.before(name, inputs.settings(), log);
        for (int major : majors()) {
            log.info("Checking " + steps.size() + " migration(s) on PostgreSQL " + major + " ("
                    + inputs.settings().provider() + ")");
            WorkloadApps apps = new WorkloadApps(inputs.workloads(), inputs.settings().syntheticMix(),
                WorkloadApps.profileFile(inputs.settings().profile()));
            RunOutcome outcome = engine(RolloutSource.of(inputs, steps, apps)).run(major);
            logTablesWithoutKey(apps);
            display.show(outcome);
            outcomes.add(outcome);
        }
        if (inputs.settings().shard() == null) {
            ShardManifest.remove(Path.of(inputs.settings().reportDirectory()), name);
        } else {
            Path reports = Path.of(inputs.settings().reportDirectory());
            try {
                log.info("Shard manifest: " + ShardLog.manifest(name, inputs, steps, outcomes).write(reports));
                Reports.writeIndex(reports);
            } catch (UncheckedIOException e) {
                throw new EnvironmentException("Could not write the shard manifest of " + name + " to reportDirectory "
                        + reports + ": " + e.getMessage() + "; without it zerodown:merge counts this shard as missing", e);
            }
        }
        return outcomes;
    }

    /** The majors this check runs: every one of {@code postgresVersions}, or the slice of its {@code shard}. */
    public List<Integer> majors() {
        Shard shard = inputs.settings().shard();
        return shard == null ? inputs.settings().postgresVersions()
                : shard.majors(name, inputs.settings().postgresVersions());
    }

    private CompatibilityRun engine(RolloutSource source) {
        return CompatibilityRun.of(name, source.rollout())
                .settings(inputs.settings())
                .classLoader(classLoader)
                .sourceRoot(RunDisplay.repositoryRoot(inputs, System.getenv()));
    }

    /** Which versions run the profile's query mix, and each statement of it left out, with why. */
    private void logProfileTraffic(WorkloadApps apps) {
        apps.describeProfileTraffic(inputs.basedir().relativize(apps.folder()).toString(), log::info, log::warn);
    }

    /** What synthetic traffic left out, once per run (the versions bound at start usually agree). */
    private void logTablesWithoutKey(WorkloadApps apps) {
        for (SyntheticTraffic traffic : apps.syntheticTraffic()) {
            SyntheticWorkload w = traffic.workload();
            if (w != null && !w.skipped().isEmpty()) {
                List<String> lines = new ArrayList<>();
                w.skipped().forEach((table, notes) -> lines.add(table + ": " + String.join("; ", notes)));
                log.info("Synthetic traffic left out: " + String.join(" | ", lines));
                return;
            }
        }
    }
}
