package dev.zerodown.examples.index;

import static dev.zerodown.assertj.ZerodownAssertions.assertThat;

import dev.zerodown.examples.index.v1.AppV1;
import dev.zerodown.examples.index.v2.AppV2;
import dev.zerodown.junit.MigrationCompatibility;
import dev.zerodown.junit.TransitionTest;
import dev.zerodown.plan.Rollout;
import dev.zerodown.result.TransitionResult;

/**
 * Indexes busy tables without stopping them: CREATE INDEX CONCURRENTLY for "my orders", a unique
 * index built concurrently and then attached as a constraint, which v2's upsert relies on.
 */
@MigrationCompatibility(migrations = "classpath:db/shop,classpath:db/index")
class ConcurrentIndexTest {

    @MigrationCompatibility.Rollout
    static Rollout rollout() {
        return Rollout.startWith("v1", AppV1::new)
                .migrate("V2")              // create index concurrently on orders (customer_id)
                .migrate("V3")              // create unique index concurrently on customers (email)
                .migrate("V4")              // add constraint … unique using index
                .deploy("v2", AppV2::new)   // sign-up becomes an upsert: on conflict (email)
                .retire("v1");
    }

    @TransitionTest
    void eachTransition(TransitionResult result) {
        assertThat(result).hasNoHazard("non-concurrent-index");
    }
}
