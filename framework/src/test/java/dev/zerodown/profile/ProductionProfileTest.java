package dev.zerodown.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Capture from a real database that served a workload, and the round trip through profile.json. */
class ProductionProfileTest {
    @TempDir
    Path dir;
    private Database db;

    @BeforeEach
    void database() throws SQLException {
        db = Postgres.embedded(17).createDatabase("profile_capture");
        try (Connection c = db.connect("test"); Statement s = c.createStatement()) {
            s.execute("""
                    create schema shop;
                    create type shop.status as enum ('new', 'paid', 'shipped');
                    create table shop.customers (id bigint primary key, email text not null unique, country text);
                    create table shop.orders (id bigint primary key, customer_id bigint not null references shop.customers,
                                              status shop.status not null default 'new', total numeric(10,2) check (total >= 0));
                    create index orders_customer on shop.orders (customer_id);
                    insert into shop.customers select i, 'secret-' || i || '@example.com', case when i % 4 = 0 then null else 'DE' end
                      from generate_series(1, 2000) i;
                    insert into shop.orders select i, 1 + i % 500, 'paid', i from generate_series(1, 6000) i;
                    create table shop.never_analyzed (id int);
                    analyze shop.customers; analyze shop.orders;
                    """);
        }
        try (Connection c = db.connect("app");
             PreparedStatement read = c.prepareStatement("select email from shop.customers where id = ?");
             PreparedStatement write = c.prepareStatement("update shop.orders set status = 'shipped' where id = ?")) {
            for (int i = 1; i <= 300; i++) {
                read.setLong(1, i);
                read.executeQuery().close();
                if (i % 3 == 0) {
                    write.setLong(1, i);
                    write.executeUpdate();
                }
            }
        }
    }

    @AfterEach
    void drop() {
        db.close();
    }

    @Test
    void should_capture_rows_stats_and_query_mix_and_read_them_back_from_profile_json() {
        ProductionProfile captured = ProductionProfile.capture(db.dataSource("capture"));
        Path file = dir.resolve("profile.json");
        captured.write(file);

        ProductionProfile p = ProductionProfile.read(file);

        assertThat(p).isEqualTo(captured);
        assertThat(p.profileVersion()).isEqualTo(1);
        assertThat(p.serverVersion()).startsWith("17.");
        TableProfile customers = p.table("shop", "customers").orElseThrow();
        assertThat(customers.rows()).isEqualTo(2000);
        assertThat(customers.rowsSource()).isEqualTo("reltuples");
        assertThat(customers.totalBytes()).isPositive();
        ColumnProfile country = customers.column("country").orElseThrow();
        assertThat(country.nullFrac()).isBetween(0.2, 0.3);
        assertThat(country.nDistinct()).isEqualTo(1.0);
        assertThat(customers.column("email").orElseThrow().nDistinct()).isEqualTo(-1.0);
        assertThat(customers.column("email").orElseThrow().notNull()).isTrue();
        TableProfile orders = p.table("shop", "orders").orElseThrow();
        assertThat(orders.rows()).isEqualTo(6000);
        assertThat(orders.column("customer_id").orElseThrow().distinctAt(6000)).isEqualTo(500);
        assertThat(orders.indexes()).extracting(TableProfile.IndexProfile::name).contains("orders_pkey", "orders_customer");
        assertThat(orders.constraints()).extracting(TableProfile.ConstraintProfile::type)
                .contains("primary-key", "foreign-key", "check");
        assertThat(p.queries()).extracting(QueryProfile::query, QueryProfile::calls).containsExactly(
                org.assertj.core.groups.Tuple.tuple("select email from shop.customers where id = $1", 300L),
                org.assertj.core.groups.Tuple.tuple("update shop.orders set status = $2 where id = $1", 100L));
        assertThat(p.queries().get(0).rows()).isEqualTo(300);
        assertThat(p.queryStats()).as("since when pg_stat_statements counted, by the server's clock").isNotNull();
        java.time.Instant since = java.time.Instant.parse(p.queryStats().since());
        assertThat(since).isBeforeOrEqualTo(java.time.Instant.parse(p.capturedAt()).plusSeconds(1));
        assertThat(p.queryStats().seconds()).isGreaterThanOrEqualTo(0);
        QueryRate rate = p.queryRate();
        if (p.queryStats().seconds() >= QueryRate.MIN_SECONDS) {
            assertThat(rate.value()).hasValue(p.queries().stream().mapToLong(QueryProfile::calls).sum() / p.queryStats().seconds());
        } else {
            assertThat(rate.value()).isEmpty();
            assertThat(rate.explanation()).startsWith("pg_stat_statements counted its calls for only");
        }
    }

    @Test
    void should_store_no_row_values_by_default_and_values_only_when_asked() throws Exception {
        String json = ProductionProfile.capture(db.dataSource("capture")).toJson();

        assertThat(json).doesNotContain("secret-").doesNotContain("example.com").doesNotContain("\"DE\"")
                .doesNotContain("mostCommonValues").doesNotContain("histogramBounds").contains("\"values\" : false");

        ProductionProfile withValues = ProductionProfile.capture(db.dataSource("capture"),
                CaptureOptions.defaults().withCaptureValues(true));
        ColumnProfile country = withValues.table("shop", "customers").orElseThrow().column("country").orElseThrow();
        assertThat(country.mostCommonValues()).containsExactly("DE");
        assertThat(withValues.table("shop", "customers").orElseThrow().column("email").orElseThrow().histogramBounds())
                .isNotEmpty().allMatch(v -> v.startsWith("secret-"));
        assertThat(withValues.values()).isTrue();
    }

    @Test
    void should_estimate_a_never_analyzed_table_from_its_live_tuples_and_say_what_was_left_out() throws Exception {
        try (Connection c = db.connect("test"); Statement s = c.createStatement()) {
            s.execute("insert into shop.never_analyzed select generate_series(1, 700)");
        }
        waitForStatistics();

        ProductionProfile p = ProductionProfile.capture(db.dataSource("capture"));

        TableProfile t = p.table("shop", "never_analyzed").orElseThrow();
        assertThat(t.rowsSource()).isIn("n_live_tup", "pages");
        assertThat(t.rows()).isBetween(600L, 800L);
        assertThat(p.warnings()).anyMatch(w -> w.startsWith("no column statistics for 1 table(s)") && w.contains("shop.never_analyzed"));
    }

    @Test
    void should_warn_without_failing_when_pg_stat_statements_is_missing() throws SQLException {
        try (Connection c = db.connect("test"); Statement s = c.createStatement()) {
            s.execute("drop extension pg_stat_statements");
        }

        ProductionProfile p = ProductionProfile.capture(db.dataSource("capture"));

        assertThat(p.queries()).isEmpty();
        assertThat(p.tables()).isNotEmpty();
        assertThat(p.warnings()).containsOnlyOnce("query mix left out: pg_stat_statements is not installed in this database "
                + "(shared_preload_libraries = 'pg_stat_statements', then create extension pg_stat_statements)");
    }

    @Test
    void should_capture_read_only() throws SQLException {
        try (Connection c = db.connect("test"); Statement s = c.createStatement()) {
            s.execute("create table shop.probe (id int)");
        }
        // the capture session refuses writes: prove it by writing through the same settings
        ProductionProfile.capture(db.dataSource("capture"));
        try (Connection c = db.connect("test"); Statement s = c.createStatement()) {
            s.execute("set default_transaction_read_only = on");
            assertThatThrownBy(() -> s.execute("insert into shop.probe values (1)")).hasMessageContaining("read-only");
        }
    }

    @Test
    void should_refuse_another_format_version_in_one_line() throws Exception {
        Path file = dir.resolve("old.json");
        Files.writeString(file, "{\"profileVersion\": 7, \"tables\": []}");

        assertThatThrownBy(() -> ProductionProfile.read(file)).isInstanceOf(ConfigurationException.class)
                .hasMessage("The profile " + file + " has profileVersion 7, but this Zerodown reads version 1; "
                        + "capture it again with this version");
    }

    @Test
    void should_keep_credentials_out_of_the_profile_and_every_text_it_writes() throws Exception {
        String secret = "pw-s3cret-" + System.nanoTime();
        try (Connection c = db.connect("test"); Statement s = c.createStatement()) {
            s.execute("create role capture_reader login password '" + secret + "'");
            s.execute("grant pg_read_all_stats to capture_reader");
            s.execute("grant usage on schema shop to capture_reader");
            s.execute("grant select on all tables in schema shop to capture_reader");
        }
        String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "user=capture_reader&password=" + secret;
        CaptureSource source = CaptureSource.of(url, null, null, java.util.Map.of());

        ProductionProfile p = ProductionProfile.capture(source.dataSource());
        Path file = dir.resolve("profile.json");
        p.write(file);

        assertThat(Files.readString(file)).doesNotContain(secret).doesNotContainIgnoringCase("password");
        assertThat(source.toString()).doesNotContain(secret).endsWith(" as capture_reader");
        assertThat(source.redactedUrl()).doesNotContain(secret).doesNotContain("password");
        assertThat(CaptureSource.redact(url)).doesNotContain(secret).contains("password=***");
        assertThat(String.join("\n", p.warnings())).doesNotContain(secret);
        assertThat(p.table("shop", "orders").orElseThrow().rows()).isEqualTo(6000);
    }

    @Test
    void should_take_credentials_from_the_url_then_the_server_then_pguser() {
        CaptureSource fromUrl = CaptureSource.of("jdbc:postgresql://db:5432/app?user=u&password=p&sslmode=require", "s", "sp",
                java.util.Map.of("PGUSER", "e", "PGPASSWORD", "ep"));
        CaptureSource fromServer = CaptureSource.of("jdbc:postgresql://db/app", "s", "sp", java.util.Map.of("PGUSER", "e"));
        CaptureSource fromEnv = CaptureSource.of("jdbc:postgresql://db/app", null, null, java.util.Map.of("PGUSER", "e"));

        assertThat(fromUrl.user()).isEqualTo("u");
        assertThat(fromUrl.redactedUrl()).isEqualTo("jdbc:postgresql://db:5432/app?sslmode=require");
        assertThat(fromServer.user()).isEqualTo("s");
        assertThat(fromEnv.user()).isEqualTo("e");
        assertThatThrownBy(() -> CaptureSource.of("postgres://u:topsecret@db/app", null, null, java.util.Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageNotContaining("topsecret");
    }

    private void waitForStatistics() throws Exception {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            try (Connection c = db.connect("test"); Statement s = c.createStatement();
                 var rs = s.executeQuery("select coalesce(n_live_tup, 0) from pg_stat_user_tables where relname = 'never_analyzed'")) {
                if (rs.next() && rs.getLong(1) > 0) {
                    return;
                }
            }
            Thread.sleep(100);
        }
    }
}
