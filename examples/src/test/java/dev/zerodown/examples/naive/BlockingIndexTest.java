package dev.zerodown.examples.naive;

import static dev.zerodown.assertj.ZerodownAssertions.assertThat;

import dev.zerodown.examples.index.v1.AppV1;
import dev.zerodown.junit.MigrationCompatibility;
import dev.zerodown.junit.TransitionTest;
import dev.zerodown.plan.Rollout;
import dev.zerodown.result.TransitionResult;

/** A plain CREATE INDEX on the busy orders table. Compare ConcurrentIndexTest. */
@MigrationCompatibility(migrations = "classpath:db/shop,classpath:db/naive-index")
class BlockingIndexTest {

    @MigrationCompatibility.Rollout
    static Rollout rollout() {
        return Rollout.startWith("v1", AppV1::new).migrate("V2"); // create index (not concurrently)
    }

    @TransitionTest(defaultChecks = false)
    void plainIndexBuildIsCaught(TransitionResult result) {
        assertThat(result)
                .isUnsafe()
                .hasHazard("non-concurrent-index")
                .hasHazard("strong-lock");
    }
}
