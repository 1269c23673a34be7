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
}
