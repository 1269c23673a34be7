package dev.zerodown.invariants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerodown.config.ConfigurationException;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import dev.zerodown.result.InvariantResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InvariantCheckerTest {
    private Database db;

    @BeforeEach
    void createDatabase() throws SQLException {
        db = Postgres.embedded(17).createDatabase("invariants");
        try (Connection c = db.connect("zd-test"); Statement s = c.createStatement()) {
            s.execute("create table users (id int primary key, user_name text, full_name text)");
            s.execute("insert into users select g, 'n' || g, case when g <= 5 then 'n' || g end from generate_series(1, 25) g");
        }
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private static Invariant invariant(String name, String sql) {
        return new Invariant(name, sql, null, null, "invariants.sql:7");
    }

    @Test
    void should_count_the_offending_rows_and_keep_ten_samples() {
        List<InvariantResult> results = new InvariantChecker(db).check(List.of(invariant("names_in_sync",
                "select id, full_name, user_name from users where full_name is distinct from user_name order by id")), 1234);

        assertThat(results).hasSize(1);
        InvariantResult r = results.get(0);
        assertThat(r.name()).isEqualTo("names_in_sync");
        assertThat(r.discrepancies()).isEqualTo(20);
        assertThat(r.holds()).isFalse();
        assertThat(r.atMs()).isEqualTo(1234);
        assertThat(r.sample()).hasSize(10);
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("id", 6);
        first.put("full_name", null);
        first.put("user_name", "n6");
        assertThat(r.sample().get(0)).containsExactlyEntriesOf(first);
    }

    @Test
    void should_hold_when_the_query_returns_no_rows() {
        List<InvariantResult> results = new InvariantChecker(db).check(List.of(
                invariant("a", "select id from users where id < 0"),
                invariant("b", "select id, id from users where id = 1")), 0);

        assertThat(results.get(0).holds()).isTrue();
        assertThat(results.get(0).sample()).isEmpty();
        assertThat(results.get(1).sample()).containsExactly(Map.of("id", 1, "id_2", 1));
    }

    @Test
    void should_name_the_source_and_sqlstate_of_a_failing_query() {
        assertThatThrownBy(() -> new InvariantChecker(db).check(List.of(invariant("x", "select nope from users")), 0))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("invariants.sql:7: invariant 'x' failed with SQLState 42703: ERROR: column \"nope\" does not exist;"
                        + " an invariant must be a query that returns the offending rows");
    }

    @Test
    void should_not_let_an_invariant_change_data() throws SQLException {
        assertThatThrownBy(() -> new InvariantChecker(db).check(List.of(invariant("x", "delete from users returning id")), 0))
                .hasMessageContaining("SQLState 25006");

        try (Connection c = db.connect("zd-test"); ResultSet rs = c.createStatement().executeQuery("select count(*) from users")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(25);
        }
    }
}
