package dev.zerodown.result;

import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * What one app version did during one transition (including its soak).
 *
 * @param expectedErrors    requests that failed with an error declared as expected in the domain
 * @param failuresBySqlState failed requests counted per SQLState
 * @param migrationWaits    lock waits of this version's requests attributed to the migration
 * @param maxMigrationWaitMs longest such wait
 * @param synthetic         true when the traffic was derived from the catalog, not from user workloads
 * @param canary            true for a retired version kept running by the rollback check
 * @param traffic           what drove the requests: the source, the role and, for synthetic traffic, the tables and columns used
 */
@API(status = API.Status.STABLE)
public record VersionStats(String version, long total, long ok, long failed, long expectedErrors,
                           Map<String, Long> failuresBySqlState, List<FailureGroup> failures,
                           double p50Ms, double p99Ms, double maxMs, double throughputPerSec,
                           long migrationWaits, double maxMigrationWaitMs, boolean synthetic, boolean canary,
                           Traffic traffic) {
    public VersionStats {
        failuresBySqlState = Map.copyOf(failuresBySqlState);
        failures = List.copyOf(failures);
        if (traffic == null) {
            traffic = synthetic ? new Traffic("synthetic", null, Map.of(), Map.of(), Map.of(), false) : Traffic.java(null);
        }
    }
}
