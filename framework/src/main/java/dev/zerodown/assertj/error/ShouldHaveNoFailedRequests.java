package dev.zerodown.assertj.error;

import java.util.List;
import java.util.stream.Collectors;
import dev.zerodown.config.Text;
import dev.zerodown.result.FailureGroup;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.VersionStats;
import org.apiguardian.api.API;

/** Versions had failed requests: every failing version, each with its first failure groups. */
@API(status = API.Status.INTERNAL)
public final class ShouldHaveNoFailedRequests extends TransitionMessage {
    private ShouldHaveNoFailedRequests(String message) {
        super(message);
    }

    /** How many failure groups are shown per version. */
    public static final int GROUPS_SHOWN = 3;

    /** @param failing the versions with failed requests, at least one, in the order to show */
    public static TransitionMessage shouldHaveNoFailedRequests(TransitionResult actual, List<VersionStats> failing) {
        String head = "Expected no failed request in <" + actual.name() + ">, but ";
        if (failing.size() == 1) {
            return new ShouldHaveNoFailedRequests(head + version(failing.get(0)));
        }
        return new ShouldHaveNoFailedRequests(head + failing.size() + " versions had failed requests:" + NL
                + failing.stream().map(s -> "  " + version(s)).collect(Collectors.joining(NL)));
    }

    private static String version(VersionStats s) {
        return "version <" + s.version() + "> had " + s.failed() + " of " + s.total() + " failed: " + failures(s.failures());
    }

    private static String failures(List<FailureGroup> groups) {
        String shown = groups.stream().limit(GROUPS_SHOWN)
                .map(f -> f.sqlState() + " x" + f.count() + " on '" + f.statement() + "': " + f.sampleMessage())
                .collect(Collectors.joining("; "));
        int more = groups.size() - GROUPS_SHOWN;
        return more > 0 ? shown + "; and " + Text.count(more, "more group") : shown;
    }
}
