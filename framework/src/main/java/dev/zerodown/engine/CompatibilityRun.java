package dev.zerodown.engine;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.ConfigurationProblems;
import dev.zerodown.config.EnvironmentException;
import dev.zerodown.settings.Settings;
import dev.zerodown.invariants.Invariant;
import dev.zerodown.migrations.MigrationLoader;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.invariants.InvariantsFile;
import dev.zerodown.migrations.Migrations;
import dev.zerodown.plan.Rollout;
import dev.zerodown.plan.RolloutSince;
import dev.zerodown.plan.RolloutPlan;
import dev.zerodown.postgres.Postgres;
import dev.zerodown.postgres.PostgresOptions;
import dev.zerodown.postgres.PostgresServer;
import dev.zerodown.report.ConsoleReport;
import dev.zerodown.report.History;
import dev.zerodown.report.ReportFiles;
import dev.zerodown.report.Reports;
import dev.zerodown.report.SourceFiles;
import dev.zerodown.report.Trend;
import dev.zerodown.result.RunResult;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plain Java entry point: runs a rollout on every configured PostgreSQL major, under the load of
 * the live versions, and writes the reports. Immutable; {@link #run()} is the terminal verb.
 *
 * <pre>{@code
 * List<RunResult> results = CompatibilityRun.of("rename", rollout)
 *     .settings(Settings.defaults().with("soak", "500ms"))
 *     .invariants(List.of(new Invariant("names in sync", "select ...", "V3", "V4", "MyTest")))
 *     .run();
 * }</pre>
 *
 * <p>The settings' project files apply as in every front door: the {@code seed} file, the {@code invariants}
 * file (beside the invariants given here), the {@code workloads} folder for the versions the rollout gives
 * without code ({@code Rollout.startWith("v1")}), and {@code since}, which starts the rollout at that step.
 */
@API(status = API.Status.STABLE)
public final class CompatibilityRun {
    private static final Logger LOG = LoggerFactory.getLogger(CompatibilityRun.class);
    private final String name;
    private final Rollout rollout;
    private final Settings settings;
    private final List<Invariant> invariants;
    private final ClassLoader classLoader;
    private final boolean writeReports;
    private final TransitionListener listener;
    private final Path sourceRoot;

    private CompatibilityRun(String name, Rollout rollout, Settings settings, List<Invariant> invariants,
                             ClassLoader classLoader, boolean writeReports, TransitionListener listener,
                             Path sourceRoot) {
        this.name = name;
        this.rollout = rollout;
        this.settings = settings;
        this.invariants = List.copyOf(invariants);
        this.classLoader = classLoader;
        this.writeReports = writeReports;
        this.listener = listener;
        this.sourceRoot = sourceRoot;
    }

    /** A run named {@code name} (the report folder) of this rollout, with default settings. */
    public static CompatibilityRun of(String name, Rollout rollout) {
        return new CompatibilityRun(Objects.requireNonNull(name), Objects.requireNonNull(rollout), Settings.defaults(),
                List.of(), Thread.currentThread().getContextClassLoader(), true, TransitionListener.NONE, Paths.get(""));
    }

    public CompatibilityRun settings(Settings s) {
        return new CompatibilityRun(name, rollout, Objects.requireNonNull(s), invariants, classLoader, writeReports, listener, sourceRoot);
    }

    /**
     * One setting, typed, on top of the current settings: {@code run.with(Setting.SOAK, Duration.ofMillis(500))}.
     * The string form is {@code settings(settings().with("soak", "500ms"))}.
     */
    public <T> CompatibilityRun with(dev.zerodown.settings.Setting<T> setting, T value) {
        return settings(settings.with(setting, value));
    }

    public CompatibilityRun invariants(List<Invariant> list) {
        return new CompatibilityRun(name, rollout, settings, list, classLoader, writeReports, listener, sourceRoot);
    }

    /** Where {@code classpath:} migration locations are read from. */
    public CompatibilityRun classLoader(ClassLoader cl) {
        return new CompatibilityRun(name, rollout, settings, invariants, cl, writeReports, listener, sourceRoot);
    }

    /** Whether to write report files into {@code reportDirectory} (default true). */
    public CompatibilityRun writeReports(boolean write) {
        return new CompatibilityRun(name, rollout, settings, invariants, classLoader, write, listener, sourceRoot);
    }

    /** Called after each transition, as soon as it is judged. */
    public CompatibilityRun listener(TransitionListener l) {
        return new CompatibilityRun(name, rollout, settings, invariants, classLoader, writeReports, l, sourceRoot);
    }

    /**
     * The project (or repository) root that {@code report.sarif} names migration files from (default: the
     * working directory), so code scanning pins each hazard on its file.
     */
    public CompatibilityRun sourceRoot(Path root) {
        return new CompatibilityRun(name, rollout, settings, invariants, classLoader, writeReports, listener,
                Objects.requireNonNull(root));
    }

    public String name() {
        return name;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Loads the migrations and validates the rollout against them and the seed setting, without any database;
     * every problem found is reported together.
     */
    @API(status = API.Status.INTERNAL)
    public RolloutPlan plan() {
        ConfigurationProblems problems = new ConfigurationProblems();
        problems.run(this::seedFile);
        problems.run(this::profileFile);
        problems.run(this::initScript);
        List<Invariant> all = problems.get(this::allInvariants);
        Migrations migrations = problems.get(this::migrations);
        List<MigrationStep> steps = migrations == null ? null : migrations.steps();
        Rollout effective = steps == null ? null : problems.get(() -> effective(steps));
        RolloutPlan plan = effective == null ? null : problems.get(() -> RolloutPlan.of(effective, steps));
        if (plan != null && all != null) {
            problems.run(() -> InvariantScopes.of(all, steps));
        }
        problems.throwIfAny();
        return plan;
    }

    /** Runs on every major of {@code postgresVersions}, in order, and writes the reports. */
    public List<RunResult> run() {
        List<RunResult> results = new ArrayList<>();
        for (int major : settings.postgresVersions()) {
            results.add(run(major).result());
        }
        return results;
    }

    /** Runs on one major and writes its reports (unless {@link #writeReports(boolean)} said not to). */
    public RunOutcome run(int major) {
        Migrations migrations = migrations();
        List<MigrationStep> steps = migrations.steps();
        RolloutPlan plan = RolloutPlan.of(effectiveLogged(steps), steps);
        InvariantScopes scopes = InvariantScopes.of(allInvariants(), steps);
        Path init = initScript();
        Path seed = seedFile();
        profileFile();
        Settings resolved = ProfileRate.resolve(settings, Seed.profileFile(settings));
        PostgresServer server = Postgres.server(new PostgresOptions(settings.provider(), major, settings.jdbcUrl(), settings.allowExternal(),
                settings.image(), settings.dataDirectory(), settings.cloneStrategy()));
        RunResult result = NotRunTransitions.account(plan,
                new RunExecutor(name, resolved, plan, migrations, scopes, server, init, seed, listener).execute());
        ReportFiles files = writeReports ? writeReports(result, steps, resolved) : null;
        if (settings.history() != null) {
            History.append(result, Paths.get(settings.history()), settings.scale().toString(),
                    settings.preset().id());
            if (files != null) {
                trend(Paths.get(settings.history()), files.index().getParent());
            }
        }
        return new RunOutcome(result, files);
    }

    /**
     * One major's result and the report files written for it.
     *
     * @param reports null when reports were not written
     */
    public record RunOutcome(RunResult result, ReportFiles reports) {
    }

    /**
     * Writes the reports; when they cannot be written (a read-only or full disk), the verdict is logged in full
     * before the environment error, so the run's measurements are never lost without a word.
     */
    private ReportFiles writeReports(RunResult result, List<MigrationStep> steps, Settings effective) {
        Path dir = Paths.get(settings.reportDirectory());
        try {
            return Reports.write(result, dir, effective.effective(), sources(steps));
        } catch (UncheckedIOException e) {
            ConsoleReport.render(result, false).lines().forEach(LOG::error);
            throw new EnvironmentException("Could not write the reports of '" + name + "' (PostgreSQL " + result.postgresMajor()
                    + ") to reportDirectory " + dir.toAbsolutePath().normalize() + " (property zerodown.reportDirectory): "
                    + e.getMessage() + "; the run measured the verdict " + result.verdict().id()
                    + " (logged above); make the folder writable or free disk space, or set reportDirectory to another folder", e);
        }
    }

    /**
     * Renders the history's trend page into the report directory and rebuilds the index, which then links it (as
     * the run's report.html does). A page that cannot be rendered is a warning: the verdict stands without it.
     */
    private static void trend(Path history, Path reportDirectory) {
        Path page = reportDirectory.resolve(Reports.TREND_PAGE);
        try {
            Trend.Result trend = Trend.render(history, page);
            Reports.writeIndex(reportDirectory);
            LOG.info("Trend of {} runs in {}: {}{}", trend.runs(), history, page, trend.regressions().isEmpty() ? ""
                    : " (" + trend.regressions().size() + " regressions)");
            trend.regressions().forEach(r -> LOG.warn("Regression: {}", r));
        } catch (RuntimeException e) {
            LOG.warn("Could not render the trend page {} of the history {}: {}", page, history, e.getMessage());
        }
    }

    private SourceFiles sources(List<MigrationStep> steps) {
        Map<String, String> locations = new LinkedHashMap<>();
        steps.forEach(s -> locations.putIfAbsent(s.fileName(), s.location()));
        return SourceFiles.of(sourceRoot, locations);
    }

    private Migrations migrations() {
        return new MigrationLoader().withLiquibase(settings.liquibaseContexts(), settings.liquibaseLabels())
                .read(settings.migrationsFormat(), settings.migrations(), placeholders(settings),
                classLoader);
    }

    /**
     * The {@code placeholders} setting with Flyway's {@code ${flyway:user}} first: the user the run connects as (a
     * value the user gives wins).
     */
    @API(status = API.Status.INTERNAL)
    public static Map<String, String> placeholders(Settings settings) {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            String user = Postgres.connectingUser(new PostgresOptions(settings.provider(),
                    PostgresOptions.DEFAULT_MAJOR, settings.jdbcUrl(), settings.allowExternal(), settings.image()));
            if (user != null) {
                m.put("flyway:user", user);
            }
        } catch (ConfigurationException e) {
            // a bad jdbcUrl is reported where the server is chosen; the scripts then just have no ${flyway:user}
        }
        m.putAll(settings.placeholders());
        return m;
    }

    /** The init script, or null when the setting is unset; a set one must name a file. */
    private Path initScript() {
        if (settings.initScript() == null) {
            return null;
        }
        Path p = Paths.get(settings.initScript());
        if (!p.toFile().isFile()) {
            throw ConfigurationException.badValue("initScript", settings.initScript(), "a file"
                    + (p.isAbsolute() ? "" : " (" + p.toAbsolutePath().normalize() + ")"), "the path of the SQL file to run before the baseline, relative to"
                    + " the working directory (the module's folder under Maven), or leave the setting out");
        }
        return p;
    }

    /**
     * The rollout as it runs: the versions given without code get their traffic from the {@code workloads}
     * folder (afresh on every call, so each major's synthetic traffic reads its own catalog), and the steps
     * before {@code since} are the baseline.
     */
    private Rollout effective(List<MigrationStep> steps) {
        return RolloutSince.apply(WorkloadApps.resolve(rollout, settings), steps, settings.since());
    }

    /** {@link #effective}, logging which versions run the profile's query mix and what of it was left out. */
    private Rollout effectiveLogged(List<MigrationStep> steps) {
        WorkloadApps apps = WorkloadApps.of(rollout, settings);
        if (apps == null) {
            return effective(steps);
        }
        Rollout resolved = rollout.withApps(apps);
        apps.describeProfileTraffic(apps.folder().toString(), LOG::info, LOG::warn);
        return RolloutSince.apply(resolved, steps, settings.since());
    }

    /** The profile file, or null when the setting is unset or is the default and absent; a set one must name a file. */
    private Path profileFile() {
        return optionalFile("profile", settings.profile(), Settings.defaults().profile());
    }

    /** The invariants given in Java and those of the {@code invariants} file (the default one only if it exists). */
    private List<Invariant> allInvariants() {
        Path file = optionalFile("invariants", settings.invariants(), Settings.defaults().invariants());
        if (file == null) {
            return invariants;
        }
        List<Invariant> all = new ArrayList<>(invariants);
        all.addAll(InvariantsFile.parse(file));
        return all;
    }

    /**
     * The seed file, or null when there is none: the default path is used only if it exists; any other path
     * was set on purpose and must name a file (running on empty tables would measure nothing).
     */
    private Path seedFile() {
        return optionalFile("seed", settings.seed(), Settings.defaults().seed());
    }

    private static Path optionalFile(String setting, String value, String defaultValue) {
        if (value == null) {
            return null;
        }
        Path p = Paths.get(value);
        if (p.toFile().isFile()) {
            return p;
        }
        if (p.normalize().equals(Paths.get(defaultValue).normalize())) {
            return null;
        }
        throw ConfigurationException.notThere(setting, p, "file");
    }
}
