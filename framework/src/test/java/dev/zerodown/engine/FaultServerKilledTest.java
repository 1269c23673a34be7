package dev.zerodown.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.zerodown.config.EnvironmentException;
import dev.zerodown.engine.apps.Customers;
import dev.zerodown.plan.Rollout;
import dev.zerodown.postgres.PostgresOptions;
import dev.zerodown.postgres.PrivateServer;
import dev.zerodown.postgres.ProviderKind;
import dev.zerodown.postgres.Postgres;
import dev.zerodown.settings.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server killed (SIGKILL to its postmaster) while a step runs: the run ends with one environment error, no
 * verdict and no report, in bounded time, and nothing of it is left running. A private server, so that no
 * other test loses its own.
 */
class FaultServerKilledTest {
    @TempDir
    Path dir;

    @Test
    void should_end_the_run_with_one_environment_error_when_the_server_is_killed_mid_step() throws Exception {
        Files.writeString(dir.resolve("V1__create_customers.sql"), FaultTest.CUSTOMERS);
        Files.writeString(dir.resolve("V2__sleep.sql"), "select pg_sleep(30);");
        Path reports = dir.resolve("reports");
        try (PrivateServer server = PrivateServer.start(Files.createDirectory(dir.resolve("server")))) {
            Settings s = Settings.defaults().with("migrations", "filesystem:" + dir.toString()).with("soak", "300ms")
                    .with("clients", "2").with("stepTimeout", "40s").with("provider", "external")
                    .with("jdbcUrl", server.jdbcUrl()).with("reportDirectory", reports.toString());
            ProcessHandle postmaster = ProcessHandle.of(server.postmasterPid()).orElseThrow();
            CompletableFuture<List<ProcessHandle>> killed = CompletableFuture.supplyAsync(() -> killWhileSleeping(server, postmaster));
            long t0 = System.nanoTime();

            Throwable thrown = catchThrowable(() -> CompletableFuture.supplyAsync(() -> CompatibilityRun.of("fault-server",
                    Rollout.startWith("v1", Customers.V1::new).migrate("V2")).settings(s).run(17))
                    .orTimeout(FaultTest.BOUND.toSeconds(), TimeUnit.SECONDS).join());

            long ms = (System.nanoTime() - t0) / 1_000_000;
            List<ProcessHandle> serverProcesses = killed.join();
            System.out.printf("fault server killed: %d ms, %s%n", ms, thrown.getCause());
            assertThat(thrown.getCause()).as("the run's outcome").isInstanceOf(EnvironmentException.class)
                    .hasMessageNotContaining("safe");
            assertThat(ms).as("ended soon after the kill, not after the 30 s sleep").isLessThan(25_000);
            assertThat(reports).as("no report (none could say safe)").doesNotExist();
            await().atMost(Leaks.BOUND).untilAsserted(() -> {
                assertThat(serverProcesses).as("processes of the killed server").noneMatch(ProcessHandle::isAlive);
                assertThat(Leaks.runThreads()).as("threads left by the run").isEmpty();
            });
            Postgres.server(new PostgresOptions(ProviderKind.EXTERNAL, 17, server.jdbcUrl(), null, null)).close();
            server.close();
            assertThat(server.directory()).as("the killed server's data directory, once closed").doesNotExist();
        }
    }

    /** Waits until the step sleeps, notes the server's processes, then kills its postmaster. */
    private static List<ProcessHandle> killWhileSleeping(PrivateServer server, ProcessHandle postmaster) {
        await().atMost(FaultTest.BOUND).pollInterval(Duration.ofMillis(20)).until(() -> sleeping(server));
        List<ProcessHandle> all = new java.util.ArrayList<>(postmaster.descendants().toList());
        all.add(postmaster);
        postmaster.destroyForcibly();
        return all;
    }

    private static boolean sleeping(PrivateServer server) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity where application_name = 'zerodown-migration'"
                     + " and query like 'select pg_sleep(30)%'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }
}
