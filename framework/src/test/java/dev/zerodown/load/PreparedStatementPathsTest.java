package dev.zerodown.load;

import static dev.zerodown.load.LoadTestSupport.exec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Why workload requests and synthetic traffic run in transactions: on pgjdbc's defaults (extended
 * protocol, {@code prepareThreshold=5}) a statement becomes server-prepared on its connection, and a
 * step that changes its table's columns then breaks {@code select *} with 0A000 ("cached plan must
 * not change result type") — but only inside a transaction. In autocommit pgjdbc closes the stale
 * statement, prepares it again and retries, so the application never sees the error. docs/workloads.md
 * quotes this test.
 */
class PreparedStatementPathsTest {
    private static final String SELECT_STAR = "select * from t where id = ?";
    private static final String SELECT_NAMED = "select id, name from t where id = ?";

    private Database db;

    @BeforeEach
    void createDatabase() throws SQLException {
        db = Postgres.embedded(17).createDatabase("prepared_paths");
        exec(db, "create table t (id int primary key, name text)", "insert into t values (1, 'one')");
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    @Test
    void should_fail_a_server_prepared_select_star_inside_a_transaction_once_a_column_is_added() throws SQLException {
        try (Connection app = db.connect("zd-app")) {
            serverPrepare(app, SELECT_STAR);
            exec(db, "alter table t add column x int");
            app.setAutoCommit(false);

            assertThatExceptionOfType(SQLException.class)
                    .isThrownBy(() -> readName(app, SELECT_STAR))
                    .withMessageContaining("cached plan must not change result type")
                    .extracting(SQLException::getSQLState).isEqualTo("0A000");
            app.rollback();

            assertThat(readName(app, SELECT_STAR)).as("pgjdbc prepares it again for the next use: one failure per"
                    + " connection").isEqualTo("one");
            app.commit();
        }
    }

    @Test
    void should_reprepare_a_server_prepared_select_star_transparently_in_autocommit() throws SQLException {
        try (Connection app = db.connect("zd-app")) {
            serverPrepare(app, SELECT_STAR);
            OffsetDateTime preparedAt = prepareTime(app, SELECT_STAR);
            exec(db, "alter table t add column x int");

            assertThat(app.getAutoCommit()).isTrue();
            assertThat(readName(app, SELECT_STAR)).isEqualTo("one");
            assertThat(prepareTime(app, SELECT_STAR)).as("pgjdbc prepared the statement again").isAfter(preparedAt);
            assertThat(columnCount(app, SELECT_STAR)).as("the prepared-again statement sees the new column").isEqualTo(3);
        }
    }

    @Test
    void should_keep_a_server_prepared_select_of_named_columns_working_inside_a_transaction() throws SQLException {
        try (Connection app = db.connect("zd-app")) {
            serverPrepare(app, SELECT_NAMED);
            exec(db, "alter table t add column x int");
            app.setAutoCommit(false);

            assertThat(readName(app, SELECT_NAMED)).isEqualTo("one");
            app.commit();
        }
    }

    @Test
    void should_keep_a_select_star_working_inside_a_transaction_while_it_is_not_yet_server_prepared() throws SQLException {
        try (Connection app = db.connect("zd-app")) {
            assertThat(readName(app, SELECT_STAR)).isEqualTo("one");
            exec(db, "alter table t add column x int");
            app.setAutoCommit(false);

            assertThat(readName(app, SELECT_STAR)).isEqualTo("one");
            assertThat(prepareTime(app, SELECT_STAR)).as("no named server statement yet").isNull();
            app.commit();
        }
    }

    @Test
    void should_fail_an_sql_prepared_select_star_even_in_autocommit_as_psql_shows() throws SQLException {
        try (Connection app = db.connect("zd-app"); Statement s = app.createStatement()) {
            s.execute("prepare q(int) as select * from t where id = $1");
            s.execute("execute q(1)");
            exec(db, "alter table t add column x int");

            assertThatExceptionOfType(SQLException.class)
                    .isThrownBy(() -> s.execute("execute q(1)"))
                    .withMessageContaining("cached plan must not change result type")
                    .extracting(SQLException::getSQLState).isEqualTo("0A000");
            assertThat(app.getAutoCommit()).isTrue();
        }
    }

    /**
     * Runs the query one more time than {@code prepareThreshold}, each time with a new
     * PreparedStatement as an application (and the workload client) does, then checks that the
     * connection holds it as a named server-side statement.
     */
    private static void serverPrepare(Connection app, String sql) throws SQLException {
        int threshold = app.unwrap(PGConnection.class).getPrepareThreshold();
        assertThat(threshold).as("pgjdbc's default prepareThreshold").isEqualTo(5);
        for (int i = 0; i <= threshold; i++) {
            assertThat(readName(app, sql)).isEqualTo("one");
        }
        assertThat(prepareTime(app, sql)).as("server-prepared after %d runs", threshold + 1).isNotNull();
    }

    private static String readName(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, 1);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString("name");
            }
        }
    }

    private static int columnCount(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, 1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.getMetaData().getColumnCount();
            }
        }
    }

    /** When the connection prepared {@code sql} as a named server statement (pgjdbc's form, {@code $1}), or null. */
    private static OffsetDateTime prepareTime(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select max(prepare_time) from pg_prepared_statements"
                + " where statement = ? and not from_sql")) {
            ps.setString(1, sql.replace("?", "$1"));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class);
            }
        }
    }
}
