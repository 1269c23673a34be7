package dev.zerodown.examples.split;

import static dev.zerodown.assertj.ZerodownAssertions.assertThat;

import dev.zerodown.examples.split.v1.AppV1;
import dev.zerodown.examples.split.v2.AppV2;
import dev.zerodown.examples.split.v3.AppV3;
import dev.zerodown.examples.split.v4.AppV4;
import dev.zerodown.junit.Invariant;
import dev.zerodown.junit.MigrationCompatibility;
import dev.zerodown.junit.TransitionTest;
import dev.zerodown.plan.Rollout;
import dev.zerodown.result.TransitionResult;

/**
 * Moves the address out of the wide customers table into customer_addresses: new table, dual
 * write, batched backfill, switch reads, stop writing the old columns, drop them.
 */
@MigrationCompatibility(migrations = "classpath:db/shop,classpath:db/split")
class SplitTableTest {

    @MigrationCompatibility.Rollout
    static Rollout rollout() {
        return Rollout.startWith("v1", AppV1::new)
                .migrate("V2")              // create table customer_addresses
                .deploy("v2", AppV2::new)   // dual write in one transaction, reads customers
                .retire("v1")
                .migrate("V3")              // backfill in batches
                .deploy("v3", AppV3::new)   // reads customer_addresses
                .retire("v2")
                .migrate("V4")              // old address columns become nullable
                .deploy("v4", AppV4::new)   // writes customer_addresses only
                .retire("v3")
                .contract("V5");            // drop the old columns
    }

    // tag::invariant[]
    // every customer has exactly the address the old columns hold, while a live version reads them
    @Invariant(from = "V3", until = "V4")
    static final String ADDRESSES_IN_SYNC = """
            select c.id
              from customers c
              left join customer_addresses a on a.customer_id = c.id
             where (c.street, c.city, c.postal_code, c.country)
                   is distinct from (a.street, a.city, a.postal_code, a.country)
            """;
    // end::invariant[]

    @TransitionTest
    void eachTransition(TransitionResult result) {
        assertThat(result).hasNoHazard("unbatched-backfill").hasNoHazard("lock-held-across-statements");
    }
}
