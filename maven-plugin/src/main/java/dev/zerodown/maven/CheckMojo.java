package dev.zerodown.maven;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.EnvironmentException;
import dev.zerodown.engine.CompatibilityRun.RunOutcome;
import dev.zerodown.project.BuildVerdict;
import dev.zerodown.project.Check;
import dev.zerodown.project.CheckInputs;
import dev.zerodown.project.CheckLog;
import dev.zerodown.project.ProjectClassLoader;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.apiguardian.api.API;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;

/**
 * Runs the project's migrations step by step on a real PostgreSQL while the app versions of the
 * rollout serve traffic, and fails the build when a transition is unsafe.
 *
 * <p>Every setting has the same name as the {@code @MigrationCompatibility} attribute and the user
 * property {@code zerodown.<name>}; a value in the pom wins over {@code -D}, which wins over the
 * default. Relative paths are resolved against the module's base directory. An unsafe run is a build
 * failure (listing every error-level hazard); bad configuration and a broken environment are build
 * errors, never a verdict.
 */
@API(status = API.Status.INTERNAL)
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.TEST)
public class CheckMojo extends AbstractMojo {

    /**
     * Where PostgreSQL comes from: {@code embedded} (zonky binaries resolved through Maven, no Docker),
     * {@code testcontainers} (the {@code postgres:<major>} image, needs Docker), {@code external} (a
     * server given by {@code jdbcUrl}) or {@code auto} (Testcontainers where Docker answers, embedded
     * otherwise). Default: {@code embedded}.
     */
    @Parameter(property = "zerodown.provider")
    private String provider;

    /**
     * PostgreSQL majors to check, comma-separated, each from 13 to 18 (e.g. {@code 16,17}). The whole
     * rollout runs once per major, each with its own report. Default: {@code 17}.
     */
    @Parameter(property = "zerodown.postgresVersions")
    private String postgresVersions;

    /**
     * For {@code provider=external}: {@code jdbc:postgresql://host[:port]/database?user=..&password=..}.
     * Default: none.
     */
    @Parameter(property = "zerodown.jdbcUrl")
    private String jdbcUrl;

    /**
     * For {@code provider=external}: the opt-in that names exactly the database of {@code jdbcUrl}, so a
     * database that is not clearly disposable is never touched by accident. Default: none.
     */
    @Parameter(property = "zerodown.allowExternal")
    private String allowExternal;

    /**
     * The Flyway history table ({@code table} of the Flyway configuration) of the database a run starts from:
     * the versions it records as applied are the baseline and are not re-applied. Default: {@code flyway_schema_history}.
     */
    @Parameter(property = "zerodown.flywayTable")
    private String flywayTable;

    /**
     * For {@code provider=testcontainers} and {@code auto}: the image; {@code {major}} is replaced by the
     * major. Default: {@code postgres:<major>}.
     */
    @Parameter(property = "zerodown.image")
    private String image;

    /**
     * For {@code provider=embedded}: where the server's data directory goes: {@code auto} ({@code /dev/shm} where
     * it has 2 GiB free, else the temporary folder), {@code disk} (the temporary folder) or a folder. Default:
     * {@code auto}; the nightly preset sets {@code disk}.
     */
    @Parameter(property = "zerodown.dataDirectory")
    private String dataDirectory;

    /**
     * For {@code provider=external} with {@code allowExternal}: {@code template} (each run in a copy of that database
     * made with {@code CREATE DATABASE … TEMPLATE}) or {@code in-place} (in that database itself, which the runs
     * change; the second opt-in beside {@code allowExternal}). Default: {@code template}.
     */
    @Parameter(property = "zerodown.cloneStrategy")
    private String cloneStrategy;

    /**
     * Flyway-style migration location(s), comma-separated: a folder, {@code filesystem:<folder>} or
     * {@code classpath:<path>} (looked up on the project's test classpath, so run the goal after
     * {@code process-resources}). Files are {@code V<version>__<description>.sql} (with an optional
     * {@code .sql.conf}) and {@code R__<description>.sql}. Default: {@code src/main/resources/db/migration};
     * a module without that folder is skipped, while a folder configured here must exist.
     */
    @Parameter(property = "zerodown.migrations")
    private String migrations;

    /**
     * How the migrations are laid out: {@code flyway}, {@code diesel}, {@code golang-migrate},
     * {@code dbmate} or {@code liquibase} (XML, YAML, JSON or formatted SQL changelogs); see
     * docs/migration-formats.md. Default: {@code flyway}.
     */
    @Parameter(property = "zerodown.migrationsFormat")
    private String migrationsFormat;

    /**
     * With {@code liquibase}: the contexts of the update, as Liquibase's {@code --contexts} takes them
     * ({@code prod, eu} or {@code !test and eu}). Default: unset, every changeset runs.
     */
    @Parameter(property = "zerodown.liquibaseContexts")
    private String liquibaseContexts;

    /**
     * With {@code liquibase}: the label expression of the update, as Liquibase's {@code --labels} takes it
     * ({@code v2 and !experimental}). Default: unset, every changeset runs.
     */
    @Parameter(property = "zerodown.liquibaseLabels")
    private String liquibaseLabels;

    /**
     * Values for Flyway {@code ${name}} placeholders in the migrations, as comma-separated
     * {@code name=value} pairs (e.g. {@code schema=app,owner=admin}). Default: none.
     */
    @Parameter(property = "zerodown.placeholders")
    private String placeholders;

    /**
     * Allow scripts that mix transactional and non-transactional statements, as Flyway's {@code mixed}
     * does. Without it such a script is {@code migration-failed}. Default: {@code false}.
     */
    @Parameter(property = "zerodown.mixed")
    private String mixed;

    /**
     * Folder of workload files, one per app version, named {@code <version>.sql} (see docs/workloads.md).
     * A live version without a file gets synthetic traffic derived from the catalog, and the report
     * says so. Default: {@code src/test/zerodown}.
     */
    @Parameter(property = "zerodown.workloads")
    private String workloads;

    /**
     * Rollout file: one event a line ({@code baseline <step>}, {@code start <version>},
     * {@code migrate <step>...}, {@code contract <step>...}, {@code deploy <version>},
     * {@code retire <version>}, {@code #} comments). Without the file, the steps before {@code since}
     * are the baseline, then {@code start old}, each checked step is migrated, then {@code deploy new};
     * the log prints that plan. Default: {@code src/test/zerodown/rollout.txt} (must exist when configured).
     */
    @Parameter(property = "zerodown.rollout")
    private String rollout;

    /**
     * Invariants file: {@code -- invariant: <name> [from <step>] [until <step>]} above each query that
     * must return zero rows (see docs/invariants.md). Default: {@code src/test/zerodown/invariants.sql}
     * if present (must exist when configured).
     */
    @Parameter(property = "zerodown.invariants")
    private String invariants;

    /**
     * SQL run before the baseline, as the connecting user (the embedded server's superuser): the roles,
     * extensions and settings the migrations expect of the server ({@code CREATE ROLE app_readonly}), which
     * Flyway's migrations do not create themselves. Relative to the module. Default: none (must exist when
     * configured).
     */
    @Parameter(property = "zerodown.initScript")
    private String initScript;

    /**
     * SQL run once after the baseline, without load: data for the tables the migrations touch (a step
     * on an empty table proves little). Default: {@code src/test/zerodown/seed.sql} if present (must
     * exist when configured).
     */
    @Parameter(property = "zerodown.seed")
    private String seed;

    /**
     * The first step to check, by version ({@code V4}) or file name; earlier steps are the baseline. A pull
     * request often adds several migrations. With a rollout file, its transitions before the step are not run
     * (the versions live at that step are started). Default: the highest version only (without a rollout file),
     * else the whole rollout.
     */
    @Parameter(property = "zerodown.since")
    private String since;

    /** Clients (connections) per live app version. Default: {@code 4}. */
    @Parameter(property = "zerodown.clients")
    private String clients;

    /**
     * Requests per second per live version (open loop; latencies corrected for coordinated omission);
     * {@code 0} runs closed loop, as fast as the clients can; {@code profile} takes the profile's calls per
     * second (the nightly preset's). Default: {@code 200}.
     */
    @Parameter(property = "zerodown.rate")
    private String rate;

    /** Time on each new state after a transition, under load, with invariants checked. Default: {@code 1s}. */
    @Parameter(property = "zerodown.soak")
    private String soak;

    /** Interval of the lock sampler ({@code pg_locks}, {@code pg_stat_activity}). Default: {@code 5ms}. */
    @Parameter(property = "zerodown.sampleInterval")
    private String sampleInterval;

    /** A request waiting longer than this on the migration is {@code blocked-requests}. Default: {@code 100ms}. */
    @Parameter(property = "zerodown.maxLockWait")
    private String maxLockWait;

    /**
     * A transaction writing more rows than this, or more than half of a pre-existing table of at least
     * 1,000 rows, is {@code unbatched-backfill}. Default: {@code 10000}.
     */
    @Parameter(property = "zerodown.batchRows")
    private String batchRows;

    /** A step still running after this is cancelled and reported. Default: {@code 60s}. */
    @Parameter(property = "zerodown.stepTimeout")
    private String stepTimeout;

    /**
     * When set, applied to the migration connection as a migration runner would ({@code SET lock_timeout});
     * then {@code missing-lock-timeout} cannot fire. Default: unset.
     */
    @Parameter(property = "zerodown.lockTimeout")
    private String lockTimeout;

    /** With {@code lockTimeout}: how often a statement that timed out on a lock is retried. Default: {@code 0}. */
    @Parameter(property = "zerodown.lockRetries")
    private String lockRetries;

    /**
     * A session holds ACCESS SHARE on every pre-existing table for this long from just before each step, like a
     * long report query: a step without {@code lock_timeout} queues behind it and traffic piles up behind the
     * step. Default: unset; the nightly preset sets {@code 5s}.
     */
    @Parameter(property = "zerodown.longTransaction")
    private String longTransaction;

    /**
     * Severity per hazard id as comma-separated {@code id=level} pairs, level {@code error},
     * {@code warning} or {@code off} (e.g. {@code strong-lock=error,destructive=off}). Default: the
     * hazard catalogue's (docs/hazards.md).
     */
    @Parameter(property = "zerodown.severities")
    private String severities;

    /**
     * What fails the build: {@code error} (an unsafe run), {@code warning} (also any warning-level
     * hazard) or {@code never} (the reports still say unsafe, the build succeeds). Default: {@code error}.
     */
    @Parameter(property = "zerodown.failOn")
    private String failOn;

    /**
     * Where the reports go: {@code <reportDirectory>/<artifactId>/pg<major>/report.json} (and
     * {@code report.html}, {@code report.md}, Surefire XML). Default: {@code ${project.build.directory}/zerodown}.
     */
    @Parameter(property = "zerodown.reportDirectory", defaultValue = "${project.build.directory}/zerodown")
    private String reportDirectory;

    /**
     * This CI runner's slice of the module's runs, {@code i/n} (e.g. {@code 2/4}): the runs (one per PostgreSQL
     * major) sorted by key are dealt round-robin over the n shards, and {@code <reportDirectory>/<artifactId>/shard.json}
     * records the slice for {@code zerodown:merge}. Default: unset (every run).
     */
    @Parameter(property = "zerodown.shard")
    private String shard;

    /** Seed of the workloads' random generators (printed in the report, so a run can be repeated). Default: {@code 42}. */
    @Parameter(property = "zerodown.randomSeed")
    private String randomSeed;

    /**
     * The database role(s) the live versions connect as: {@code role}, {@code role:password}, or
     * {@code version=role} per version (comma-separated). The role must exist (created by the
     * migrations or an init script); a step that leaves out a GRANT a version needs then fails its
     * requests with 42501. Default: unset (the server's own user).
     */
    @Parameter(property = "zerodown.appRole")
    private String appRole;

    /**
     * Weights of synthetic traffic's point reads, updates, inserts and deletes, written
     * {@code read/update/insert/delete}. Default: {@code 70/20/7/3}.
     */
    @Parameter(property = "zerodown.syntheticMix")
    private String syntheticMix;

    /**
     * A production profile ({@code profile.json}, written by {@code zerodown:capture}): the baseline is
     * seeded to {@code scale} of its row counts, before the seed file runs. Default:
     * {@code src/test/zerodown/profile.json} if present (must exist when configured).
     */
    @Parameter(property = "zerodown.profile")
    private String profile;

    /**
     * Fraction of the profile's rows to seed ({@code 0.01}, {@code 1}), or {@code auto}: the largest
     * fraction (at most 1) that keeps every table within {@code maxSeedRows}. Default: {@code auto}.
     */
    @Parameter(property = "zerodown.scale")
    private String scale;

    /** With {@code scale=auto}: the most rows any table gets from the profile. Default: {@code 100000}. */
    @Parameter(property = "zerodown.maxSeedRows")
    private String maxSeedRows;

    /**
     * A folder to which every run appends one record per transition and statement ({@code history.jsonl}),
     * read by {@code zerodown:trend}. Default: unset (no history is kept).
     */
    @Parameter(property = "zerodown.history")
    private String history;

    /**
     * A named set of settings for one way of running: {@code nightly} sets soak 60s, 8 clients, scale 1,
     * maxSeedRows 100000000, rate profile, dataDirectory disk and longTransaction 5s.
     * Every setting given explicitly still wins over the preset. Default: none.
     */
    @Parameter(property = "zerodown.preset")
    private String preset;

    /**
     * With a profile: re-run each statement that locks, rewrites or scans a pre-existing table at two
     * smaller sizes of it and judge its lock on the duration predicted at the profile's rows;
     * {@code false} judges at the seeded size. Default: {@code true}.
     */
    @Parameter(property = "zerodown.predict")
    private String predict;

    /**
     * Whether runs start from a seeded baseline template: the baseline steps and the seed are applied once per
     * server and set of inputs (migrations, seed, profile, scale), every run copies the result, and the embedded
     * server keeps it on disk for later builds (docs/rollout.md, "What the run costs"); {@code false} applies
     * them in every run's own database. Default: {@code true}.
     */
    @Parameter(property = "zerodown.seedCache")
    private String seedCache;

    /** Skips the check. Default: {@code false}. */
    @Parameter(property = "zerodown.skip", defaultValue = "false")
    private boolean skip;

    /** The build session: its {@code -D} user properties are checked for {@code zerodown.*} typos. */
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
    private RepositorySystemSession repositorySession;

    @Component
    private RepositorySystem repositorySystem;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("zerodown:check skipped (skip=true)");
            return;
        }
        try {
            CheckInputs inputs = CheckInputs.read(parameters(), session.getUserProperties(),
                    project.getBasedir().toPath());
            if (inputs.nothingToCheck()) {
                getLog().info("No migrations at " + inputs.defaultMigrations() + ": nothing to check in "
                        + project.getArtifactId());
                return;
            }
            List<RunOutcome> outcomes;
            try (ProjectClassLoader classLoader = ProjectClassLoader.of(project.getTestClasspathElements())) {
                Check check = Check.prepare(project.getArtifactId(), inputs, classLoader, log());
                new PostgresArtifacts(repositorySystem, repositorySession, project.getRemoteProjectRepositories())
                        .prepare(inputs.settings(), check.majors());
                outcomes = check.run(System.out);
            }
            Optional<String> failure = new BuildVerdict(inputs.settings().failOn(), log()).conclude(outcomes);
            if (failure.isPresent()) {
                throw new MojoFailureException(failure.get());
            }
        } catch (ConfigurationException e) {
            throw new MojoExecutionException(e.getMessage());
        } catch (EnvironmentException e) {
            throw new MojoExecutionException("environment: " + e.getMessage(), e);
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("environment: the test classpath is not resolved: " + e.getMessage(), e);
        }
    }

    /** The check's lines on Maven's log. */
    private CheckLog log() {
        return MavenLog.of(getLog());
    }

    /** Every setting that was given (pom or -D), by its contract name. */
    private Map<String, String> parameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("provider", provider);
        m.put("postgresVersions", postgresVersions);
        m.put("jdbcUrl", jdbcUrl);
        m.put("allowExternal", allowExternal);
        m.put("flywayTable", flywayTable);
        m.put("image", image);
        m.put("dataDirectory", dataDirectory);
        m.put("cloneStrategy", cloneStrategy);
        m.put("migrations", migrations);
        m.put("migrationsFormat", migrationsFormat);
        m.put("liquibaseContexts", liquibaseContexts);
        m.put("liquibaseLabels", liquibaseLabels);
        m.put("placeholders", placeholders);
        m.put("mixed", mixed);
        m.put("workloads", workloads);
        m.put("rollout", rollout);
        m.put("invariants", invariants);
        m.put("initScript", initScript);
        m.put("seed", seed);
        m.put("since", since);
        m.put("clients", clients);
        m.put("rate", rate);
        m.put("soak", soak);
        m.put("sampleInterval", sampleInterval);
        m.put("maxLockWait", maxLockWait);
        m.put("batchRows", batchRows);
        m.put("stepTimeout", stepTimeout);
        m.put("lockTimeout", lockTimeout);
        m.put("lockRetries", lockRetries);
        m.put("longTransaction", longTransaction);
        m.put("severities", severities);
        m.put("failOn", failOn);
        m.put("reportDirectory", reportDirectory);
        m.put("shard", shard);
        m.put("randomSeed", randomSeed);
        m.put("appRole", appRole);
        m.put("syntheticMix", syntheticMix);
        m.put("profile", profile);
        m.put("scale", scale);
        m.put("maxSeedRows", maxSeedRows);
        m.put("history", history);
        m.put("preset", preset);
        m.put("predict", predict);
        m.put("seedCache", seedCache);
        m.values().removeIf(v -> v == null || v.isBlank());
        return m;
    }
}
