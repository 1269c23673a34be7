package dev.zerodown.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seeding a baseline to a captured profile, on real PostgreSQL; the database enforces every constraint. */
class ProfileSeedTest {
    static final String SCHEMA = """
            create schema shop;
            create type shop.status as enum ('new', 'paid', 'shipped');
            create domain shop.positive as int check (value > 0);
            create table shop.countries (code char(2) primary key, name varchar(40) not null unique);
            create table shop.customers (id bigserial primary key, email text not null unique,
                                         country char(2) references shop.countries, score smallint check (score between 0 and 100),
                                         referred_by bigint references shop.customers,
                                         created_at timestamptz not null default now());
            create table shop.orders (id bigint generated always as identity primary key,
                                      customer_id bigint not null references shop.customers,
                                      status shop.status not null default 'new',
                                      channel text not null check (channel in ('web', 'app', 'phone')),
                                      total numeric(10,2) not null check (total >= 0), quantity shop.positive,
                                      note varchar(20), external_id uuid unique,
                                      total_cents bigint generated always as ((total * 100)::bigint) stored);
            create table shop.tags (id int primary key, label text not null);
            create table shop.order_tags (order_id bigint references shop.orders, tag_id int references shop.tags,
                                          primary key (order_id, tag_id));
            """;

    private Database production;
    private Database test;

    @BeforeEach
    void databases() throws SQLException {
        production = Postgres.embedded(17).createDatabase("profile_prod");
        test = Postgres.embedded(17).createDatabase("profile_seed");
        exec(production, SCHEMA + """
                insert into shop.countries select lpad(i::text, 2, '0'), 'Country ' || i from generate_series(1, 30) i;
                insert into shop.customers (email, country, score)
                  select 'c' || i || '@example.com', case when i % 5 = 0 then null else lpad((1 + i % 20)::text, 2, '0') end, i % 101
                  from generate_series(1, 4000) i;
                insert into shop.orders (customer_id, status, channel, total, quantity, note)
                  select 1 + i % 800, 'paid', 'web', i % 1000, 1 + i % 5, null from generate_series(1, 20000) i;
                insert into shop.tags select i, 'tag ' || i from generate_series(1, 8) i;
                insert into shop.order_tags select o, t from generate_series(1, 3000) o, generate_series(1, 3) t;
                analyze;
                """);
        exec(test, SCHEMA);
    }

    @AfterEach
    void drop() {
        production.close();
        test.close();
    }

    @Test
    void should_reach_the_scaled_counts_and_satisfy_every_constraint() throws SQLException {
        ProductionProfile profile = ProductionProfile.capture(production.dataSource("capture"));

        ProfileSeed.Result r = new ProfileSeed(profile, Scale.parse("0.5"), 100_000, 42).seed(test.dataSource("seed"));

        assertThat(r.scale()).isEqualTo(0.5);
        assertThat(r.rows()).containsEntry("shop.countries", 15L).containsEntry("shop.customers", 2000L)
                .containsEntry("shop.orders", 10000L).containsEntry("shop.tags", 4L).containsEntry("shop.order_tags", 4500L);
        assertThat(count("select count(*) from shop.orders")).isEqualTo(10000);
        assertThat(count("select count(distinct customer_id) from shop.orders")).isBetween(350L, 400L);
        assertThat(count("select count(*) from shop.customers where country is null")).isBetween(300L, 500L);
        assertThat(count("select count(distinct channel) + count(distinct status) from shop.orders")).isEqualTo(2);
        assertThat(count("select count(*) from shop.orders where note is not null")).isZero();
        assertThat(count("select count(*) from shop.orders where total_cents = total * 100")).isEqualTo(10000);
        assertThat(count("select count(distinct created_at) from shop.customers")).isEqualTo(1);
        assertThat(count("select count(*) from shop.customers where score not between 0 and 100")).isZero();
        exec(test, "insert into shop.customers (email) values ('new@example.com'); insert into shop.orders (customer_id, channel, total) values (1, 'app', 1)");
    }

    @Test
    void should_pick_the_largest_scale_that_keeps_every_table_under_max_seed_rows() throws SQLException {
        ProductionProfile profile = ProductionProfile.capture(production.dataSource("capture"));

        ProfileSeed.Result r = new ProfileSeed(profile, Scale.AUTO, 2_000, 42).seed(test.dataSource("seed"));

        assertThat(r.scale()).isEqualTo(0.1);
        assertThat(r.rows()).containsEntry("shop.orders", 2000L).containsEntry("shop.customers", 400L)
                .containsEntry("shop.tags", 1L).containsEntry("shop.countries", 3L);
        assertThat(count("select count(*) from shop.order_tags")).isEqualTo(900);
    }

    @Test
    void should_name_the_table_whose_constraint_the_generator_cannot_satisfy() throws SQLException {
        exec(test, "alter table shop.orders add constraint big_orders check (total > quantity * 1000)");
        ProductionProfile profile = ProductionProfile.capture(production.dataSource("capture"));

        assertThatThrownBy(() -> new ProfileSeed(profile, Scale.parse("0.1"), 100_000, 42).seed(test.dataSource("seed")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Cannot seed shop.orders from the profile: ERROR: new row for relation \"orders\" "
                        + "violates check constraint \"big_orders\"")
                .hasMessageEndingWith("; seed this table in seed.sql and drop it from profile.json, or relax the constraint")
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
    }

    @Test
    void should_refuse_a_unique_key_too_small_for_the_rows_before_copying() throws SQLException {
        exec(test, "alter table shop.tags add constraint one_label unique (label); "
                + "alter table shop.tags add constraint short_label check (length(label) <= 1)");
        ProductionProfile profile = ProductionProfile.capture(production.dataSource("capture"));

        assertThatThrownBy(() -> new ProfileSeed(profile, Scale.parse("5"), 1_000_000, 42).seed(test.dataSource("seed")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Cannot seed shop.tags from the profile: unique key one_label allows at most 36 distinct "
                        + "values, but 40 rows are to be seeded");
    }

    @Test
    void should_log_each_tables_progress_while_a_seed_takes_long() throws SQLException {
        ProductionProfile profile = ProductionProfile.capture(production.dataSource("capture"));
        java.util.List<String> lines = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

        ProfileSeed.Result r = new ProfileSeed(profile, Scale.parse("20"), 1_000_000, 42)
                .progressEvery(java.time.Duration.ofMillis(5), lines::add).seed(test.dataSource("seed"));

        assertThat(r.rows()).containsEntry("shop.orders", 400_000L);
        assertThat(lines).as("progress lines of the 400,000 orders").filteredOn(l -> l.startsWith("Seeding shop.orders: "))
                .isNotEmpty().allSatisfy(l -> assertThat(l).matches("Seeding shop\\.orders: [\\d,]+ of 400,000 rows \\(\\d+ %\\),"
                        + " [\\d,]+ rows/s, (about \\d+s left|time left unknown)"));
    }

    @Test
    void should_word_a_progress_line_with_rate_and_time_left() {
        assertThat(SeedProgress.line("shop.orders", 250_000, 1_000_000, 2.5))
                .isEqualTo("Seeding shop.orders: 250,000 of 1,000,000 rows (25 %), 100,000 rows/s, about 8s left");
        assertThat(SeedProgress.line("shop.orders", 0, 1_000_000, 0.0))
                .isEqualTo("Seeding shop.orders: 0 of 1,000,000 rows (0 %), 0 rows/s, time left unknown");
    }

    private long count(String sql) throws SQLException {
        try (Connection c = test.connect("check"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void exec(Database db, String sql) throws SQLException {
        try (Connection c = db.connect("test"); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
