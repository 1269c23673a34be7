package dev.zerodown.load;

import static dev.zerodown.load.LoadTestSupport.exec;
import static dev.zerodown.load.LoadTestSupport.queryLong;
import static dev.zerodown.load.LoadTestSupport.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.zerodown.config.ConfigurationException;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import dev.zerodown.result.FailureGroup;
import dev.zerodown.result.VersionStats;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SqlWorkloadTest {
    private static final LoadSettings CLOSED_LOOP = new LoadSettings(3, 0, 7);

    private Database db;
    private LoadDriver driver;

    @BeforeEach
    void createDatabase() throws SQLException {
        db = Postgres.embedded(17).createDatabase("sql_workload");
        exec(db, "create table users (id bigint primary key, email text not null unique, kind text)");
    }

    @AfterEach
    void cleanUp() {
        if (driver != null) {
            driver.close();
        }
        db.close();
    }

    private VersionStats run(LoadSettings settings, long ms, String... versionsAndWorkloads) throws Exception {
        driver = new LoadDriver(db, settings, System.nanoTime());
        driver.beginWindow();
        for (int i = 0; i < versionsAndWorkloads.length; i += 2) {
            driver.start(versionsAndWorkloads[i], SqlWorkload.parse(versionsAndWorkloads[i] + ".sql", versionsAndWorkloads[i + 1]), false, false);
        }
        sleep(ms);
        for (int i = 0; i < versionsAndWorkloads.length; i += 2) {
            driver.stop(versionsAndWorkloads[i]);
        }
        return driver.endWindow().get(versionsAndWorkloads[0]);
    }

    @Test
    void should_use_one_seq_value_per_request_shared_by_all_clients_and_versions() throws Exception {
        String insert = "insert into users(id, email) values ({{seq}}, 'u{{seq}}@example.com');";

        VersionStats v1 = run(CLOSED_LOOP, 600, "v1", insert, "v2", insert);
        long v2ok = driver.endWindow().get("v2").ok();

        assertThat(v1.failed()).isZero();
        assertThat(v1.ok()).isPositive();
        long rows = queryLong(db, "select count(*) from users");
        assertThat(rows).isEqualTo(v1.ok() + v2ok);
        assertThat(queryLong(db, "select count(*) from users where email <> 'u' || id || '@example.com'")).isZero();
        assertThat(queryLong(db, "select min(id) from users")).isEqualTo(1);
        assertThat(queryLong(db, "select max(id) from users")).isEqualTo(rows);
    }

    @Test
    void should_choose_statements_by_weight() throws Exception {
        driver = new LoadDriver(db, CLOSED_LOOP, System.nanoTime());
        driver.beginWindow();
        driver.start("v1", SqlWorkload.parse("v1.sql", """
                -- weight: 1
                insert into users(id, email, kind) values ({{seq}}, '{{uuid}}', 'rare');
                -- weight: 9
                insert into users(id, email, kind) values ({{seq}}, '{{uuid}}', 'common');
                """), false, false);
        await().atMost(Duration.ofSeconds(30)).until(() -> driver.endWindow().get("v1").ok() >= 400);
        driver.stop("v1");
        VersionStats stats = driver.endWindow().get("v1");

        assertThat(stats.failed()).isZero();
        long rare = queryLong(db, "select count(*) from users where kind = 'rare'");
        long common = queryLong(db, "select count(*) from users where kind = 'common'");
        assertThat(rare + common).isEqualTo(stats.ok());
        // 0.9 expected; with 400 or more requests the bounds are more than four standard deviations away
        assertThat((double) common / (rare + common)).isBetween(0.8, 0.97);
    }

    @Test
    void should_draw_generator_values_in_their_ranges() throws Exception {
        VersionStats stats = run(CLOSED_LOOP, 500, "v1",
                "insert into users(id, email, kind) values ({{seq}}, '{{uuid}}', '{{pick a|b c}}-{{int 3 5}}');");

        assertThat(stats.failed()).isZero();
        assertThat(queryLong(db, "select count(*) from users where kind not in ('a-3','a-4','a-5','b c-3','b c-4','b c-5')")).isZero();
        assertThat(queryLong(db, "select count(distinct kind) from users")).isEqualTo(6);
        assertThat(queryLong(db, "select count(*) from users where email::uuid is null")).isZero();
    }

    @Test
    void should_count_declared_errors_as_expected() throws Exception {
        exec(db, "insert into users(id, email) values (1, 'taken@example.com')");

        VersionStats stats = run(CLOSED_LOOP, 400, "v1", """
                -- expect-error: 23505
                insert into users(id, email) values ({{int 100 1000000}}, 'taken@example.com');
                """);

        assertThat(stats.expectedErrors()).isPositive().isEqualTo(stats.total());
        assertThat(stats.failed()).isZero();
    }

    @Test
    void should_group_failures_by_sqlstate_and_statement() throws Exception {
        VersionStats stats = run(CLOSED_LOOP, 400, "v1", """
                select full_name from users where id = {{int 1 10}};
                select id from users where id = {{int 1 10}};
                """);

        assertThat(stats.ok()).isPositive();
        assertThat(stats.failuresBySqlState()).containsOnlyKeys("42703");
        assertThat(stats.failures()).singleElement().isEqualTo(new FailureGroup("42703",
                "select full_name from users where id = {{int 1 10}}", stats.failed(),
                "ERROR: column \"full_name\" does not exist"));
    }

    @Test
    void should_run_statements_with_a_jsonb_question_mark_operator() throws Exception {
        VersionStats stats = run(CLOSED_LOOP, 200, "v1", "select '{\"a\":1}'::jsonb ? 'a' where {{int 1 1}} = 1;");

        assertThat(stats.failed()).isZero();
        assertThat(stats.ok()).isPositive();
    }

    @Test
    void should_pass_the_baseline_check_without_leaving_rows() throws Exception {
        SqlWorkload w = SqlWorkload.parse("v1.sql", """
                insert into users(id, email) values ({{seq}}, '{{uuid}}');
                -- expect-error: 23505
                insert into users(id, email) values (0, 'x'), (0, 'y');
                vacuum users;
                """);

        try (Connection c = db.connect("zd-test")) {
            w.baselineCheck(c);

            assertThat(c.getAutoCommit()).isTrue();
        }
        assertThat(queryLong(db, "select count(*) from users")).isZero();
    }

    @Test
    void should_name_file_and_line_when_the_workload_does_not_fit_the_baseline() throws Exception {
        SqlWorkload w = SqlWorkload.parse("v1.sql", """
                select id from users;

                select full_name from users;
                select nope from users;
                """);

        try (Connection c = db.connect("zd-test")) {
            assertThatThrownBy(() -> w.baselineCheck(c))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("v1.sql:3: the workload does not fit the baseline schema: ERROR: column \"full_name\" does"
                            + " not exist (SQLState 42703) (also failing: v1.sql:4); fix the statement, or what the"
                            + " baseline migrations and seed create");
        }
    }

    @Test
    void should_roll_back_a_block_whose_second_statement_fails_and_group_it_by_that_statement() throws Exception {
        VersionStats stats = run(CLOSED_LOOP, 400, "v1", """
                -- request: sign-up
                insert into users(id, email) values ({{seq}}, 'u{{seq}}@example.com');
                insert into users(id, email) values ({{seq}}, 'again@example.com');
                -- end
                """);

        assertThat(stats.ok()).isZero();
        assertThat(stats.failed()).isPositive().isEqualTo(stats.total());
        assertThat(stats.failures()).singleElement().isEqualTo(new FailureGroup("23505",
                "insert into users(id, email) values ({{seq}}, 'again@example.com')", stats.failed(),
                "ERROR: duplicate key value violates unique constraint \"users_pkey\""));
        assertThat(queryLong(db, "select count(*) from users")).as("no row of a rolled-back request").isZero();
    }

    @Test
    void should_commit_a_block_that_reads_its_own_row_in_the_same_transaction_with_one_seq_value() throws Exception {
        exec(db, "create table visits (user_id bigint primary key, email text not null)");

        VersionStats stats = run(CLOSED_LOOP, 500, "v1", """
                -- request: sign-up
                insert into users(id, email, kind) values ({{seq}}, 'u{{seq}}@example.com', pg_current_xact_id()::text);
                insert into visits select id, email from users where id = {{seq}} and kind = pg_current_xact_id()::text;
                update users set kind = 'visited' where id = {{seq}} and exists (select from visits where user_id = {{seq}});
                -- end
                """);

        assertThat(stats.failed()).isZero();
        assertThat(stats.ok()).isPositive();
        assertThat(queryLong(db, "select count(*) from users")).isEqualTo(stats.ok());
        assertThat(queryLong(db, "select count(*) from users join visits on user_id = id and visits.email = users.email"
                + " where kind = 'visited'")).as("each request saw its own row, written in its transaction").isEqualTo(stats.ok());
        assertThat(queryLong(db, "select max(id) from users")).as("one seq value per request").isEqualTo(stats.ok());
    }

    @Test
    void should_group_a_failed_commit_by_its_request() throws Exception {
        exec(db, "create table tickets (seat int, constraint one_per_seat unique (seat) deferrable initially deferred)");

        VersionStats stats = run(CLOSED_LOOP, 300, "v1", """
                -- request: book
                insert into tickets values ({{seq}});
                insert into tickets values ({{seq}});
                -- end
                """);

        assertThat(stats.failed()).isPositive().isEqualTo(stats.total());
        assertThat(stats.failures()).singleElement().satisfies(g -> {
            assertThat(g.sqlState()).isEqualTo("23505");
            assertThat(g.statement()).isEqualTo("commit of request 'book'");
        });
        assertThat(queryLong(db, "select count(*) from tickets")).isZero();
    }

    @Test
    void should_count_a_declared_error_inside_a_block_as_expected_and_roll_the_block_back() throws Exception {
        exec(db, "insert into users(id, email) values (0, 'taken@example.com')");

        VersionStats stats = run(CLOSED_LOOP, 400, "v1", """
                -- request: sign-up
                insert into users(id, email) values ({{seq}}, 'u{{seq}}@example.com');
                -- expect-error: 23505
                insert into users(id, email) values ({{seq}} + 1000000, 'taken@example.com');
                -- end
                """);

        assertThat(stats.expectedErrors()).isPositive().isEqualTo(stats.total());
        assertThat(stats.failed()).isZero();
        assertThat(queryLong(db, "select count(*) from users")).isOne();
    }

    @Test
    void should_keep_the_rows_of_an_autocommit_block_before_its_failing_statement() throws Exception {
        VersionStats stats = run(CLOSED_LOOP, 400, "v1", """
                -- request: sign-up autocommit
                insert into users(id, email) values ({{seq}}, 'u{{seq}}@example.com');
                insert into users(id, email) values ({{seq}}, 'again@example.com');
                -- end
                """);

        assertThat(stats.failed()).isPositive().isEqualTo(stats.total());
        assertThat(queryLong(db, "select count(*) from users")).isEqualTo(stats.total());
    }

    @Test
    void should_check_a_block_on_the_baseline_as_one_transaction_rolled_back() throws Exception {
        SqlWorkload w = SqlWorkload.parse("v1.sql", """
                -- request: sign-up
                insert into users(id, email) values ({{seq}}, 'u{{seq}}@example.com');
                update users set kind = 'checked' where id = {{seq}};
                -- expect-error: 23505
                insert into users(id, email) values ({{seq}} + 1, 'u{{seq}}@example.com');
                -- end
                """);

        try (Connection c = db.connect("zd-test")) {
            w.baselineCheck(c);

            assertThat(c.getAutoCommit()).isTrue();
        }
        assertThat(queryLong(db, "select count(*) from users")).isZero();
    }

    @Test
    void should_name_the_failing_statement_of_a_block_on_the_baseline() throws Exception {
        SqlWorkload w = SqlWorkload.parse("v1.sql", """
                select 1;
                -- request: checkout
                select id from users;
                select full_name from users;
                -- end
                """);

        try (Connection c = db.connect("zd-test")) {
            assertThatThrownBy(() -> w.baselineCheck(c))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("v1.sql:4: the workload does not fit the baseline schema: ERROR: column \"full_name\" does"
                            + " not exist (SQLState 42703); fix the statement, or what the baseline migrations and seed"
                            + " create");
        }
    }

    @Test
    void should_say_how_to_run_a_statement_that_cannot_run_in_the_transaction_of_its_block() throws Exception {
        SqlWorkload w = SqlWorkload.parse("v1.sql", "-- request: sweep\nselect 1;\nvacuum users;\n-- end\n");

        try (Connection c = db.connect("zd-test")) {
            assertThatThrownBy(() -> w.baselineCheck(c))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("v1.sql:3: the workload does not fit the baseline schema: ERROR: VACUUM cannot run inside a"
                            + " transaction block (SQLState 25001); the request 'sweep' runs in one transaction: write"
                            + " '-- request: sweep autocommit', or move the statement out of the request; fix the"
                            + " statement, or what the baseline migrations and seed create");
        }
        SqlWorkload autocommit = SqlWorkload.parse("v1.sql", "-- request: sweep autocommit\nselect 1;\nvacuum users;\n-- end\n");
        try (Connection c = db.connect("zd-test")) {
            autocommit.baselineCheck(c);
        }
    }

    @Test
    void should_draw_samples_from_the_column_when_the_version_starts() throws Exception {
        exec(db, "insert into users select i, 'u' || i || '@example.com', case when i % 2 = 0 then 'x' end from generate_series(1, 300) i");
        SqlWorkload w = SqlWorkload.parse("v1.sql", """
                select email from users where id = {{sample public.users.id}};
                update users set kind = {{sample users.kind}} where email = {{sample public.users.email}};
                select '{{sample public.users.email}}';
                """);

        VersionStats v1 = run(CLOSED_LOOP, 500, "v1", """
                select email from users where id = {{sample public.users.id}};
                update users set kind = {{sample users.kind}} where email = {{sample public.users.email}};
                select '{{sample public.users.email}}';
                """);
        try (Connection c = db.connect("sample")) {
            w.sample(c);
        }

        assertThat(v1.ok()).isPositive();
        assertThat(v1.failed()).isZero();
        assertThat(w.sampledColumns()).containsExactly("public.users.id", "users.kind", "public.users.email");
        assertThat(w.sampled("public.users.id")).hasSize(Samples.SIZE).doesNotHaveDuplicates();
        assertThat(w.sampled("users.kind")).isNotEmpty().containsOnly("x");
        assertThat(queryLong(db, "select count(*) from users where kind = 'x'")).isGreaterThan(150);
    }
}
