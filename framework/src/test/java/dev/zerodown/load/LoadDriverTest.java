package dev.zerodown.load;

import static dev.zerodown.load.LoadTestSupport.awaitNoSessions;
import static dev.zerodown.load.LoadTestSupport.exec;
import static dev.zerodown.load.LoadTestSupport.loadThreads;
import static dev.zerodown.load.LoadTestSupport.queryLong;
import static dev.zerodown.load.LoadTestSupport.sessions;
import static dev.zerodown.load.LoadTestSupport.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.zerodown.config.ConfigurationException;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import dev.zerodown.result.FailureGroup;
import dev.zerodown.result.Timeline;
import dev.zerodown.result.VersionStats;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoadDriverTest {
    private static final LoadSettings CLOSED_LOOP = new LoadSettings(3, 0, 7);

    private Database db;
    private LoadDriver driver;

    @BeforeEach
    void createDatabase() throws SQLException {
        db = Postgres.embedded(17).createDatabase("load_driver");
        exec(db, "create table users (id bigserial primary key, user_name text not null unique)");
    }

    @AfterEach
    void cleanUp() {
        if (driver != null) {
            driver.close();
        }
        db.close();
    }

    /** Inserts one user per request. */
    record Inserting(DataSource ds) implements AppVersion {
        @Override
        public void request() throws SQLException {
            try (Connection c = ds.getConnection();
                 PreparedStatement ps = c.prepareStatement("insert into users(user_name) values (gen_random_uuid()::text)")) {
                ps.executeUpdate();
            }
        }
    }

    /** Reads a column that does not exist. */
    record ReadingMissingColumn(DataSource ds) implements AppVersion {
        @Override
        public void request() throws SQLException {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.executeQuery("select full_name from users").close();
            }
        }
    }

    /** Inserts the same name again and again: a unique violation the domain expects. */
    record InsertingDuplicates(DataSource ds) implements AppVersion {
        @Override
        public void request() throws SQLException {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("insert into users(user_name) values ('taken')");
            }
        }

        @Override
        public boolean isExpectedFailure(Exception e) {
            return e instanceof SQLException s && "23505".equals(s.getSQLState());
        }
    }

    @Test
    void should_count_every_completed_request_once() throws Exception {
        driver = new LoadDriver(db, CLOSED_LOOP, System.nanoTime());
        driver.beginWindow();

        driver.start("v1", Inserting::new, false, false);
        sleep(700);
        driver.stop("v1");
        VersionStats stats = driver.endWindow().get("v1");

        assertThat(stats.total()).isPositive().isEqualTo(stats.ok() + stats.failed() + stats.expectedErrors());
        assertThat(stats.failed()).isZero();
        assertThat(stats.ok()).isEqualTo(queryLong(db, "select count(*) from users"));
        assertThat(stats.throughputPerSec()).isPositive();
        assertThat(stats.p50Ms()).isPositive().isLessThanOrEqualTo(stats.p99Ms());
        assertThat(stats.p99Ms()).isLessThanOrEqualTo(stats.maxMs());
        assertThat(stats.synthetic()).isFalse();
        assertThat(stats.canary()).isFalse();
    }

    @Test
    void should_group_failures_by_sqlstate_with_a_sample_message() throws Exception {
        driver = new LoadDriver(db, CLOSED_LOOP, System.nanoTime());

        driver.start("v2", ReadingMissingColumn::new, false, true);
        driver.beginWindow();
        sleep(400);
        VersionStats stats = driver.endWindow().get("v2");

        assertThat(stats.failed()).isPositive().isEqualTo(stats.total());
        assertThat(stats.failuresBySqlState()).containsExactly(Map.entry("42703", stats.failed()));
        assertThat(stats.failures()).hasSize(1);
        FailureGroup group = stats.failures().get(0);
        assertThat(group.sqlState()).isEqualTo("42703");
        assertThat(group.count()).isEqualTo(stats.failed());
        assertThat(group.statement()).isEqualTo("ERROR: column \"full_name\" does not exist");
        assertThat(group.sampleMessage()).isEqualTo("ERROR: column \"full_name\" does not exist");
        assertThat(stats.canary()).isTrue();
    }

    @Test
    void should_not_count_expected_domain_errors_as_failed() throws Exception {
        exec(db, "insert into users(user_name) values ('taken')");
        driver = new LoadDriver(db, CLOSED_LOOP, System.nanoTime());

        driver.start("v1", InsertingDuplicates::new, false, false);
        sleep(400);
        VersionStats stats = driver.endWindow().get("v1");

        assertThat(stats.expectedErrors()).isPositive().isEqualTo(stats.total());
        assertThat(stats.failed()).isZero();
        assertThat(stats.failuresBySqlState()).isEmpty();
    }

    @Test
    void should_classify_an_exception_without_sqlstate_by_its_class() throws Exception {
        driver = new LoadDriver(db, CLOSED_LOOP, System.nanoTime());

        driver.start("v1", ds -> () -> {
            throw new IllegalStateException("cart is empty\nsecond line");
        }, false, false);
        sleep(200);
        VersionStats stats = driver.endWindow().get("v1");

        assertThat(stats.failuresBySqlState()).containsOnlyKeys("java:IllegalStateException");
        assertThat(stats.failures()).singleElement().satisfies(g -> {
            assertThat(g.statement()).isEqualTo("cart is empty");
            assertThat(g.sampleMessage()).isEqualTo("java.lang.IllegalStateException: cart is empty");
        });
    }

    @Test
    void should_reach_the_open_loop_rate_without_exceeding_it() throws Exception {
        driver = new LoadDriver(db, new LoadSettings(2, 100, 7), System.nanoTime());
        driver.beginWindow();

        driver.start("v1", Inserting::new, false, false);
        sleep(2000);
        driver.stop("v1");
        VersionStats stats = driver.endWindow().get("v1");

        assertThat(stats.total()).isBetween(100L, 2 * 100L + 2 + 20);
    }

    @Test
    void should_measure_open_loop_latency_from_the_scheduled_start() throws Exception {
        driver = new LoadDriver(db, new LoadSettings(1, 50, 7), System.nanoTime());
        driver.beginWindow();

        driver.start("v1", ds -> new AppVersion() {
            private boolean stalled;

            @Override
            public void request() throws Exception {
                if (!stalled) {
                    stalled = true;
                    Thread.sleep(1500);
                }
                new Inserting(ds).request();
            }
        }, false, false);
        sleep(2000);
        driver.stop("v1");
        VersionStats stats = driver.endWindow().get("v1");

        // about 75 of some 100 requests were due during the 1.5 s stall and waited for it: the median
        // request was due about 1 s in and waited about 0.5 s; timing the requests alone would say ~1 ms
        assertThat(stats.p50Ms()).isGreaterThan(200);
        assertThat(stats.maxMs()).isGreaterThanOrEqualTo(1500);
    }

    @Test
    void should_tag_connections_with_the_version() throws Exception {
        driver = new LoadDriver(db, CLOSED_LOOP, System.nanoTime());

        driver.start("v1", Inserting::new, false, false);

        assertThat(sessions(db, "zd-app:v1")).isGreaterThanOrEqualTo(CLOSED_LOOP.clients());
        assertThat(loadThreads()).contains("zd-load:v1-1", "zd-load:v1-2", "zd-load:v1-3");
    }

    @Test
    void should_leave_no_threads_or_connections_after_stop_and_close() throws Exception {
        driver = new LoadDriver(db, CLOSED_LOOP, System.nanoTime());
        driver.start("v1", Inserting::new, false, false);
        driver.start("v2", Inserting::new, false, false);

        driver.stop("v1");

        assertThat(loadThreads()).noneMatch(n -> n.contains("v1")).anyMatch(n -> n.startsWith("zd-load:v2"));
        awaitNoSessions(db, "zd-app:v1");
        assertThat(sessions(db, "zd-app:v2")).isPositive();

        driver.close();

        // close() waits for the executors; their threads end a moment after (bounded)
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(loadThreads()).isEmpty());
        awaitNoSessions(db, "zd-app:v2");
    }

    @Test
    void should_stop_a_version_whose_requests_wait_on_a_lock() throws Exception {
        try (Connection locker = db.connect("zd-test-locker")) {
            locker.setAutoCommit(false);
            locker.createStatement().execute("lock table users in access exclusive mode");
            driver = new LoadDriver(db, CLOSED_LOOP, System.nanoTime());
            driver.start("v1", Inserting::new, false, false);
            await().atMost(Duration.ofSeconds(10)).until(() -> queryLong(db,
                    "select count(*) from pg_stat_activity where application_name = 'zd-app:v1' and wait_event_type = 'Lock'") == 3);

            driver.stop("v1");

            assertThat(loadThreads()).noneMatch(n -> n.contains("v1"));
            locker.rollback();
        }
        awaitNoSessions(db, "zd-app:v1");
        assertThat(driver.endWindow().get("v1").failed()).isZero();
    }

    @Test
    void should_keep_a_stopped_version_in_the_window_until_the_next_one() throws Exception {
        driver = new LoadDriver(db, CLOSED_LOOP, System.nanoTime());
        driver.start("v1", Inserting::new, false, false);
        driver.start("v2", Inserting::new, false, false);
        sleep(200);

        driver.stop("v1");

        assertThat(driver.endWindow()).containsOnlyKeys("v1", "v2");
        driver.beginWindow();
        assertThat(driver.endWindow()).containsOnlyKeys("v2");
    }

    @Test
    void should_give_timeline_points_that_add_up_to_the_window() throws Exception {
        long origin = System.nanoTime();
        driver = new LoadDriver(db, CLOSED_LOOP, origin);
        driver.beginWindow();
        driver.start("v1", Inserting::new, false, false);
        sleep(700);
        driver.stop("v1");

        VersionStats stats = driver.endWindow().get("v1");
        List<Timeline.LoadPoint> points = driver.points(0, driver.nowMs());

        assertThat(points).hasSizeGreaterThanOrEqualTo(5).allMatch(p -> p.version().equals("v1"));
        assertThat(points.stream().mapToLong(Timeline.LoadPoint::ok).sum()).isEqualTo(stats.ok());
        assertThat(points).isSortedAccordingTo((a, b) -> Long.compare(a.atMs(), b.atMs()));
        assertThat(points).anyMatch(p -> p.ok() > 0 && p.p50Ms() > 0 && p.p99Ms() >= p.p50Ms());
    }

    @Test
    void should_refuse_to_start_a_version_twice() {
        driver = new LoadDriver(db, CLOSED_LOOP, System.nanoTime());
        driver.start("v1", Inserting::new, false, false);

        assertThatThrownBy(() -> driver.start("v1", Inserting::new, false, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("App version 'v1' is already running");
    }

    @Test
    void should_report_a_failing_factory_and_leave_nothing_open() throws Exception {
        driver = new LoadDriver(db, CLOSED_LOOP, System.nanoTime());

        assertThatThrownBy(() -> driver.start("v1", ds -> {
            throw new IllegalArgumentException("no such repository");
        }, false, false))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("App version 'v1' could not be created: java.lang.IllegalArgumentException: no such repository;"
                        + " its factory (such as AppV1::new) must build a request object from the DataSource without failing");
        assertThat(loadThreads()).noneMatch(n -> n.contains("v1"));
        awaitNoSessions(db, "zd-app:v1");
        assertThat(driver.isRunning("v1")).isFalse();
    }
}
