package dev.zerodown.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.migrations.Migrations;
import dev.zerodown.plan.PlannedTransition;
import dev.zerodown.plan.RolloutPlan;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.PostgresServer;
import dev.zerodown.postgres.SeededDatabase;
import dev.zerodown.result.Baseline;
import dev.zerodown.settings.Settings;
import dev.zerodown.trace.StepExecutor;
import dev.zerodown.trace.TraceSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's database at its baseline, before any load: the init script, the baseline steps as one Flyway migrate
 * (with its callbacks; with a Flyway history, only what Flyway would apply), the profile's rows and the seed file —
 * or a copy of the seeded template a server keeps for the same inputs ({@code seedCache}).
 */
final class BaselineStart {
    private static final Logger LOG = LoggerFactory.getLogger(BaselineStart.class);

    private final String name;
    private final Settings settings;
    private final RolloutPlan plan;
    private final Migrations migrations;
    private final PostgresServer server;
    private final Path initScript;
    private final Path seedFile;
    private final Path profileFile;
    private final TraceSettings traceSettings;

    BaselineStart(String name, Settings settings, RolloutPlan plan, Migrations migrations, PostgresServer server,
                  Path initScript, Path seedFile, Path profileFile, TraceSettings traceSettings) {
        this.name = name;
        this.settings = settings;
        this.plan = plan;
        this.migrations = migrations;
        this.server = server;
        this.initScript = initScript;
        this.seedFile = seedFile;
        this.profileFile = profileFile;
        this.traceSettings = traceSettings;
    }

    /** The run's database at the seeded baseline, how it got there, and what preparing it found. */
    record Start(Database database, Baseline baseline, Prepared prepared) {
    }

    /**
     * The run's database at the seeded baseline: a copy of the seeded template the server keeps for these inputs
     * (prepared first if no earlier run did), or, where the server keeps none or {@code seedCache=false}, this run's
     * own database with the baseline applied and seeded.
     */
    Start start() {
        long t0 = System.nanoTime();
        int steps = plan.baseline().size();
        Optional<String> outside = settings.seedCache() ? BaselineKey.readsOutside(plan.baseline(), seedFile) : Optional.empty();
        outside.ifPresent(o -> LOG.info("No seeded template is kept for this baseline: {} reads from outside the database,"
                + " which its key cannot see; the baseline and seed are applied in the run's own database", o));
        if (settings.seedCache() && outside.isEmpty() && (steps > 0 || seedFile != null || profileFile != null)) {
            String key = BaselineKey.of(plan.baseline(), seedFile, profileFile, settings,
                    server.provider().id() + " " + server.version() + " (" + server.major() + ")",
                    BaselineKey.also(initScript, migrations.callbacks()));
            Optional<SeededDatabase> seeded = server.createSeeded(name, key,
                    tmp -> prepare(tmp, new StepExecutor(tmp, traceSettings, null, migrations.callbacks())));
            if (seeded.isPresent()) {
                SeededDatabase s = seeded.get();
                if (s.reused()) {
                    LOG.info("Baseline and seed reused from {} ({}; {} baseline step(s), same inputs): {} ms", s.template(),
                            s.fromDisk() ? "saved on disk by an earlier run" : "prepared by an earlier run of this JVM",
                            steps, s.millis());
                } else {
                    LOG.info("Baseline ({} step(s)) and seed prepared in {} ms as template {}; later runs with the same inputs copy it",
                            steps, s.millis(), s.template());
                }
                // a template starts from an empty database, so no Flyway history left anything out
                return new Start(s.database(), new Baseline(steps, s.reused(), s.template(), s.fromDisk(), s.millis()),
                        new Prepared(steps - 1, Map.of()));
            }
        }
        Database db = server.createDatabase(name);
        Prepared prepared;
        try {
            prepared = prepare(db, new StepExecutor(db, traceSettings, null, migrations.callbacks()));
        } catch (RuntimeException e) {
            RunExecutor.closeQuietly(db, e);
            throw e;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("Baseline ({} step(s)) and seed prepared in {} ms in the run's own database", steps, ms);
        return new Start(db, new Baseline(steps, false, null, false, ms), prepared);
    }

    /**
     * What {@link #prepare} did: the last applied step's index, and the transitions left out (plan index → why):
     * repeatable scripts whose checksum the database's Flyway history already holds.
     */
    record Prepared(int lastApplied, Map<Integer, String> skipped) {
    }

    /**
     * Runs the init script, applies the baseline as one Flyway migrate (with its callbacks) and the seed, without
     * load; with a Flyway history, only what Flyway would apply.
     */
    private Prepared prepare(Database db, StepExecutor steps) {
        if (initScript != null) {
            InitScript.apply(db, initScript);
        }
        FlywayHistory history = FlywayHistory.read(db, settings.flywayTable());
        if (history != null) {
            List<MigrationStep> all = new ArrayList<>(plan.baseline());
            plan.transitions().stream().map(PlannedTransition::step).filter(java.util.Objects::nonNull).forEach(all::add);
            all.addAll(migrations.superseded());
            history.validate(all, plan);
            LOG.info("Database {} has a Flyway history ({}): {} applied version(s) are the baseline and are not re-applied",
                    db.name(), history.table(), history.applied().size());
        }
        baselineMigrate(db, steps, baselineToApply(db, history));
        if (profileFile != null) {
            Seed.fromProfile(db, profileFile, settings);
        }
        if (seedFile != null) {
            Seed.apply(db, seedFile);
        }
        return new Prepared(plan.baseline().size() - 1, history == null ? Map.of() : unchangedRepeatables(history));
    }

    /**
     * The baseline steps Flyway would apply: all of them to an empty database; with a history, the pending ones,
     * the versions a baseline migration stands for included and the baseline migration itself left out.
     */
    private List<MigrationStep> baselineToApply(Database db, FlywayHistory history) {
        List<MigrationStep> out = new ArrayList<>();
        if (history != null) {
            migrations.superseded().stream().filter(s -> !s.baselineMigration() && !history.isApplied(s)).forEach(out::add);
        }
        for (MigrationStep s : plan.baseline()) {
            if (s.baselineMigration() && history == null) {
                LOG.info("{} is a baseline migration: on an empty database Flyway applies it instead of {}, and so does"
                        + " Zerodown", s.fileName(), String.join(", ", migrations.superseded().stream()
                        .map(MigrationStep::fileName).toList()));
            } else if (s.baselineMigration() && history.isApplied(s)) {
                LOG.info("{} is a baseline migration, which Flyway applies to an empty database only: not applied to {},"
                        + " which has a Flyway history", s.fileName(), db.name());
            } else if (s.repeatable() && history != null && history.isApplied(s)) {
                LOG.info("{} is unchanged since it was applied (checksum {} in {}): not applied again, as Flyway does"
                        + " not apply it", s.fileName(), s.checksum(), history.table());
            }
            if (history == null || !history.isApplied(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The baseline as one Flyway migrate: its callbacks around the steps, each step with its own. */
    private void baselineMigrate(Database db, StepExecutor steps, List<MigrationStep> toApply) {
        if (toApply.isEmpty()) {
            return;
        }
        MigrateCallbacks callbacks = new MigrateCallbacks(migrations.callbacks(), db, settings);
        callbacks.begin("before the baseline");
        for (MigrationStep s : toApply) {
            callbacks.beforeStep(s);
            steps.applyUntraced(s);
            callbacks.stepApplied();
        }
        callbacks.end("after the baseline");
    }

    /** Transitions of repeatable scripts the history holds with the file's checksum: Flyway would not run them. */
    private Map<Integer, String> unchangedRepeatables(FlywayHistory history) {
        Map<Integer, String> out = new java.util.TreeMap<>();
        for (int i = 0; i < plan.transitions().size(); i++) {
            MigrationStep step = plan.transitions().get(i).step();
            if (step != null && history.unchanged(step)) {
                String why = step.fileName() + " is unchanged since it was applied (checksum " + step.checksum() + " in "
                        + history.table() + "), so Flyway does not run it again";
                LOG.info("{}: {} is left out", why, plan.transitions().get(i).name());
                out.put(i, why);
            }
        }
        return out;
    }
}
