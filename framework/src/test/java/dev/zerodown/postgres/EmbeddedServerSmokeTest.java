package dev.zerodown.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class EmbeddedServerSmokeTest {
    @Test
    void should_answer_with_its_major() throws Exception {
        try (Database db = Postgres.embedded(17).createDatabase("smoke");
             Connection c = db.connect("smoke");
             ResultSet rs = c.createStatement().executeQuery("show server_version")) {
            rs.next();
            assertThat(rs.getString(1)).startsWith("17.");
        }
    }
}
