package dev.zerodown.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransitionResultOrderTest {

    private static VersionStats stats(String version, boolean canary) {
        return new VersionStats(version, 1, 1, 0, 0, Map.of(), List.of(), 1, 2, 3, 100, 0, 0, false, canary, null);
    }

    private static TransitionResult result(List<String> live, List<String> canaries, Map<String, VersionStats> requests) {
        return new TransitionResult("deploy v10 under [v9, v10]", null, TransitionKind.DEPLOY, live, canaries, Verdict.SAFE,
                List.of(), requests, List.of(), 0, 1, Timeline.empty());
    }

    @Test
    void should_keep_the_versions_and_their_requests_in_deploy_order_live_then_canaries() {
        List<String> live = List.of("v9", "v10", "v2");
        Map<String, VersionStats> requests = new HashMap<>();
        for (String v : List.of("v2", "v10", "v1", "v9")) {
            requests.put(v, stats(v, v.equals("v1")));
        }

        TransitionResult r = result(live, List.of("v1"), requests);

        assertThat(r.liveVersions()).containsExactly("v9", "v10", "v2");
        assertThat(r.requests().keySet()).containsExactly("v9", "v10", "v2", "v1");
        assertThat(r.requests().values()).extracting(VersionStats::version).containsExactly("v9", "v10", "v2", "v1");
    }

    @Test
    void should_keep_a_version_that_is_neither_live_nor_canary_after_them() {
        Map<String, VersionStats> requests = new java.util.LinkedHashMap<>();
        requests.put("v0", stats("v0", false));
        requests.put("v1", stats("v1", false));

        TransitionResult r = result(List.of("v1"), List.of(), requests);

        assertThat(r.requests().keySet()).containsExactly("v1", "v0");
    }
}
