package dev.zerodown.examples.rename;

import static dev.zerodown.assertj.ZerodownAssertions.assertThat;

import dev.zerodown.examples.rename.v1.AppV1;
import dev.zerodown.examples.rename.v2.AppV2;
import dev.zerodown.examples.rename.v3.AppV3;
import dev.zerodown.examples.rename.v4.AppV4;
import dev.zerodown.junit.Invariant;
import dev.zerodown.junit.MigrationCompatibility;
import dev.zerodown.junit.TransitionTest;
import dev.zerodown.plan.Rollout;
import dev.zerodown.result.TransitionKind;
import dev.zerodown.result.TransitionResult;

/**
 * Renames {@code customers.name} to {@code full_name} without downtime: expand, dual write, batched
 * backfill, switch reads, stop writing the old column, contract. Every transition runs under the
 * load of the versions live at that moment and must pass the default checks.
 */
// tag::class[]
@MigrationCompatibility(migrations = "classpath:db/shop,classpath:db/rename")
class RenameColumnTest {

    @MigrationCompatibility.Rollout
    static Rollout rollout() {
        return Rollout.startWith("v1", AppV1::new) // reads and writes customers.name
                .migrate("V2")                     // expand: add full_name           (v1 under load)
                .deploy("v2", AppV2::new)          // dual write, still reads name    (v1 and v2)
                .retire("v1")
                .migrate("V3")                     // backfill in batches             (v2)
                .deploy("v3", AppV3::new)          // switch reads to full_name       (v2 and v3)
                .retire("v2")
                .migrate("V4")                     // name becomes nullable           (v3)
                .deploy("v4", AppV4::new)          // stops writing name              (v3 and v4)
                .retire("v3")
                .contract("V5");                   // drop name                       (v4)
    }

    // while a live version still reads customers.name, both columns must agree on every row
    @Invariant(from = "V3", until = "V4")
    static final String NAMES_IN_SYNC = "select id, name, full_name from customers where full_name is distinct from name";

    @TransitionTest
    void eachTransition(TransitionResult result) {
        // the default checks already passed: no failed request, no discrepancy, no error-level hazard
        assertThat(result).hasNoHazard("unbatched-backfill");
        if (result.kind() == TransitionKind.CONTRACT) {
            assertThat(result).hasHazard("destructive"); // a warning: reported, not failing
        }
    }
}
// end::class[]
