package dev.zerodown.examples.naive;

import static dev.zerodown.assertj.ZerodownAssertions.assertThat;

import dev.zerodown.examples.rename.v1.AppV1;
import dev.zerodown.examples.rename.v2.AppV2;
import dev.zerodown.junit.MigrationCompatibility;
import dev.zerodown.junit.TransitionTest;
import dev.zerodown.plan.Rollout;
import dev.zerodown.result.TransitionKind;
import dev.zerodown.result.TransitionResult;

/**
 * The right first steps of a rename, then the contract while v1 and v2 still use the old column.
 * The expand and the deploy are safe; the contract is not. Compare RenameColumnTest.
 */
@MigrationCompatibility(migrations = "classpath:db/shop,classpath:db/naive-contract")
class EarlyContractTest {

    @MigrationCompatibility.Rollout
    static Rollout rollout() {
        return Rollout.startWith("v1", AppV1::new)
                .migrate("V2")              // add full_name: safe
                .deploy("v2", AppV2::new)   // dual write: safe
                .contract("V3");            // drop name while v1 and v2 are live
    }

    // tag::mixed[]
    @TransitionTest(defaultChecks = false)
    void onlyTheEarlyContractIsUnsafe(TransitionResult result) {
        if (result.kind() == TransitionKind.CONTRACT) {
            assertThat(result)
                    .isUnsafe()
                    .hasFailedRequests("v1", "42703")
                    .hasFailedRequests("v2", "42703")
                    .hasHazard("backward-incompatible")
                    .hasHazard("destructive");
        } else {
            assertThat(result).isSafe().hasNoFailedRequests();
        }
    }
    // end::mixed[]
}
