package dev.zerodown.engine;

import static dev.zerodown.assertj.ZerodownAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.zerodown.config.EnvironmentException;
import dev.zerodown.engine.apps.Customers;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.plan.Rollout;
import dev.zerodown.postgres.Postgres;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.Verdict;
import dev.zerodown.settings.Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on real PostgreSQL (the shared embedded server): each is reported, never a pass, the run ends in
 * bounded time, and it leaves no thread, connection or server process behind.
 */
class FaultTest {
    static final String CUSTOMERS = """
            create table customers (id bigserial primary key, name text not null);
            insert into customers(name) select 'customer ' || g from generate_series(1, 20000) g;
            """;
    /** Generous: a run of two short transitions takes seconds; this only catches a hang. */
    static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    Settings settings(String... more) throws IOException {
        Files.writeString(dir.resolve("V1__create_customers.sql"), CUSTOMERS);
        Settings s = Settings.defaults().with("migrations", "filesystem:" + dir).with("soak", "300ms").with("clients", "2");
        for (int i = 0; i < more.length; i += 2) {
            s = s.with(more[i], more[i + 1]);
        }
        return s;
    }

    void step(String file, String sql) throws IOException {
        Files.writeString(dir.resolve(file), sql);
    }

    static RunResult run(String name, Rollout rollout, Settings s) {
        return CompletableFuture.supplyAsync(() -> CompatibilityRun.of(name, rollout).settings(s).writeReports(false)
                .run(17).result()).orTimeout(BOUND.toSeconds(), TimeUnit.SECONDS).join();
    }

    @Test
    void should_count_terminated_application_backends_as_failed_requests_and_go_on() throws IOException {
        step("V2__terminate_apps.sql", """
                select pg_sleep(0.2);
                select pg_terminate_backend(pid) from pg_stat_activity
                 where application_name like 'zd-app:%' and datname = current_database();
                select pg_sleep(0.2);
                """);
        step("V3__add_vip.sql", "set lock_timeout = '2s';\nalter table customers add column vip boolean;");
        Settings s = settings();
        Leaks leaks = Leaks.before(Postgres.embedded(17));
        long t0 = System.nanoTime();

        RunResult r = run("fault-apps", Rollout.startWith("v1", Customers.V1::new).migrate("V2", "V3"), s);

        long ms = (System.nanoTime() - t0) / 1_000_000;
        TransitionResult terminated = r.transitions().get(0);
        System.out.printf("fault apps: %d ms, verdict %s, v1 %s%n", ms, r.verdict(), terminated.requests().get("v1"));
        assertThat(terminated).hasFailedRequests("v1", "57P01").hasHazard(HazardId.FAILED_REQUESTS).isUnsafe();
        assertThat(r.transitions()).as("the run goes on after the terminated backends").hasSize(2);
        assertThat(r.transitions().get(1)).hasNoFailedRequests().isSafe();
        assertThat(r.transitions().get(1).requests().get("v1").total()).isPositive();
        assertThat(r.verdict()).isEqualTo(Verdict.UNSAFE);
        leaks.assertNone();
    }

    @Test
    void should_fail_the_step_whose_migration_backend_was_terminated() throws IOException {
        step("V2__sleep.sql", "select pg_sleep(30);");
        Settings s = settings("stepTimeout", "40s");
        Leaks leaks = Leaks.before(Postgres.embedded(17));
        CompletableFuture<List<String>> killer = CompletableFuture.supplyAsync(() -> {
            String sleeping = "from pg_stat_activity where application_name = 'zerodown-migration'"
                    + " and query like 'select pg_sleep(30)%'";
            await().atMost(BOUND).pollInterval(Duration.ofMillis(20))
                    .until(() -> !Leaks.query(leaks.probe(), "select pid::text " + sleeping).isEmpty());
            return Leaks.query(leaks.probe(), "select pg_terminate_backend(pid)::text " + sleeping);
        });
        long t0 = System.nanoTime();

        RunResult r = run("fault-migration", Rollout.startWith("v1", Customers.V1::new).migrate("V2"), s);

        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(killer.join()).containsExactly("true");
        TransitionResult step = r.transitions().get(0);
        System.out.printf("fault migration: %d ms, verdict %s, hazards %s%n", ms, r.verdict(), step.hazards());
        assertThat(step).isUnsafe().hasHazard(HazardId.MIGRATION_FAILED);
        assertThat(step.hazards(HazardId.MIGRATION_FAILED)).extracting(Hazard::message)
                .anySatisfy(m -> assertThat(m).contains("V2__sleep.sql:1", "57P01", "terminating connection"));
        assertThat(r.verdict()).isEqualTo(Verdict.UNSAFE);
        assertThat(ms).as("terminated long before its 30 s sleep or the 40 s step timeout").isLessThan(25_000);
        leaks.assertNone();
    }

    @Test
    void should_cancel_a_step_waiting_forever_for_its_lock_at_the_step_timeout_with_the_blocking_chain() throws IOException {
        step("V2__add_vip.sql", "alter table customers add column vip boolean;");
        Settings s = settings("stepTimeout", "1s");
        Leaks leaks = Leaks.before(Postgres.embedded(17));
        Rollout rollout = Rollout.startWith("v1", Customers.V1::new)
                .longTransaction("customers", Duration.ofMinutes(10)).migrate("V2");
        long t0 = System.nanoTime();

        RunResult r = run("fault-lock", rollout, s);

        long ms = (System.nanoTime() - t0) / 1_000_000;
        TransitionResult step = r.transitions().get(0);
        System.out.printf("fault lock: %d ms, verdict %s, hazards %s%n", ms, r.verdict(), step.hazards());
        assertThat(step).isUnsafe().hasHazard(HazardId.LOCK_QUEUE);
        assertThat(step.hazards(HazardId.LOCK_QUEUE)).singleElement().satisfies(h -> {
            assertThat(h.message()).contains("V2__add_vip.sql:1", "step timeout (1s)");
            assertThat(h.evidence()).contains("waiting for AccessExclusiveLock on public.customers", "blocked by pid",
                    "zerodown-long-transaction");
        });
        assertThat(r.verdict()).isEqualTo(Verdict.UNSAFE);
        assertThat(ms).as("cancelled at the step timeout, not after the 10 min transaction").isLessThan(30_000);
        leaks.assertNone();
    }

    @Test
    void should_end_with_an_environment_error_and_still_log_the_verdict_when_the_report_directory_is_not_writable()
            throws IOException {
        step("V2__add_vip.sql", "set lock_timeout = '2s';\nalter table customers add column vip boolean;");
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "a file where the report folder should be");
        Settings s = settings("reportDirectory", blocker.resolve("reports").toString());
        Leaks leaks = Leaks.before(Postgres.embedded(17));
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Throwable thrown;
        try {
            System.setErr(new PrintStream(new TeeStream(err, log), true, StandardCharsets.UTF_8));
            thrown = catchThrowable(() -> CompatibilityRun.of("fault-reports",
                    Rollout.startWith("v1", Customers.V1::new).migrate("V2")).settings(s).run(17));
        } finally {
            System.setErr(err);
        }

        assertThat(thrown).isInstanceOf(EnvironmentException.class)
                .hasMessageStartingWith("Could not write the reports of 'fault-reports' (PostgreSQL 17) to reportDirectory "
                        + blocker.resolve("reports"))
                .hasMessageContaining("the run measured the verdict safe (logged above)");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("ERROR dev.zerodown.engine.CompatibilityRun")
                .contains("V2__add_vip under [v1]").containsIgnoringCase("safe");
        leaks.assertNone();
    }

    /** Writes to the console and keeps a copy. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
