package dev.zerodown.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The verdict tests again and again: every run must give the same verdicts (all pass). Outside the
 * default build: {@code mvn -B -Pstability -pl framework test} (runs {@code zerodown.stabilityRuns}, default 10).
 */
@Tag("stability")
class StabilityTest {

    @Test
    void should_give_the_same_verdicts_on_every_run() {
        int runs = Integer.getInteger("zerodown.stabilityRuns", 10);
        for (int i = 0; i < runs; i++) {
            EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(CompatibilityRunTest.class), selectClass("dev.zerodown.junit.MigrationCompatibilityExtensionTest"))
                    .execute().testEvents()
                    .assertStatistics(stats -> stats.failed(0).aborted(0));
        }
    }
}
