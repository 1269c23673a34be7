package dev.zerodown.load;

import static dev.zerodown.load.LoadTestSupport.exec;
import static dev.zerodown.load.LoadTestSupport.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerodown.config.ConfigurationException;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import dev.zerodown.result.VersionStats;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyntheticWorkloadTest {
    private Database db;
    private LoadDriver driver;

    @BeforeEach
    void createDatabase() {
        db = Postgres.embedded(17).createDatabase("synthetic");
    }

    @AfterEach
    void cleanUp() {
        if (driver != null) {
            driver.close();
        }
        db.close();
    }

    private SyntheticWorkload fromCatalog() throws SQLException {
        try (Connection c = db.connect("zd-test")) {
            return SyntheticWorkload.fromCatalog(c);
        }
    }

    private VersionStats run(SyntheticWorkload w, long ms) throws InterruptedException {
        driver = new LoadDriver(db, new LoadSettings(2, 0, 7), System.nanoTime());
        driver.start("v1", w, true, false);
        driver.beginWindow();
        sleep(ms);
        return driver.endWindow().get("v1");
    }

    @Test
    void should_cover_tables_with_a_key_and_list_those_without() throws Exception {
        exec(db, "create schema shop",
                "create table shop.\"Order\" (id uuid primary key default gen_random_uuid(), total int)",
                "create table line (order_id int, no int, primary key (order_id, no))",
                "create table audit_log (at timestamptz, what text)",
                "create table flyway_schema_history (installed_rank int primary key)",
                "create table part (id int primary key) partition by range (id)",
                "create table part_1 partition of part for values from (0) to (100)");

        SyntheticWorkload w = fromCatalog();

        assertThat(w.tables()).containsExactly("public.line", "public.part", "shop.\"Order\"");
        assertThat(w.tablesWithoutKey()).containsExactly("public.audit_log");
    }

    @Test
    void should_read_and_update_sampled_keys_without_failures() throws Exception {
        exec(db, "create table users (id int primary key, name text)",
                "insert into users select g, 'u' || g from generate_series(1, 50) g",
                "create table line (order_id uuid, no int, primary key (order_id, no))",
                "insert into line select gen_random_uuid(), g from generate_series(1, 20) g",
                "create table empty_one (id bigint primary key)");

        VersionStats stats = run(fromCatalog(), 500);

        assertThat(stats.ok()).isPositive();
        assertThat(stats.failed()).isZero();
        assertThat(stats.synthetic()).isTrue();
    }

    @Test
    void should_fail_requests_when_the_key_column_is_renamed() throws Exception {
        exec(db, "create table users (id int primary key)", "insert into users select generate_series(1, 10)");
        SyntheticWorkload w = fromCatalog();
        exec(db, "alter table users rename column id to user_id");

        VersionStats stats = run(w, 300);

        assertThat(stats.failed()).isPositive().isEqualTo(stats.total());
        assertThat(stats.failuresBySqlState()).containsOnlyKeys("42703");
        assertThat(stats.failures()).extracting(f -> f.statement()).containsExactlyInAnyOrder(
                "select * from public.users where id = ?::integer",
                "update public.users set id = id where id = ?::integer");
    }

    @Test
    void should_explain_that_a_schema_without_keys_gets_no_synthetic_traffic() throws Exception {
        exec(db, "create table audit_log (what text)");
        SyntheticWorkload w = fromCatalog();
        driver = new LoadDriver(db, new LoadSettings(1, 0, 7), System.nanoTime());

        assertThatThrownBy(() -> driver.start("v1", w, true, false))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Synthetic traffic needs a user table with a primary key, and the schema has none (tables"
                        + " without a key: public.audit_log); give the version a workload file or Java code");
    }
}
