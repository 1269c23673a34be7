package dev.zerodown.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresBinariesTest {

    @Test
    void should_read_the_binaries_version_from_the_jar_name_in_a_gradle_cache() throws Exception {
        URL manifest = new URL("jar:file:/home/u/.gradle/caches/modules-2/files-2.1/io.zonky.test.postgres/"
                + PostgresBinaries.artifactId() + "/16.15.0/0a1b/" + PostgresBinaries.artifactId()
                + "-16.15.0.jar!/META-INF/MANIFEST.MF");
        URL other = new URL("jar:file:/libs/postgresql-42.7.14.jar!/META-INF/MANIFEST.MF");

        assertThat(PostgresBinaries.fromJarName(List.of(other, manifest))).hasValue("16.15.0");
    }

    @Test
    void should_not_take_another_platforms_binaries_for_this_one() throws Exception {
        URL alpine = new URL("jar:file:/libs/" + PostgresBinaries.artifactId() + "-alpine-17.11.0.jar!/META-INF/MANIFEST.MF");

        assertThat(PostgresBinaries.fromJarName(List.of(alpine))).isEmpty();
    }
}
