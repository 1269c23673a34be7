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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server restarting mid-run: one backend killed with SIGKILL makes PostgreSQL end every session and
 * reinitialise (crash recovery), as after an out-of-memory kill in production. The application's requests
 * fail meanwhile, but that is the server's doing, not the migration's: the run ends with one environment
 * error, no verdict and no report, and nothing of it is left running.
 */
class FaultServerRestartTest {
    @TempDir
    Path dir;

    @Test
    void should_end_the_run_with_one_environment_error_when_the_server_restarts_during_a_soak() throws Exception {
        Files.writeString(dir.resolve("V1__create_customers.sql"), FaultTest.CUSTOMERS);
        Files.writeString(dir.resolve("V2__add_vip.sql"), "alter table customers add column vip boolean;");
        Path reports = dir.resolve("reports");
        try (PrivateServer server = PrivateServer.start(Files.createDirectory(dir.resolve("server")))) {
            Settings s = Settings.defaults().with("migrations", "filesystem:" + dir).with("soak", "4s")
                    .with("clients", "2").with("provider", "external").with("jdbcUrl", server.jdbcUrl())
                    .with("reportDirectory", reports.toString());
            CompletableFuture<Long> crashed = CompletableFuture.supplyAsync(() -> crashDuringSoak(server));

            Throwable thrown = catchThrowable(() -> CompletableFuture.supplyAsync(() -> CompatibilityRun.of("fault-restart",
                    Rollout.startWith("v1", Customers.V1::new).migrate("V2")).settings(s).run(17))
                    .orTimeout(FaultTest.BOUND.toSeconds(), TimeUnit.SECONDS).join());

            long killedPid = crashed.join();
            assertThat(thrown).as("the run must not end with a verdict").isNotNull();
            System.out.printf("fault server restarted: backend %d killed, %s%n", killedPid, thrown.getCause());
            assertThat(thrown.getCause()).as("the run's outcome").isInstanceOf(EnvironmentException.class)
                    .hasMessageStartingWith("The server ended every connection during 'V2__add_vip under [v1]'")
                    .hasMessageContaining("no verdict");
            assertThat(reports).as("no report (none could say safe or unsafe)").doesNotExist();
            await().atMost(Leaks.BOUND).untilAsserted(() ->
                    assertThat(Leaks.runThreads()).as("threads left by the run").isEmpty());
            Postgres.server(new PostgresOptions(ProviderKind.EXTERNAL, 17, server.jdbcUrl(), null, null)).close();
        }
    }

    /** Once V2 is applied (the soak runs), kills one application backend with SIGKILL; returns its pid. */
    private static long crashDuringSoak(PrivateServer server) {
        await().atMost(FaultTest.BOUND).pollInterval(Duration.ofMillis(20)).until(() -> appBackend(server) > 0);
        long pid = appBackend(server);
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        return pid;
    }

    /** An application backend of a database where V2 is applied, or 0. */
    private static long appBackend(PrivateServer server) {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select a.pid, a.datname from pg_stat_activity a where a.application_name like 'zd-app%'"
                     + " order by a.pid limit 1")) {
            if (!rs.next()) {
                return 0;
            }
            long pid = rs.getLong(1);
            String url = server.jdbcUrl().replace("/postgres?", "/" + rs.getString(2) + "?");
            try (Connection d = DriverManager.getConnection(url); Statement ds = d.createStatement();
                 ResultSet vip = ds.executeQuery("select count(*) from information_schema.columns where column_name = 'vip'")) {
                vip.next();
                return vip.getInt(1) > 0 ? pid : 0;
            }
        } catch (java.sql.SQLException e) {
            return 0;
        }
    }
}
