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
 * @param startedAt       wall-clock start; every {@code ...Ms} time in the result counts from it
 */
@API(status = API.Status.STABLE)
public record RunResult(String name, String postgresVersion, int postgresMajor, String provider, long seed,
                        Verdict verdict, List<TransitionResult> transitions, Instant startedAt) {
    public RunResult {
        transitions = List.copyOf(transitions);
    }
}
