package dev.zerodown.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Every example scenario again and again: each run must give the same verdicts (every test passes), and a run
 * that discovers no scenario fails. Outside the default build:
 * {@code mvn -B -Pstability -pl framework,examples test} (runs {@code zerodown.stabilityRuns}, default 10; the
 * framework's own StabilityTest runs in the same command).
 */
@Tag("stability")
class ExamplesStabilityTest {

    @Test
    void should_give_the_same_verdicts_on_every_run() {
        int runs = Integer.getInteger("zerodown.stabilityRuns", 10);
        for (int run = 1; run <= runs; run++) {
            var events = EngineTestKit.engine("junit-jupiter")
                    .selectors(selectPackage("dev.zerodown.examples"))
                    // the scenarios only: not the docs checks, not this test
                    .filters(ClassNameFilter.excludeClassNamePatterns(".*Docs.*", ".*StabilityTest"))
                    .execute().testEvents();
            assertThat(events.started().count()).as("tests started in run %d", run).isGreaterThan(30);
            List<String> failures = events.failed().stream()
                    .map(e -> e.getTestDescriptor().getDisplayName() + ": " + e.getPayload(TestExecutionResult.class)
                            .flatMap(TestExecutionResult::getThrowable)
                            .map(t -> String.valueOf(t.getMessage()).lines().findFirst().orElse("")).orElse(""))
                    .toList();
            System.out.printf("examples stability run %d of %d: %d tests, %d failed%n", run, runs, events.started().count(),
                    failures.size());
            assertThat(failures).as("failed tests in run %d of %d", run, runs).isEmpty();
            events.assertStatistics(stats -> stats.failed(0).aborted(0));
        }
    }
}
