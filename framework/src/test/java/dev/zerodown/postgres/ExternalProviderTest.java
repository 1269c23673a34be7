package dev.zerodown.postgres;

import static dev.zerodown.postgres.FreshDatabaseTest.exec;
import static dev.zerodown.postgres.FreshDatabaseTest.queryInt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.EnvironmentException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The external provider against the embedded server's URL, standing in for a staging server:
 * database {@code staging_clone} owned by a role that may not create databases, and a second role
 * that may.
 */
class ExternalProviderTest {
    private static final String STAGING = "staging_clone";
    private static final String APP = "zd_app";
    private static final String CREATOR = "zd_creator";
    private static TemplateServer host;

    @BeforeAll
    static void createStagingServer() throws SQLException {
        host = (TemplateServer) Postgres.embedded(17);
        try (Connection c = host.admin()) {
            exec(c, "create role " + APP + " login password 'app-secret'");
            exec(c, "create role " + CREATOR + " login createdb password 'creator-secret'");
            exec(c, "create database " + STAGING + " owner " + APP);
        }
    }

    @AfterAll
    static void dropStagingServer() throws SQLException {
        try (Connection c = host.admin()) {
            exec(c, "drop database if exists " + STAGING + " with (force)");
            exec(c, "drop role if exists " + APP);
            exec(c, "drop role if exists " + CREATOR);
        }
    }

    private static String url(String user, String password) {
        return host.address().url(STAGING) + "?user=" + user + "&password=" + password;
    }

    @Test
    void should_refuse_a_database_that_is_not_clearly_disposable_and_say_how_to_opt_in() {
        assertThatThrownBy(() -> Postgres.start(PostgresOptions.external(17, url(APP, "app-secret"), null)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Refusing to run migrations in database 'staging_clone' at localhost:")
                .hasMessageContaining("user 'zd_app' may not CREATE DATABASE there")
                .hasMessageEndingWith("opt in with allowExternal=staging_clone (property zerodown.allowExternal=staging_clone)")
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining("app-secret");
    }

    @Test
    void should_run_in_the_named_database_itself_with_the_opt_in() throws Exception {
        try (PostgresServer server = Postgres.start(inPlace(url(APP, "app-secret")))) {
            try (Database db = server.createDatabase("nightly"); Connection c = db.connect("nightly")) {
                exec(c, "create table opted_in(id int)");
                assertThat(db.name()).isEqualTo(STAGING);
                assertThat(db.user()).isEqualTo(APP);
                assertThat(server.provider()).isEqualTo(ProviderKind.EXTERNAL);
                assertThat(server.version()).startsWith("17.");
            }
            try (Database again = server.createDatabase("nightly"); Connection c = again.connect("nightly")) {
                assertThat(queryInt(c, "select count(*) from pg_tables where tablename = 'opted_in'"))
                        .as("the opted-in database is the user's: closing a run does not drop it").isOne();
                exec(c, "drop table opted_in");
            }
        }
    }

    @Test
    void should_let_one_run_at_a_time_into_an_opted_in_database() {
        try (PostgresServer server = Postgres.start(inPlace(url(APP, "app-secret")));
             Database first = server.createDatabase("first")) {
            assertThatThrownBy(() -> server.createDatabase("second"))
                    .isInstanceOf(EnvironmentException.class)
                    .hasMessageContaining("is in use by another run");
        }
    }

    @Test
    void should_refuse_to_copy_without_createdb_and_name_both_ways_out() {
        assertThatThrownBy(() -> Postgres.start(PostgresOptions.external(17, url(APP, "app-secret"), STAGING)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Cannot copy database 'staging_clone' at localhost:")
                .hasMessageEndingWith(" (allowExternal): user 'zd_app' may not CREATE DATABASE, and each run starts from a"
                        + " copy (cloneStrategy=template); grant it (ALTER ROLE zd_app CREATEDB), or set cloneStrategy=in-place"
                        + " (property zerodown.cloneStrategy) to run in 'staging_clone' itself, whose data the runs then change")
                .hasMessageNotContaining("app-secret");
    }

    @Test
    void should_refuse_in_place_without_the_first_opt_in() {
        assertThatThrownBy(() -> Postgres.start(PostgresOptions.external(17, url(CREATOR, "creator-secret"), null)
                .withCloneStrategy(PostgresOptions.IN_PLACE)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("cloneStrategy=in-place (property zerodown.cloneStrategy) runs in the database of jdbcUrl itself,"
                        + " which needs the opt-in allowExternal=staging_clone too; set both, or leave cloneStrategy out to run"
                        + " in scratch databases");
    }

    @Test
    void should_run_in_place_even_when_the_user_may_copy_if_asked_to() throws Exception {
        try (PostgresServer server = Postgres.start(inPlace(url(CREATOR, "creator-secret")));
             Database db = server.createDatabase("nightly")) {
            assertThat(db.name()).isEqualTo(STAGING);
        }
    }

    private static PostgresOptions inPlace(String url) {
        return PostgresOptions.external(17, url, STAGING).withCloneStrategy(PostgresOptions.IN_PLACE);
    }

    @Test
    void should_refuse_an_opt_in_that_names_another_database() {
        assertThatThrownBy(() -> Postgres.start(PostgresOptions.external(17, url(APP, "app-secret"), "production")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("allowExternal (property zerodown.allowExternal) is 'production' but jdbcUrl names database"
                        + " 'staging_clone'; the opt-in must name exactly the database of jdbcUrl: allowExternal=staging_clone");
    }

    @Test
    void should_create_and_drop_its_own_scratch_databases_when_the_user_may_create_databases() throws Exception {
        Database left;
        Database closed;
        String template;
        try (PostgresServer server = Postgres.start(PostgresOptions.external(17, url(CREATOR, "creator-secret"), null))) {
            template = ((TemplateServer) server).template();
            closed = server.createDatabase("scratch");
            try (Connection c = closed.connect("scratch")) {
                exec(c, "create table users(id int)");
            }
            closed.close();
            left = server.createDatabase("scratch");
            try (Connection c = left.connect("scratch")) {
                assertThat(queryInt(c, "select count(*) from pg_tables where tablename = 'users'")).isZero();
            }
            assertThat(left.name()).isNotEqualTo(STAGING).startsWith("zd_scratch_");
        }

        try (Connection c = host.admin()) {
            assertThat(queryInt(c, "select count(*) from pg_database where datname in ('" + left.name() + "', '"
                    + closed.name() + "', '" + template + "')")).as("scratch databases and template dropped").isZero();
        }
        try (Connection c = host.address().connect(STAGING, "check")) {
            assertThat(queryInt(c, "select count(*) from pg_tables where schemaname = 'public'"))
                    .as("nothing written to the URL's database").isZero();
        }
    }

    @Test
    void should_keep_seeded_templates_named_for_this_jvm_and_drop_them_when_released() throws Exception {
        String template;
        try (PostgresServer server = Postgres.start(PostgresOptions.external(17, url(CREATOR, "creator-secret"), null))) {
            java.util.concurrent.atomic.AtomicInteger prepared = new java.util.concurrent.atomic.AtomicInteger();
            java.util.function.Consumer<Database> prepare = db -> {
                prepared.incrementAndGet();
                try (Connection c = db.connect("prepare")) {
                    exec(c, "create table users(id int)");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            };
            SeededDatabase first = server.createSeeded("seeded", "d".repeat(64), prepare).orElseThrow();
            first.database().close();
            SeededDatabase second = server.createSeeded("seeded", "d".repeat(64), prepare).orElseThrow();
            try (Connection c = second.database().connect("check")) {
                assertThat(queryInt(c, "select count(*) from pg_tables where tablename = 'users'")).isOne();
            }
            second.database().close();
            template = first.template();

            assertThat(template).as("a user without superuser keeps its template, named for this JVM")
                    .matches("zd_seed_d{32}_[0-9a-f]{6}");
            assertThat(second.reused()).isTrue();
            assertThat(prepared).hasValue(1);
        }
        try (Connection c = host.admin()) {
            assertThat(queryInt(c, "select count(*) from pg_database where datname = '" + template + "'"))
                    .as("dropped with the server").isZero();
        }
    }

    @Test
    void should_keep_no_seeded_template_for_an_opted_in_database() {
        try (PostgresServer itself = Postgres.start(inPlace(url(APP, "app-secret")));
             PostgresServer clones = Postgres.start(PostgresOptions.external(17, url(CREATOR, "creator-secret"), STAGING))) {
            assertThat(itself.createSeeded("seeded", "d".repeat(64), db -> { })).as("the database is the baseline").isEmpty();
            assertThat(clones.createSeeded("seeded", "d".repeat(64), db -> { })).as("so are its clones").isEmpty();
        }
    }

    @Test
    void should_refuse_a_server_of_another_major_than_asked() {
        assertThatThrownBy(() -> Postgres.start(PostgresOptions.external(16, url(CREATOR, "creator-secret"), null)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("jdbcUrl points to PostgreSQL 17.")
                .hasMessageEndingWith("but postgresVersions asks for 16; set postgresVersions=17 (property zerodown.postgresVersions) for this server");
    }

    @Test
    void should_fail_in_one_line_when_nothing_answers_at_the_url() {
        assertThatThrownBy(() -> Postgres.start(PostgresOptions.external(17, "jdbc:postgresql://localhost:1/app?user=a&password=pw", null)))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageStartingWith("Could not connect to jdbcUrl jdbc:postgresql://localhost:1/app as 'a': ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void should_share_the_server_of_the_same_url() {
        PostgresOptions options = PostgresOptions.external(17, url(CREATOR, "creator-secret"), null);
        PostgresServer shared = Postgres.server(options);
        try {
            assertThat(Postgres.server(options)).isSameAs(shared);
        } finally {
            shared.close();
        }
    }
}
