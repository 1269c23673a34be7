package dev.zerodown.examples.profile;

import static dev.zerodown.assertj.ZerodownAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerodown.hazards.HazardId;
import dev.zerodown.hazards.Severity;
import dev.zerodown.junit.MigrationCompatibility;
import dev.zerodown.junit.TransitionTest;
import dev.zerodown.plan.Rollout;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.TransitionResult;

/**
 * Two plain index builds, judged at production size with a production profile: the seeded baseline is a
 * small fraction of production, each build is re-run at three sizes of its table after the load, and
 * the duration fitted against rows is read at the profile's rows.
 */
// tag::class[]
@MigrationCompatibility(migrations = "classpath:db/shop,classpath:db/production",
        profile = "src/test/zerodown/production/profile.json", // captured; rows edited to production's
        maxSeedRows = "50000",                                  // scale auto: no table seeded above 50,000 rows
        seed = "src/test/zerodown/production/seed.sql")         // no rows but the profile's
class IndexAtProductionSizeTest {

    @MigrationCompatibility.Rollout
    static Rollout rollout() {
        return Rollout.startWith("v1")  // no code: v1 runs the profile's query mix
                .migrate("V2");         // create index on orders, then on countries
    }

    @TransitionTest(defaultChecks = false)
    void eachIndexIsJudgedAtItsTablesProductionSize(TransitionResult result) {
        Hazard orders = index(result, "public.orders_customer_id_idx");     // 58,000,000 rows in production
        assertThat(orders.severity()).isEqualTo(Severity.ERROR);
        assertThat(orders.message()).contains("At production size (58,000,000 rows of public.orders) it is"
                + " predicted to take");
        assertThat(orders.predicted().ms()).isGreaterThanOrEqualTo(orders.predicted().limitMs());

        Hazard countries = index(result, "public.countries_name_idx");      // 40 rows in production
        assertThat(countries.severity()).isEqualTo(Severity.WARNING);
        assertThat(countries.message()).contains("Harmless at production size: predicted")
                .contains("at 40 rows of public.countries");

        assertThat(result).isUnsafe();
        assertThat(result.requests().get("v1").traffic().source()).isEqualTo("profile");
    }

    private static Hazard index(TransitionResult result, String index) {
        return result.hazards(HazardId.NON_CONCURRENT_INDEX).stream().filter(h -> index.equals(h.relation()))
                .findFirst().orElseThrow(() -> new AssertionError("no non-concurrent-index on " + index + ": "
                        + result.hazards()));
    }
}
// end::class[]
