package dev.zerodown.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Every run gets a fresh database on the shared server, with the settings a migration test needs. */
class FreshDatabaseTest {
    private final PostgresServer server = Postgres.embedded(17);

    @Test
    void should_not_show_a_previous_run_its_data() throws Exception {
        try (Database first = server.createDatabase("first"); Connection c = first.connect("first")) {
            exec(c, "create table users(id int primary key, name text)");
            exec(c, "insert into users values (1, 'written by the first run')");
        }

        try (Database second = server.createDatabase("second"); Connection c = second.connect("second")) {
            assertThat(queryInt(c, "select count(*) from pg_tables where tablename = 'users'")).isZero();
        }
    }

    @Test
    void should_give_two_open_runs_different_databases() {
        try (Database a = server.createDatabase("same"); Database b = server.createDatabase("same")) {
            assertThat(a.name()).isNotEqualTo(b.name());
            assertThat(a.jdbcUrl()).endsWith("/" + a.name());
        }
    }

    @Test
    void should_drop_the_database_and_its_connections_when_closed() throws Exception {
        Database db = server.createDatabase("dropped");
        Connection leftOpen = db.connect("left-open");

        db.close();

        try (Database other = server.createDatabase("observer"); Connection c = other.connect("observer")) {
            assertThat(queryInt(c, "select count(*) from pg_database where datname = '" + db.name() + "'")).isZero();
        }
        assertThat(leftOpen.isValid(2)).isFalse();
        leftOpen.close();
    }

    @Test
    void should_have_room_for_many_clients_and_whole_statements_in_pg_stat_activity() throws Exception {
        try (Database db = server.createDatabase("settings"); Connection c = db.connect("settings")) {
            assertThat(queryInt(c, "select current_setting('max_connections')::int")).isGreaterThanOrEqualTo(300);
            assertThat(queryInt(c, "select setting::int from pg_settings where name = 'track_activity_query_size'"))
                    .isGreaterThanOrEqualTo(16384);
        }
    }

    @Test
    void should_be_sized_for_a_multi_gb_seed_and_a_long_run() throws Exception {
        try (Database db = server.createDatabase("sizing"); Connection c = db.connect("sizing")) {
            assertThat(queryInt(c, "select pg_size_bytes(current_setting('shared_buffers')) / 1048576")).isEqualTo(512);
            assertThat(queryInt(c, "select pg_size_bytes(current_setting('wal_buffers')) / 1048576")).isEqualTo(16);
            assertThat(queryInt(c, "select setting::int from pg_settings where name = 'max_wal_size'")).isEqualTo(4096);
            assertThat(queryInt(c, "select setting::int from pg_settings where name = 'checkpoint_timeout'")).isEqualTo(1800);
            assertThat(queryInt(c, "select (setting::float8 * 10)::int from pg_settings where name = 'checkpoint_completion_target'"))
                    .isEqualTo(9);
        }
    }

    @Test
    void should_offer_pg_stat_statements_in_every_fresh_database() throws Exception {
        try (Database db = server.createDatabase("statements"); Connection c = db.connect("statements")) {
            exec(c, "select 42");
            assertThat(queryInt(c, "select count(*) from pg_stat_statements where query = 'select $1'")).isPositive();
        }
    }

    @Test
    void should_share_one_server_per_provider_and_major() {
        assertThat(Postgres.server(PostgresOptions.embedded(17))).isSameAs(server);
        assertThat(server.provider()).isEqualTo(ProviderKind.EMBEDDED);
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static int queryInt(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
