package dev.zerodown.examples.gettingstarted;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import dev.zerodown.junit.MigrationCompatibility;
import dev.zerodown.junit.TransitionTest;
import dev.zerodown.load.AppVersion;
import dev.zerodown.plan.Rollout;
import dev.zerodown.result.TransitionResult;

/** The first test of docs/getting-started.md, as a newcomer writes it for an existing Flyway project. */
// tag::first[]
@MigrationCompatibility(migrations = "classpath:db/shop,classpath:db/getting-started")
class FirstMigrationTest {

    @MigrationCompatibility.Rollout
    static Rollout rollout() {
        return Rollout.startWith("v1", FirstMigrationTest::appInProduction) // the code running today
                .migrate("V2");                                              // the new migration, under its load
    }

    /** One request of the application as it runs today: look a customer up by id. */
    static AppVersion appInProduction(DataSource dataSource) {
        return () -> {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("select name, email from customers where id = ?")) {
                ps.setLong(1, ThreadLocalRandom.current().nextLong(1, 10_001));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
            }
        };
    }

    @TransitionTest
    void eachTransition(TransitionResult result) {
        // the default checks run before this method: failed requests, lock hazards, invariants
    }
}
// end::first[]
