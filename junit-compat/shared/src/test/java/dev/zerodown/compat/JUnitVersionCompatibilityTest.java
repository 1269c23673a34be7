package dev.zerodown.compat;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.util.ReflectionUtils;

/** The same @MigrationCompatibility class, run by each JUnit line the build proves. */
@MigrationCompatibility(migrations = "classpath:compat/db", postgresVersions = "17")
class JUnitVersionCompatibilityTest {

    @MigrationCompatibility.Rollout
    static Rollout rollout() {
        return Rollout.startWith("v1", ReadAccount::new).migrate("V2").deploy("v2", ReadAccount::new).retire("v1");
    }

    @TransitionTest
    void eachTransition(TransitionResult result) {
        assertThat(result.requests()).isNotEmpty();
        assertThat(result.requests().values()).allSatisfy(s -> assertThat(s.total()).isPositive());
    }

    @Test
    void should_run_on_the_junit_this_module_pins() {
        String expected = System.getProperty("zerodown.expectedJUnit");
        String actual = ReflectionUtils.class.getPackage().getImplementationVersion();
        assertThat(actual).as("junit-platform-commons on the test classpath").isNotNull();
        String platform = expected.startsWith("5.") ? "1." + expected.substring(2) : expected;
        assertThat(actual).isEqualTo(platform);
    }

    /** Reads one account by key. */
    static final class ReadAccount implements AppVersion {
        private final DataSource ds;

        ReadAccount(DataSource ds) {
            this.ds = ds;
        }

        @Override
        public void request() throws Exception {
            try (Connection c = ds.getConnection();
                 PreparedStatement ps = c.prepareStatement("select email from accounts where id = ?")) {
                ps.setLong(1, ThreadLocalRandom.current().nextLong(1, 1001));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
            }
        }
    }
}
