package dev.zerodown.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar works on its own: it splits migrations with its own splitter ({@code dev.zerodown.sql}),
 * and the published pom brings no Flyway and no Liquibase (formatted SQL changelogs still load; an XML one
 * names the dependency to add). Runs a loader in a fresh JVM with the jar and every
 * runtime dependency except Flyway (the class path the {@code flyway-free-classpath} execution wrote).
 */
class ShadedJarIT {
    @TempDir
    Path dir;

    @Test
    void should_load_migrations_from_the_packaged_jar_without_flyway_on_the_class_path()
            throws IOException, InterruptedException {
        // given
        Path jar = Path.of(System.getProperty("zerodown.packagedJar"));
        String dependencies = Files.readString(Path.of(System.getProperty("zerodown.flywayFreeClasspath"))).strip();
        String testClasses = System.getProperty("zerodown.testClasses");
        Files.copy(Path.of(testClasses, "zerodown-docs/migrations-example/V3__index_full_name.sql"),
                dir.resolve("V3__index_full_name.sql"));
        Files.writeString(dir.resolve("V1__create.sql"), "create table t (id int);\n"
                + "create function f() returns int as $fn$begin return 1; end$fn$ language plpgsql;\n"
                + "grant select on t to ${app_role};\n");
        Path changelogs = Files.createDirectories(dir.resolve("changelogs"));
        Files.writeString(changelogs.resolve("changelog.sql"), "--liquibase formatted sql\n--changeset alice:1\n"
                + "create table u (id int);\n");
        Files.writeString(changelogs.resolve("changelog.xml"), "<databaseChangeLog/>\n");
        String classPath = String.join(File.pathSeparator, jar.toString(), dependencies, testClasses);
        Path output = dir.resolve("output.txt");
        Path errors = dir.resolve("errors.txt");

        // when
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, ShadedJarMain.class.getName(), dir.toString(),
                changelogs.resolve("changelog.sql").toString(), changelogs.resolve("changelog.xml").toString())
                .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
        boolean finished = p.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }

        // then
        assertThat(dependencies).doesNotContain("flyway").doesNotContain("liquibase");
        assertThat(finished).as("the child JVM finished within 120 s").isTrue();
        List<String> lines = Files.readAllLines(output);
        assertThat(p.exitValue()).as("exit code; output: %s; errors: %s", lines, Files.readString(errors)).isZero();
        assertThat(lines).containsExactly(
                "no org.flywaydb on the class path",
                "splitter from " + jar.getFileName(),
                "V1__create:1 create table t (id int)",
                "V1__create:2 create function f() returns int as $fn$begin return 1; end$fn$ language plpgsql",
                "V1__create:3 grant select on t to app",
                "V3__index_full_name:2 [non-transactional] create index concurrently users_full_name on users (full_name)",
                "no liquibase on the class path",
                "alice:1:3 create table u (id int)",
                changelogs.resolve("changelog.xml") + ": reading a Liquibase XML changelog needs Liquibase on the class"
                        + " path, but liquibase.changelog.DatabaseChangeLog is missing; add the dependency"
                        + " org.liquibase:liquibase-core:4.33.0 (test scope for the JUnit extension; the Maven plugin and"
                        + " the CLI bring it), or write the changelog as Liquibase formatted SQL, which Zerodown reads on"
                        + " its own");
    }
}
