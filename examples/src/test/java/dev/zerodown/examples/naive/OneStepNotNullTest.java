package dev.zerodown.examples.naive;

import static dev.zerodown.assertj.ZerodownAssertions.assertThat;

import dev.zerodown.examples.notnull.v1.AppV1;
import dev.zerodown.junit.MigrationCompatibility;
import dev.zerodown.junit.TransitionTest;
import dev.zerodown.plan.Rollout;
import dev.zerodown.result.TransitionResult;

/** SET NOT NULL in one step scans orders under ACCESS EXCLUSIVE. Compare SetNotNullTest. */
@MigrationCompatibility(migrations = "classpath:db/shop,classpath:db/naive-notnull")
class OneStepNotNullTest {

    @MigrationCompatibility.Rollout
    static Rollout rollout() {
        return Rollout.startWith("v1", AppV1::new).migrate("V2"); // alter column placed_at set not null
    }

    @TransitionTest(defaultChecks = false)
    void scanUnderLockIsCaught(TransitionResult result) {
        assertThat(result)
                .isUnsafe()
                .hasHazard("scan-under-lock")
                .hasHazard("strong-lock");
    }
}
