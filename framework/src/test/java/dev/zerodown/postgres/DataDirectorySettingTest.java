package dev.zerodown.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import dev.zerodown.StderrCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The setting {@code dataDirectory}: where an embedded server keeps its data, and one server per place. */
class DataDirectorySettingTest {
    @TempDir
    Path folder;

    @Test
    void should_resolve_auto_memory_disk_and_a_folder() {
        assertThat(DataDirectories.root("disk"))
                .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "zerodown-postgres").toAbsolutePath().normalize());
        assertThat(DataDirectories.root("memory")).isEqualTo(Path.of("/dev/shm/zerodown-postgres"));
        assertThat(DataDirectories.root(folder + "/a/../b")).isEqualTo(folder.resolve("b"));
        assertThat(DataDirectories.root(null)).isEqualTo(DataDirectories.root("auto")).isEqualTo(DataDirectories.root());
        assertThat(DataDirectories.describe(folder)).startsWith(folder + " (").endsWith(")");
    }

    @Test
    void should_start_a_server_of_its_own_where_another_already_keeps_its_data_elsewhere_and_say_so() throws Exception {
        PostgresServer memory = Postgres.embedded(17);
        PostgresServer onDisk;
        try (StderrCapture log = StderrCapture.start()) {
            onDisk = Postgres.server(PostgresOptions.embedded(17).withDataDirectory(folder.toString()));
            try {
                assertThat(onDisk).isNotSameAs(memory);
                assertThat(Postgres.server(PostgresOptions.embedded(17).withDataDirectory(folder.toString())))
                        .as("shared within the JVM, per folder").isSameAs(onDisk);
                assertThat(((EmbeddedServer) onDisk).directory()).startsWith(folder);
                try (Database db = onDisk.createDatabase("on_disk"); Connection c = db.connect("test");
                     Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("select setting from pg_settings where name = 'data_directory'")) {
                    rs.next();
                    assertThat(Path.of(rs.getString(1)).toRealPath()).startsWith(folder.toRealPath());
                }
                assertThat(log.text()).contains("PostgreSQL 17: this JVM's embedded server keeps its data in "
                        + DataDirectories.describe(((EmbeddedServer) memory).directory().getParent())
                        + "; starting another with its data in " + DataDirectories.describe(folder)
                        + ", as dataDirectory=" + folder + " asks");
            } finally {
                onDisk.close();
            }
        }
        assertThat(Files.list(folder)).as("its data directory is gone with it").isEmpty();
        assertThat(Postgres.embedded(17)).as("the other one still serves").isSameAs(memory);
    }
}
