package dev.zerodown.examples.naive;

import static dev.zerodown.assertj.ZerodownAssertions.assertThat;

import java.time.Duration;
import dev.zerodown.examples.Margins;
import dev.zerodown.examples.bigint.v1.AppV1;
import dev.zerodown.junit.MigrationCompatibility;
import dev.zerodown.junit.TransitionTest;
import dev.zerodown.plan.Rollout;
import dev.zerodown.result.TransitionResult;

/**
 * ADD COLUMN and a whole-table UPDATE in one script, so in one transaction: the ACCESS EXCLUSIVE
 * lock of the ALTER is held until every row is written. Compare IntToBigintTest.
 */
// tag::blocking[]
@MigrationCompatibility(migrations = "classpath:db/shop,classpath:db/naive-backfill", maxLockWait = "5ms")
class UnbatchedBackfillTest {
    static final Duration MAX_LOCK_WAIT = Duration.ofMillis(5); // as in the annotation

    @MigrationCompatibility.Rollout
    static Rollout rollout() {
        return Rollout.startWith("v1", AppV1::new).migrate("V2"); // add column + update every row
    }

    @TransitionTest(defaultChecks = false)
    void wholeTableUpdateUnderTheDdlLockIsCaught(TransitionResult result) {
        assertThat(result)
                .isUnsafe()
                .hasHazard("unbatched-backfill")
                .hasHazard("lock-held-across-statements")
                .hasHazard("blocked-requests")
                .hasMaxLockWaitAtLeast(Margins.blockingWait(MAX_LOCK_WAIT)); // 10x the threshold: not luck
        // sized from what was measured: a request that arrives during the update waits for most of it
        long updateMs = result.timeline().statements().stream().filter(st -> st.sql().startsWith("update orders"))
                .mapToLong(st -> st.endMs() - st.startMs()).max().orElseThrow();
        assertThat(result).hasMaxLockWaitAtLeast(Duration.ofMillis(updateMs / 2));
    }
}
// end::blocking[]
