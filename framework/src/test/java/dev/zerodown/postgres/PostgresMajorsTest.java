package dev.zerodown.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Several majors side by side in one JVM, each from its own pinned binaries. */
class PostgresMajorsTest {

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 18})
    void should_answer_with_its_own_major(int major) throws Exception {
        try (Database db = Postgres.embedded(major).createDatabase("majors");
             Connection c = db.connect("majors-test");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("show server_version")) {
            rs.next();
            assertThat(rs.getString(1)).startsWith(major + ".");
            assertThat(db.major()).isEqualTo(major);
            assertThat(Postgres.embedded(major).version()).startsWith(major + ".");
        }
    }
}
