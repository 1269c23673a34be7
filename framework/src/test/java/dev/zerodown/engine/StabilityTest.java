package dev.zerodown.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The verdict tests again and again (the engine's runs, synthetic traffic, the JUnit extension and the
 * corpus on two majors): every run must give the same verdicts (all pass), and a run that discovers
 * no test fails. Outside the
 * default build: {@code mvn -B -Pstability -pl framework test} (runs {@code zerodown.stabilityRuns}, default 10).
 */
@Tag("stability")
class StabilityTest {

    @Test
    void should_give_the_same_verdicts_on_every_run() {
        int runs = Integer.getInteger("zerodown.stabilityRuns", 10);
        for (int i = 0; i < runs; i++) {
            var events = EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(CompatibilityRunTest.class), selectClass(SyntheticTrafficTest.class),
                            selectClass("dev.zerodown.junit.MigrationCompatibilityExtensionTest"),
                            selectClass("dev.zerodown.trace.CorpusTest"))
                    .execute().testEvents();
            // no vacuous pass: a run that discovered nothing proves nothing
            org.assertj.core.api.Assertions.assertThat(events.started().count()).as("tests started in run %d", i + 1)
                    .isGreaterThan(100);
            int run = i + 1;
            java.util.List<String> failures = events.failed().stream()
                    .map(e -> e.getTestDescriptor().getDisplayName() + ": " + e.getPayload(
                            org.junit.platform.engine.TestExecutionResult.class)
                            .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                            .map(t -> String.valueOf(t.getMessage()).lines().findFirst().orElse("")).orElse(""))
                    .toList();
            org.assertj.core.api.Assertions.assertThat(failures).as("failed tests in run %d of %d", run, runs).isEmpty();
            events.assertStatistics(stats -> stats.failed(0).aborted(0));
        }
    }
}
