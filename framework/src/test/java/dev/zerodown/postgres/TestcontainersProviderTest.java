package dev.zerodown.postgres;

import static dev.zerodown.postgres.FreshDatabaseTest.exec;
import static dev.zerodown.postgres.FreshDatabaseTest.queryInt;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** The Testcontainers provider, where Docker runs; skipped elsewhere with the reason. */
@EnabledIf(value = "dockerAvailable", disabledReason = "Docker is not available: the testcontainers provider needs it")
class TestcontainersProviderTest {

    static boolean dockerAvailable() {
        return TestcontainersSupport.dockerAvailable();
    }

    @Test
    void should_start_the_postgres_image_of_the_major() throws Exception {
        PostgresServer server = Postgres.server(PostgresOptions.of(ProviderKind.TESTCONTAINERS, 16));
        try (Database db = server.createDatabase("tc");
             Connection c = db.connect("tc");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("show server_version")) {
            rs.next();
            assertThat(rs.getString(1)).startsWith("16.");
            assertThat(server.provider()).isEqualTo(ProviderKind.TESTCONTAINERS);
        }
    }

    @Test
    void should_apply_the_same_server_settings_as_embedded() throws Exception {
        PostgresServer server = Postgres.server(PostgresOptions.of(ProviderKind.TESTCONTAINERS, 16));
        try (Database db = server.createDatabase("tc"); Connection c = db.connect("tc")) {
            assertThat(queryInt(c, "select current_setting('max_connections')::int")).isGreaterThanOrEqualTo(300);
            assertThat(queryInt(c, "select (current_setting('fsync') = 'off')::int")).isOne();
            exec(c, "select 42");
            assertThat(queryInt(c, "select count(*) from pg_stat_statements")).isPositive();
        }
    }

    @Test
    void should_not_show_a_previous_run_its_data() throws Exception {
        PostgresServer server = Postgres.server(PostgresOptions.of(ProviderKind.TESTCONTAINERS, 16));
        try (Database first = server.createDatabase("first"); Connection c = first.connect("first")) {
            exec(c, "create table users(id int)");
        }
        try (Database second = server.createDatabase("second"); Connection c = second.connect("second")) {
            assertThat(queryInt(c, "select count(*) from pg_tables where tablename = 'users'")).isZero();
        }
    }

    @Test
    void should_choose_testcontainers_for_auto_where_docker_answers() {
        assertThat(Postgres.server(PostgresOptions.of(ProviderKind.AUTO, 16)))
                .isSameAs(Postgres.server(PostgresOptions.of(ProviderKind.TESTCONTAINERS, 16)));
    }
}
