package dev.zerodown.examples.bigint;

import static dev.zerodown.assertj.ZerodownAssertions.assertThat;

import dev.zerodown.examples.bigint.v1.AppV1;
import dev.zerodown.examples.bigint.v2.AppV2;
import dev.zerodown.junit.Invariant;
import dev.zerodown.junit.MigrationCompatibility;
import dev.zerodown.junit.TransitionTest;
import dev.zerodown.plan.Rollout;
import dev.zerodown.result.TransitionResult;

/**
 * Widens orders.total_cents from integer to bigint through a new column, with the dual write in a
 * trigger instead of the app: no ALTER … TYPE, so no rewrite of orders.
 */
@MigrationCompatibility(migrations = "classpath:db/shop,classpath:db/bigint")
class IntToBigintTest {

    @MigrationCompatibility.Rollout
    static Rollout rollout() {
        return Rollout.startWith("v1", AppV1::new)
                .migrate("V2")              // add amount_cents bigint
                .migrate("V3")              // trigger: both columns stay equal
                .migrate("V4")              // backfill in batches
                .deploy("v2", AppV2::new)   // reads and writes amount_cents only
                .retire("v1")
                .migrate("V5")              // total_cents becomes nullable
                .contract("V6");            // drop trigger, function and total_cents
    }

    @Invariant(from = "V4", until = "V6")
    static final String AMOUNTS_IN_SYNC = "select id from orders where amount_cents is distinct from total_cents";

    @TransitionTest
    void eachTransition(TransitionResult result) {
        assertThat(result).hasNoHazard("table-rewrite").hasNoHazard("lock-held-across-statements");
    }
}
