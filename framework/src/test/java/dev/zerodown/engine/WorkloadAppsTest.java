package dev.zerodown.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.load.SqlWorkload;
import dev.zerodown.load.SyntheticTraffic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadAppsTest {
    @TempDir
    Path folder;

    @Test
    void should_say_which_versions_run_the_profiles_mix_and_what_of_it_was_left_out() {
        WorkloadApps apps = new WorkloadApps(folder.resolve("absent"), dev.zerodown.load.SyntheticMix.DEFAULT,
                Path.of("src/test/resources/junit/profile-mix/profile.json"));
        apps.apply("v1");
        apps.apply("v2");
        java.util.List<String> info = new java.util.ArrayList<>();
        java.util.List<String> warn = new java.util.ArrayList<>();

        apps.describeProfileTraffic("src/test/zerodown", info::add, warn::add);

        assertThat(info).containsExactly("No workload file in src/test/zerodown for [v1, v2]: the production profile's"
                + " query mix (each statement weighted by its calls, each $n a sample of its column) stands in for them");
        assertThat(warn).containsExactly("Profile query mix: left out `select count(*) from customers where id > $1 + $2`:"
                + " $2 is compared with or assigned to no column of the profile");
    }

    @Test
    void should_run_the_workload_file_named_after_the_version() throws IOException {
        Files.writeString(folder.resolve("v1.sql"), "select 1;\n");
        WorkloadApps apps = new WorkloadApps(folder);

        assertThat(apps.apply("v1")).isInstanceOf(SqlWorkload.class);
        assertThat(apps.synthetic()).isEmpty();
    }

    @Test
    void should_drive_synthetic_traffic_for_a_version_without_a_file() {
        WorkloadApps apps = new WorkloadApps(folder.resolve("absent"));

        assertThat(apps.apply("old")).isInstanceOf(SyntheticTraffic.class);
        assertThat(apps.apply("new")).isInstanceOf(SyntheticTraffic.class);
        assertThat(apps.synthetic()).containsExactly("old", "new");
        assertThat(apps.syntheticTraffic()).hasSize(2);
    }

    @Test
    void should_read_each_version_once() throws IOException {
        Files.writeString(folder.resolve("v1.sql"), "select 1;\n");
        WorkloadApps apps = new WorkloadApps(folder);

        assertThat(apps.apply("v1")).isSameAs(apps.apply("v1"));
    }

    @Test
    void should_report_a_bad_workload_file_with_its_line() throws IOException {
        Files.writeString(folder.resolve("v1.sql"), "-- weight: 1\nselect {{nope}};\n");
        WorkloadApps apps = new WorkloadApps(folder);

        assertThatThrownBy(() -> apps.apply("v1"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("v1.sql:2: unknown generator '{{nope}}'");
    }

    @Test
    void should_keep_synthetic_traffic_when_the_profile_has_no_query_mix_it_can_run() throws IOException {
        Path profile = folder.resolve("profile.json");
        Files.writeString(profile, """
                {"profileVersion": 1, "serverVersion": "17.6", "capturedAt": "2026-12-04T18:56:51Z", "values": false,
                 "tables": [{"schema": "public", "name": "t", "rows": 10, "rowsSource": "reltuples", "totalBytes": 8192,
                             "columns": [{"name": "id", "type": "bigint", "notNull": true}], "indexes": [], "constraints": []}],
                 "queries": [{"query": "select $1", "calls": 10, "meanMs": 0.1, "rows": 10}], "warnings": []}
                """);
        WorkloadApps apps = new WorkloadApps(folder.resolve("absent"), dev.zerodown.load.SyntheticMix.DEFAULT, profile);

        assertThat(apps.apply("v1")).isInstanceOf(SyntheticTraffic.class);
        assertThat(apps.profile()).isEmpty();
        assertThat(apps.profileMixUnusable()).isTrue();
    }

    @Test
    void should_prefer_the_workload_file_to_the_profile() throws IOException {
        Files.writeString(folder.resolve("v1.sql"), "select 1;\n");
        WorkloadApps apps = new WorkloadApps(folder, dev.zerodown.load.SyntheticMix.DEFAULT, folder.resolve("missing.json"));

        assertThat(apps.apply("v1")).isInstanceOfSatisfying(SqlWorkload.class, w -> assertThat(w.source()).isEqualTo("workload"));
    }

    @Test
    void should_accept_the_seed_and_invariants_files_beside_the_workloads() throws IOException {
        Files.writeString(folder.resolve("v1.sql"), "select 1;\n");
        Files.writeString(folder.resolve("seed.sql"), "insert into t values (1);\n");
        Files.writeString(folder.resolve("invariants.sql"), "-- invariant: x\nselect 1 where false;\n");
        Files.writeString(folder.resolve("big-seed.sql"), "insert into t values (2);\n");
        Files.writeString(folder.resolve("rollout.txt"), "start v1\n");
        dev.zerodown.settings.Settings settings = dev.zerodown.settings.Settings.defaults()
                .with("seed", folder.resolve("big-seed.sql").toString());

        new WorkloadApps(folder).requireMatching(dev.zerodown.plan.Rollout.startWith("v1").migrate("V2"), settings);
    }

    @Test
    void should_report_every_misnamed_workload_file_together() throws IOException {
        Files.writeString(folder.resolve("V1.sql"), "select 1;\n");
        Files.writeString(folder.resolve("v3.sql"), "select 1;\n");
        dev.zerodown.plan.Rollout rollout = dev.zerodown.plan.Rollout.startWith("v1").migrate("V2").deploy("v2");

        assertThatThrownBy(() -> new WorkloadApps(folder).requireMatching(rollout, dev.zerodown.settings.Settings.defaults()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("2 configuration problems:\n"
                        + "- Workload file V1.sql in " + folder + " (setting `workloads`) is named after no version of the"
                        + " rollout (versions: v1, v2); rename it to v1.sql, or move it out of the folder\n"
                        + "- Workload file v3.sql in " + folder + " (setting `workloads`) is named after no version of the"
                        + " rollout (versions: v1, v2); rename it to <version>.sql, or move it out of the folder");
    }
}
