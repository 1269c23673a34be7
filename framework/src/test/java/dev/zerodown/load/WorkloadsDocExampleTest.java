package dev.zerodown.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import dev.zerodown.result.VersionStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of docs/workloads.md, kept compiling and passing here: change both together. */
class WorkloadsDocExampleTest {
    static final String V1_SQL = """
            -- reads are the common case
            -- weight: 8
            select id, email, name from users where id = {{int 1 1000}};

            -- sign-ups; an email that is already taken is a normal outcome
            -- expect-error: 23505
            insert into users(id, email, name)
            values ({{seq}} + 1000, 'user{{int 1 2000}}@example.com', '{{pick Ada|Grace|Linus}}');

            update users set name = '{{pick Ada|Grace|Linus}}' where id = {{int 1 1000}};
            """;

    // --- docs/workloads.md: "Requests of several statements" ---
    static final String CHECKOUT_SQL = """
            -- request: checkout
            -- weight: 3
            insert into orders(id, customer_id) values ({{seq}}, {{int 1 100}});
            -- expect-error: 23514
            update stock set quantity = quantity - 1 where item_id = {{int 1 50}};
            update customers set last_order = {{seq}} where id = {{int 1 100}};
            -- end

            -- a single statement outside a block: one request, in autocommit, as before
            select id, customer_id from orders where id = {{int 1 1000}};
            """;

    @Test
    void should_read_the_block_example_of_the_guide() {
        SqlWorkload w = SqlWorkload.parse("v1.sql", CHECKOUT_SQL);

        assertThat(w.requests()).extracting(SqlWorkload.Request::name, SqlWorkload.Request::weight,
                SqlWorkload.Request::transactional, r -> r.statements().size())
                .containsExactly(tuple("checkout", 3, true, 3), tuple(null, 1, false, 1));
        assertThat(w.requests().get(0).statements().get(1).expectedErrors()).containsExactly("23514");
    }

    // --- docs/workloads.md: "Java app versions" ---
    static class AppV2 implements AppVersion {
        private final DataSource dataSource;
        private final List<Long> created = new ArrayList<>();   // one instance per client: no locking

        AppV2(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public void request() throws SQLException {
            try (Connection c = dataSource.getConnection()) {
                if (created.isEmpty() || ThreadLocalRandom.current().nextInt(10) == 0) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "insert into users(id, email, name) values (?, ?, 'Grace')")) {
                        long id = ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE);
                        ps.setLong(1, id);
                        ps.setString(2, "v2-" + id + "@example.com");
                        ps.executeUpdate();
                        created.add(id);
                    }
                } else {
                    try (PreparedStatement ps = c.prepareStatement("select name from users where id = ?")) {
                        ps.setLong(1, created.get(ThreadLocalRandom.current().nextInt(created.size())));
                        ps.executeQuery().close();
                    }
                }
            }
        }

        @Override
        public boolean isExpectedFailure(Exception e) {
            return e instanceof SQLException s && "23505".equals(s.getSQLState());  // a duplicate email
        }
    }

    @Test
    void should_run_the_example_of_the_guide(@TempDir Path dir) throws Exception {
        Path v1File = dir.resolve("v1.sql");
        Files.writeString(v1File, V1_SQL);

        // --- docs/workloads.md: "Running it without JUnit" ---
        try (Database db = Postgres.embedded(17).createDatabase("example");
             LoadDriver driver = new LoadDriver(db, LoadSettings.defaults(), System.nanoTime())) {
            SqlWorkload v1 = SqlWorkload.parse(v1File);
            try (Connection c = db.connect("setup"); Statement s = c.createStatement()) {
                s.execute("create table users (id bigint primary key, email text unique, name text)");
                s.execute("insert into users select g, 'seed' || g || '@example.com', 'Ada' from generate_series(1, 1000) g");
                v1.baselineCheck(c);                      // each statement once, rolled back
            }
            driver.start("v1", v1, false, false);         // 4 clients, 200 requests/s
            driver.start("v2", AppV2::new, false, false); // side by side, as in a rolling deploy
            driver.beginWindow();
            Thread.sleep(2000);
            Map<String, VersionStats> stats = driver.endWindow();
            stats.values().forEach(v -> System.out.printf("%s: %d requests, %d failed, p99 %.1f ms%n",
                    v.version(), v.total(), v.failed(), v.p99Ms()));
            // --- end of the example ---

            assertThat(stats).containsOnlyKeys("v1", "v2");
            assertThat(stats.values()).allSatisfy(v -> {
                assertThat(v.total()).isGreaterThan(200);
                assertThat(v.failed()).isZero();
            });
            try (Connection c = db.connect("check"); ResultSet rs = c.createStatement().executeQuery(
                    "select count(*) from users where id > 1000 and id < 1000000")) {
                rs.next();
                assertThat(rs.getLong(1)).isPositive();
            }
        }
    }

    // --- docs/workloads.md: "Why requests are transactions" ---
    static final String READS_IN_A_TRANSACTION = """
            -- request: profile
            select * from users where id = {{int 1 1000}};
            -- end
            """;
    static final String READS_IN_AUTOCOMMIT = """
            select * from users where id = {{int 1 1000}};
            """;

    @Test
    void should_fail_select_star_in_a_transaction_but_not_in_autocommit_once_a_column_is_added() throws Exception {
        try (Database db = Postgres.embedded(17).createDatabase("example_0a000");
             LoadDriver driver = new LoadDriver(db, LoadSettings.defaults(), System.nanoTime())) {
            try (Connection c = db.connect("setup"); Statement s = c.createStatement()) {
                s.execute("create table users (id bigint primary key, email text unique, name text)");
                s.execute("insert into users select g, 'seed' || g || '@example.com', 'Ada' from generate_series(1, 1000) g");
            }
            driver.start("tx", SqlWorkload.parse("tx.sql", READS_IN_A_TRANSACTION), false, false);
            driver.start("autocommit", SqlWorkload.parse("autocommit.sql", READS_IN_AUTOCOMMIT), false, false);
            Thread.sleep(1000);                           // each connection runs the query more than 5 times
            driver.beginWindow();
            try (Connection c = db.connect("step"); Statement s = c.createStatement()) {
                s.execute("alter table users add column nickname text");
            }
            Thread.sleep(1000);
            Map<String, VersionStats> stats = driver.endWindow();
            stats.values().forEach(v -> System.out.printf("%s: %d requests, %d failed %s%n",
                    v.version(), v.total(), v.failed(), v.failuresBySqlState()));

            assertThat(stats.get("tx").failuresBySqlState()).containsOnlyKeys("0A000");
            assertThat(stats.get("tx").failures()).singleElement().satisfies(g -> {
                assertThat(g.statement()).isEqualTo("select * from users where id = {{int 1 1000}}");
                assertThat(g.sampleMessage()).isEqualTo("ERROR: cached plan must not change result type");
            });
            assertThat(stats.get("autocommit").failed()).isZero();
            assertThat(stats.get("autocommit").ok()).isPositive();
        }
    }
}
