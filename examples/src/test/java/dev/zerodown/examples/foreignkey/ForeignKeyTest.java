package dev.zerodown.examples.foreignkey;

import static dev.zerodown.assertj.ZerodownAssertions.assertThat;

import dev.zerodown.examples.foreignkey.v1.AppV1;
import dev.zerodown.junit.MigrationCompatibility;
import dev.zerodown.junit.TransitionTest;
import dev.zerodown.plan.Rollout;
import dev.zerodown.result.TransitionResult;

/** Adds the missing foreign key order_lines → orders: NOT VALID first, VALIDATE in its own step. */
@MigrationCompatibility(migrations = "classpath:db/shop,classpath:db/foreignkey")
class ForeignKeyTest {

    @MigrationCompatibility.Rollout
    static Rollout rollout() {
        return Rollout.startWith("v1", AppV1::new)
                .migrate("V2")   // add constraint … foreign key … not valid
                .migrate("V3");  // validate constraint
    }

    @TransitionTest
    void eachTransition(TransitionResult result) {
        assertThat(result).hasNoHazard("scan-under-lock");
    }
}
