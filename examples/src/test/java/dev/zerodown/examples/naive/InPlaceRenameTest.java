package dev.zerodown.examples.naive;

import static dev.zerodown.assertj.ZerodownAssertions.assertThat;

import dev.zerodown.examples.rename.v1.AppV1;
import dev.zerodown.junit.MigrationCompatibility;
import dev.zerodown.junit.TransitionTest;
import dev.zerodown.plan.Rollout;
import dev.zerodown.result.TransitionResult;

/** Renaming customers.name in place breaks v1, which is still live. Compare RenameColumnTest. */
@MigrationCompatibility(migrations = "classpath:db/shop,classpath:db/naive-rename")
class InPlaceRenameTest {

    @MigrationCompatibility.Rollout
    static Rollout rollout() {
        return Rollout.startWith("v1", AppV1::new).migrate("V2"); // rename column name to full_name
    }

    // tag::unsafe[]
    @TransitionTest(defaultChecks = false) // this transition must fail: assert how
    void renameBreaksTheLiveVersion(TransitionResult result) {
        assertThat(result)
                .isUnsafe()
                .hasFailedRequests("v1", "42703") // undefined_column: "select name from customers"
                .hasHazard("failed-requests")
                .hasHazard("backward-incompatible");
    }
    // end::unsafe[]
}
