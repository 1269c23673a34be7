package dev.zerodown.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What golang-migrate, dbmate ({@code transaction:false}) and diesel ({@code run_in_transaction = false})
 * do with a migration file, checked on PostgreSQL itself: they send it as one simple-protocol query
 * string (lib/pq's and libpq's Exec without parameters), which PostgreSQL runs as one implicit
 * transaction. The loader's rule (docs/migration-formats.md) rests on these two facts.
 */
class OneQueryStringOnPostgresTest {
    private static Database db;
    private static Connection simple;

    @BeforeAll
    static void connect() throws SQLException {
        db = Postgres.embedded(17).createDatabase("onequery");
        Properties p = new Properties();
        p.setProperty("user", db.user());
        p.setProperty("password", db.password() == null ? "" : db.password());
        p.setProperty("preferQueryMode", "simple");
        simple = DriverManager.getConnection(db.jdbcUrl(), p);
        try (Statement s = simple.createStatement()) {
            s.execute("create table t (id int primary key, a int)");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        try {
            if (simple != null) {
                simple.close();
            }
        } finally {
            if (db != null) {
                db.close();
            }
        }
    }

    @Test
    void several_statements_in_one_query_string_are_one_transaction() throws SQLException {
        try (Statement s = simple.createStatement()) {
            assertThatThrownBy(() -> s.execute("insert into t values (1, 1); insert into t values (1, 2)"))
                    .isInstanceOf(SQLException.class);
            try (var rs = s.executeQuery("select count(*) from t")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the first insert was rolled back with the second").isZero();
            }
        }
    }

    @Test
    void a_concurrent_index_is_refused_among_other_statements_and_runs_alone() throws SQLException {
        try (Statement s = simple.createStatement()) {
            assertThatThrownBy(() -> s.execute("select 1; create index concurrently t_a on t (a)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25001"));
            s.execute("create index concurrently t_a on t (a)");
        }
    }
}
