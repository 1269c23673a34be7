package dev.zerodown.examples.naive;

import static dev.zerodown.assertj.ZerodownAssertions.assertThat;

import dev.zerodown.examples.bigint.v1.AppV1;
import dev.zerodown.junit.MigrationCompatibility;
import dev.zerodown.junit.TransitionTest;
import dev.zerodown.plan.Rollout;
import dev.zerodown.result.TransitionResult;

/** ADD COLUMN … DEFAULT gen_random_uuid() rewrites every row of orders under ACCESS EXCLUSIVE. */
@MigrationCompatibility(migrations = "classpath:db/shop,classpath:db/naive-default")
class VolatileDefaultTest {

    @MigrationCompatibility.Rollout
    static Rollout rollout() {
        return Rollout.startWith("v1", AppV1::new).migrate("V2"); // add column public_id … default gen_random_uuid()
    }

    @TransitionTest(defaultChecks = false)
    void rewriteIsCaught(TransitionResult result) {
        assertThat(result)
                .isUnsafe()
                .hasHazard("table-rewrite")
                .hasHazard("strong-lock");
    }
}
