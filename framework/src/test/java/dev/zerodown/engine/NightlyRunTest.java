package dev.zerodown.engine;

import static dev.zerodown.assertj.ZerodownAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zerodown.StderrCapture;
import dev.zerodown.engine.apps.Customers;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.plan.Rollout;
import dev.zerodown.postgres.Postgres;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.VersionStats;
import dev.zerodown.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nightly preset on real PostgreSQL: the profile's calls per second, its own data directory, a reader in the way. */
class NightlyRunTest {
    @TempDir
    Path dir;

    @Test
    void should_run_the_profiles_calls_per_second_on_a_server_of_its_own_and_report_that_rate() throws IOException {
        Files.writeString(dir.resolve("V1__accounts.sql"), "create table accounts (id bigint primary key, name text not null);");
        Files.writeString(dir.resolve("V2__vip.sql"), "set lock_timeout = '1s';\nalter table accounts add column vip boolean;");
        Path profile = dir.resolve("profile.json");
        Files.writeString(profile, """
                {"profileVersion": 1, "serverVersion": "17.6", "capturedAt": "2026-12-04T18:56:51Z", "tables": [
                  {"schema": "public", "name": "accounts", "rows": 2000, "rowsSource": "reltuples", "totalBytes": 1,
                   "columns": [{"name": "id", "type": "bigint", "notNull": true, "nullFrac": 0, "nDistinct": -1, "avgWidth": 8},
                               {"name": "name", "type": "text", "notNull": true, "nullFrac": 0, "nDistinct": -0.5, "avgWidth": 20}]}],
                 "queries": [{"query": "select name from public.accounts where id = $1", "calls": 90000, "meanMs": 0.02, "rows": 90000}],
                 "queryStats": {"since": "2026-12-04T17:56:51Z", "seconds": 3600, "deallocations": 0}}
                """);
        Path data = Files.createDirectories(dir.resolve("pgdata"));
        Path reports = dir.resolve("reports");
        Settings s = Settings.defaults().with(Map.of("preset", "nightly", "migrations", "filesystem:" + dir, "soak", "300ms",
                "clients", "2", "longTransaction", "0", "predict", "false", "profile", profile.toString(),
                "dataDirectory", data.toString(), "reportDirectory", reports.toString()));
        Postgres.embedded(17); // this JVM already has its server of 17 on the default storage
        CompatibilityRun.RunOutcome outcome;
        String log;
        try (StderrCapture capture = StderrCapture.start()) {
            outcome = CompatibilityRun.of("nightly", Rollout.startWith("v1").migrate("V2")).settings(s).run(17);
            log = capture.text();
        } finally {
            Postgres.server(dev.zerodown.postgres.PostgresOptions.embedded(17).withDataDirectory(data.toString())).close();
        }

        assertThat(log).contains("rate=profile: 25 requests/s per live version, the calls per second of " + profile
                + ": 90,000 calls of 1 statements in 1h 00m (pg_stat_statements since 2026-12-04T17:56:51Z")
                .contains("starting another with its data in " + data);
        JsonNode json = new ObjectMapper().readTree(outcome.reports().json().toFile());
        assertThat(json.at("/settings/rate").asText()).isEqualTo("25");
        assertThat(json.at("/settings/preset").asText()).isEqualTo("nightly");
        assertThat(json.at("/settings/dataDirectory").asText()).isEqualTo(data.toString());
        TransitionResult step = outcome.result().transitions().get(0);
        VersionStats v1 = step.requests("v1").orElseThrow();
        assertThat(v1.traffic().source()).isEqualTo("profile");
        double seconds = (step.endMs() - step.startMs()) / 1000.0;
        assertThat(v1.total()).as("an open loop at 25/s never runs ahead of its schedule over %.2f s (200/s would send"
                + " %.0f)", seconds, 200 * seconds).isPositive().isLessThanOrEqualTo((long) Math.ceil(25 * seconds) + 2);
    }

    @Test
    void should_queue_a_step_without_lock_timeout_behind_the_long_transaction_of_the_setting() {
        // tag::long-transaction-setting[]
        Rollout rollout = Rollout.startWith("v1", Customers.V1::new)
                .migrate("V2");                        // alter table customers add column vip: no table named anywhere

        RunResult r = CompatibilityRunTest.run("long-tx", rollout, List.of(), "longTransaction", "1500ms");

        assertThat(r.transitions().get(0)).isUnsafe().hasHazard(HazardId.MISSING_LOCK_TIMEOUT)
                .hasHazard(HazardId.BLOCKED_REQUESTS).hasHazard(HazardId.LOCK_QUEUE)
                .hasMaxLockWaitAtLeast(Duration.ofSeconds(1));
        // end::long-transaction-setting[]
    }

    @Test
    void should_keep_requests_flowing_behind_the_setting_s_long_transaction_with_lock_timeout_and_retries() {
        TransitionResult step = CompatibilityRunTest.run("long-tx", Rollout.startWith("v1", Customers.V1::new).migrate("V2"),
                List.of(), "longTransaction", "1500ms", "lockTimeout", "10ms", "lockRetries", "60").transitions().get(0);

        assertThat(step).isSafe().hasNoHazard(HazardId.BLOCKED_REQUESTS).hasNoHazard(HazardId.LOCK_QUEUE)
                .hasNoFailedRequests();
        assertThat(step.timeline().statements()).as("the step waited behind the reader and was retried")
                .anySatisfy(st -> assertThat(st.error()).contains("55P03"));
    }
}
