package dev.zerodown.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import dev.zerodown.hazards.HazardId;
import org.apiguardian.api.API;

/**
 * Everything measured for one transition: a migrated step or a deploy, under the load of every
 * live version, followed by its soak.
 *
 * @param name           as in the contract: {@code V3__backfill_full_name under [v2]}, {@code deploy v3 under [v2, v3]}
 * @param step           the step's file name with {@code .sql}; null for a deploy
 * @param liveVersions   live versions in deploy order
 * @param canaryVersions retired versions kept running by the rollback check
 * @param requests       per version (live and canary), in deploy order: the live versions, then the canaries
 * @param samplerMaxGapMs the longest time during the transition in which the lock sampler took no sample, ms;
 *                       NaN when not measured (a result built with the older constructor)
 * @param sampledWaits   lock waits of the transition the sampler saw (each may have been lengthened by the server log)
 * @param serverLogWaits lock waits only the server's log saw ({@code log_lock_waits}: waits of 10 ms or more on the
 *                       embedded server), typically in a sampler gap; they are in the timeline and count for hazards
 * @param warnings       what makes this result's figures less certain, one sentence each (such as a sampler
 *                       pause longer than 20 ms: the wait figures may be incomplete); never affects the verdict
 */
@API(status = API.Status.STABLE)
public record TransitionResult(String name, String step, TransitionKind kind, List<String> liveVersions,
                               List<String> canaryVersions, Verdict verdict, List<Hazard> hazards,
                               Map<String, VersionStats> requests, List<InvariantResult> invariants,
                               long startMs, long endMs, Timeline timeline, double samplerMaxGapMs,
                               int sampledWaits, int serverLogWaits, List<String> warnings) {
    public TransitionResult {
        warnings = List.copyOf(warnings);
        liveVersions = List.copyOf(liveVersions);
        canaryVersions = List.copyOf(canaryVersions);
        hazards = List.copyOf(hazards);
        requests = inDeployOrder(requests, liveVersions, canaryVersions);
        invariants = List.copyOf(invariants);
    }

    /**
     * A result without sampler figures (kept for compatibility): {@code samplerMaxGapMs} NaN, every wait of the
     * timeline counted as sampled, none from the server log, no warning.
     */
    public TransitionResult(String name, String step, TransitionKind kind, List<String> liveVersions,
                            List<String> canaryVersions, Verdict verdict, List<Hazard> hazards,
                            Map<String, VersionStats> requests, List<InvariantResult> invariants,
                            long startMs, long endMs, Timeline timeline) {
        this(name, step, kind, liveVersions, canaryVersions, verdict, hazards, requests, invariants, startMs, endMs,
                timeline, Double.NaN, timeline == null ? 0 : timeline.lockWaits().size(), 0, List.of());
    }

    private static Map<String, VersionStats> inDeployOrder(Map<String, VersionStats> requests, List<String> live,
                                                           List<String> canaries) {
        Map<String, VersionStats> ordered = new LinkedHashMap<>();
        Stream.concat(live.stream(), canaries.stream()).filter(requests::containsKey)
                .forEach(v -> ordered.put(v, requests.get(v)));
        requests.forEach(ordered::putIfAbsent);
        return Collections.unmodifiableMap(ordered);
    }

    public List<Hazard> hazards(HazardId id) {
        return hazards.stream().filter(h -> h.id() == id).toList();
    }

    public Optional<VersionStats> requests(String version) {
        return Optional.ofNullable(requests.get(version));
    }

    /** Longest lock wait of any request attributed to the migration, in ms. */
    public double maxMigrationWaitMs() {
        return requests.values().stream().mapToDouble(VersionStats::maxMigrationWaitMs).max().orElse(0);
    }
}
