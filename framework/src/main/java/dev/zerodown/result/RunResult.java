package dev.zerodown.result;

import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One run of a rollout on one PostgreSQL major.
 *
 * @param name            the run's name (test class or plugin execution), used for the report folder
 * @param postgresVersion full server version, such as {@code 17.11}
 * @param provider        {@code embedded}, {@code testcontainers} or {@code external}
 * @param seed            the random seed of the workloads
 * @param transitions     the transitions that ran, in rollout order
 * @param startedAt       wall-clock start; every {@code ...Ms} time in the result counts from it
 * @param notRun          the transitions of the rollout that never ran (the run stopped after a failed step),
 *                        in rollout order; empty when every transition ran
 * @param baseline        how the run's database got to the seeded baseline (reused from a template, or applied);
 *                        null when not known (a result built with an older constructor)
 */
@API(status = API.Status.STABLE)
public record RunResult(String name, String postgresVersion, int postgresMajor, String provider, long seed,
                        Verdict verdict, List<TransitionResult> transitions, Instant startedAt,
                        List<NotRunTransition> notRun, Baseline baseline) {
    public RunResult {
        transitions = List.copyOf(transitions);
        notRun = List.copyOf(notRun);
    }

    /** A run without what is known of its baseline ({@link #baseline()} null). */
    public RunResult(String name, String postgresVersion, int postgresMajor, String provider, long seed,
                     Verdict verdict, List<TransitionResult> transitions, Instant startedAt,
                     List<NotRunTransition> notRun) {
        this(name, postgresVersion, postgresMajor, provider, seed, verdict, transitions, startedAt, notRun, null);
    }

    /** A run in which every planned transition ran (or whose untried ones are not known yet). */
    public RunResult(String name, String postgresVersion, int postgresMajor, String provider, long seed,
                     Verdict verdict, List<TransitionResult> transitions, Instant startedAt) {
        this(name, postgresVersion, postgresMajor, provider, seed, verdict, transitions, startedAt, List.of(), null);
    }

    /** This run with the transitions that never ran. */
    public RunResult withNotRun(List<NotRunTransition> list) {
        return new RunResult(name, postgresVersion, postgresMajor, provider, seed, verdict, transitions, startedAt,
                list, baseline);
    }
}
