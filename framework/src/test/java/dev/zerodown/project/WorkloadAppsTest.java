package dev.zerodown.project;

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
}
