package dev.zerodown.examples.notnull;

import static dev.zerodown.assertj.ZerodownAssertions.assertThat;

import dev.zerodown.examples.notnull.v1.AppV1;
import dev.zerodown.junit.MigrationCompatibility;
import dev.zerodown.junit.TransitionTest;
import dev.zerodown.plan.Rollout;
import dev.zerodown.result.TransitionResult;

/**
 * Makes {@code orders.placed_at} NOT NULL without blocking orders: CHECK … NOT VALID, VALIDATE,
 * SET NOT NULL (which trusts the validated CHECK and does not scan), drop the CHECK: four steps.
 */
@MigrationCompatibility(migrations = "classpath:db/shop,classpath:db/notnull")
class SetNotNullTest {

    // tag::rollout[]
    @MigrationCompatibility.Rollout
    static Rollout rollout() {
        return Rollout.startWith("v1", AppV1::new)
                .migrate("V2")   // add constraint … check (placed_at is not null) not valid
                .migrate("V3")   // validate constraint: scans, but reads and writes go on
                .migrate("V4")   // set not null: no scan, the validated CHECK proves it
                .migrate("V5");  // drop the CHECK
    }
    // end::rollout[]

    @TransitionTest
    void eachTransition(TransitionResult result) {
        // the default checks passed (no error-level hazard); this is the one the rollout exists to avoid
        assertThat(result).hasNoHazard("scan-under-lock");
    }
}
