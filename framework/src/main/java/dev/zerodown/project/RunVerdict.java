package dev.zerodown.project;

import java.util.Optional;
import dev.zerodown.report.FailureMessage;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.Verdict;
import org.apiguardian.api.API;

/**
 * One run as the build result sees it: its verdict and the texts of the failures {@code failOn} may call for.
 * A check has them from its results; {@code merge} reads them from the shards' manifests.
 *
 * @param name            the run's name
 * @param postgresVersion the server's version, such as {@code 17.6}
 * @param verdict         the run's verdict
 * @param transitions     how many transitions ran
 * @param failure         the build failure's text of an unsafe run ({@link FailureMessage}), else null
 * @param warnings        the {@code failOn=warning} failure's text of a safe run with warnings, else null
 */
@API(status = API.Status.INTERNAL)
public record RunVerdict(String name, String postgresVersion, Verdict verdict, int transitions, String failure,
                         String warnings) {

    public static RunVerdict of(RunResult r) {
        return new RunVerdict(r.name(), r.postgresVersion(), r.verdict(), r.transitions().size(),
                r.verdict() == Verdict.UNSAFE ? FailureMessage.of(r) : null,
                r.verdict() == Verdict.UNSAFE ? null : BuildVerdict.warnings(r).orElse(null));
    }

    Optional<String> failureText() {
        return Optional.ofNullable(failure);
    }

    Optional<String> warningsText() {
        return Optional.ofNullable(warnings);
    }
}
