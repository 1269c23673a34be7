package dev.zerodown.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the class's rollout on a real PostgreSQL under the load of the live app versions; each
 * transition becomes one invocation of the {@link TransitionTest} method.
 *
 * <p>Every attribute is a setting of the contract, written as text exactly like the system property
 * {@code zerodown.<attribute>}; an empty attribute means "not set here" (the system property, then the
 * default, applies). Precedence: attribute, then system property, then default.
 */
@API(status = API.Status.STABLE)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MigrationCompatibilityExtension.class)
public @interface MigrationCompatibility {
    /** {@code embedded} (default), {@code testcontainers}, {@code external}, {@code auto}. */
    String provider() default "";

    /** One or more majors 13-18, comma-separated; each runs the whole rollout. Default 17. */
    String postgresVersions() default "";

    /** For provider {@code external}: the server's JDBC URL. */
    String jdbcUrl() default "";

    /** For provider {@code external}: names the database you allow Zerodown to migrate. */
    String allowExternal() default "";

    /** The Flyway history table ({@code table} of the Flyway configuration) of the database a run starts from. Default {@code flyway_schema_history}. */
    String flywayTable() default "";

    /**
     * For provider {@code external} with {@code allowExternal}: {@code template} (each run in a copy of that database,
     * the default) or {@code in-place} (in that database itself, which the runs change).
     */
    String cloneStrategy() default "";

    /** For provider {@code testcontainers}: the image instead of {@code postgres:<major>}. */
    String image() default "";

    /** For provider {@code embedded}: {@code auto} (memory where it has room), {@code disk}, or a folder for the data. */
    String dataDirectory() default "";

    /** Flyway locations, comma-separated. Default {@code classpath:db/migration}. */
    String migrations() default "";

    /** How the migrations are laid out: flyway, diesel, golang-migrate, dbmate or liquibase. Default flyway. */
    String migrationsFormat() default "";

    /** With {@code migrationsFormat = "liquibase"}: the contexts of the update, as Liquibase's {@code --contexts}. Default: every changeset. */
    @API(status = API.Status.EXPERIMENTAL)
    String liquibaseContexts() default "";

    /** With {@code migrationsFormat = "liquibase"}: the label expression of the update, as Liquibase's {@code --labels}. Default: every changeset. */
    @API(status = API.Status.EXPERIMENTAL)
    String liquibaseLabels() default "";

    /** Flyway {@code ${name}} values as {@code name=value} entries. */
    String[] placeholders() default {};

    /** {@code true} allows scripts mixing transactional and non-transactional statements. */
    String mixed() default "";

    /**
     * Folder of {@code <version>.sql} workload files, as in the Maven plugin: a version the rollout gives without
     * code ({@code Rollout.startWith("v1")}, {@code deploy("v2")}) runs its file, or synthetic traffic when it has
     * none. Every {@code .sql} file in it must be named after a version of the rollout (seed and invariants files
     * excepted). Default {@code src/test/zerodown}; a folder set here must exist.
     */
    @API(status = API.Status.EXPERIMENTAL)
    String workloads() default "";

    /**
     * An invariants file ({@code -- invariant: <name> [from <step>] [until <step>]} above each query), checked
     * together with the class's {@link Invariant}s. Default {@code src/test/zerodown/invariants.sql} if present;
     * a file set here must exist.
     */
    @API(status = API.Status.EXPERIMENTAL)
    String invariants() default "";

    /**
     * A SQL file run before the baseline, as the connecting user (the embedded server's superuser): the roles,
     * extensions and settings the migrations expect of the server. Default: none.
     */
    String initScript() default "";

    /** A SQL file run once after the baseline without load. */
    String seed() default "";

    /**
     * The first step to check, by version ({@code V4}) or file name: the steps before it are the baseline, the
     * versions live when it runs are started, and the rollout's earlier transitions are not run. It must be a
     * versioned step the rollout migrates. Default: the whole rollout.
     */
    @API(status = API.Status.EXPERIMENTAL)
    String since() default "";

    /** Clients per live version. Default 4. */
    String clients() default "";

    /** Requests/s per live version (open loop); {@code 0} = closed loop. */
    String rate() default "";

    /** Time on each new state after a transition, e.g. {@code 1s}. */
    String soak() default "";

    /** Lock sampler interval, e.g. {@code 5ms}. */
    String sampleInterval() default "";

    /** A request waiting longer than this on the migration is {@code blocked-requests}. Default 100ms. */
    String maxLockWait() default "";

    /** Rows one transaction may write to a pre-existing table before {@code unbatched-backfill}. */
    String batchRows() default "";

    /** A step still running after this is cancelled and reported. Default 60s. */
    String stepTimeout() default "";

    /** If set, applied to the migration connection as a runner would. */
    String lockTimeout() default "";

    /** Retries of a step that hit {@code lockTimeout}. */
    String lockRetries() default "";

    /** A session holds ACCESS SHARE on every pre-existing table this long from just before each step ({@code 5s}). */
    String longTransaction() default "";

    /** Per hazard id: {@code id=level,...} with level error, warning or off. */
    String severities() default "";

    /** Where reports go. Default {@code target/zerodown}. */
    String reportDirectory() default "";

    /** The workloads' random seed. */
    String randomSeed() default "";

    /**
     * The database role(s) the live versions connect as: {@code role}, {@code role:password} or
     * {@code version=role} per version, comma-separated. Default: the server's own user.
     */
    String appRole() default "";

    /** Weights of synthetic traffic's reads, updates, inserts and deletes, {@code 70/20/7/3} by default. */
    String syntheticMix() default "";

    /**
     * A production profile ({@code profile.json}, captured with {@code zerodown:capture}): the baseline is
     * seeded to {@code scale} of its row counts before the seed file runs. Default
     * {@code src/test/zerodown/profile.json} if present.
     */
    String profile() default "";

    /** Fraction of the profile's rows to seed, or {@code auto} (the largest keeping every table within {@code maxSeedRows}). */
    String scale() default "";

    /** With {@code scale=auto}: the most rows any table gets from the profile. Default 100000. */
    String maxSeedRows() default "";

    /**
     * A folder to which every run appends its figures ({@code history.jsonl}), for {@code zerodown:trend}.
     * Default: unset (no history).
     */
    String history() default "";

    /**
     * A named set of settings: {@code nightly} (soak 60s, 8 clients, scale 1). An explicit setting still wins.
     * Default: none.
     */
    String preset() default "";

    /**
     * With a profile: re-run each statement that locks, rewrites or scans a pre-existing table at two
     * smaller sizes of it, and judge its lock on the duration predicted at the profile's rows.
     * {@code false} judges at the seeded size. Default {@code true}.
     */
    String predict() default "";

    /**
     * Whether runs start from a seeded baseline template: the baseline steps and the seed are applied once per
     * server and set of inputs (migrations, seed, profile, scale), every run copies the result, and the embedded
     * server keeps it on disk for later runs. {@code false} applies them in every run's own database.
     * Default {@code true}.
     */
    String seedCache() default "";

    /**
     * Marks the static no-argument method that returns the {@link dev.zerodown.plan.Rollout}. Nested so it
     * can be written {@code @MigrationCompatibility.Rollout} next to the imported {@code Rollout} type.
     */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @interface Rollout {
    }
}
