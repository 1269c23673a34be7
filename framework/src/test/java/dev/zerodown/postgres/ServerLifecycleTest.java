package dev.zerodown.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing leaks: a closed server leaves no process or folder, and a killed JVM's server is cleaned up at the next start. */
class ServerLifecycleTest {
    @TempDir
    Path root;
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
        DataDirectories.cleanStale(root, Duration.ZERO);
    }

    @Test
    void should_stop_the_server_and_remove_its_data_directory_when_closed() {
        EmbeddedServer server = EmbeddedServer.start(17, root);
        Path dir = server.directory();
        ProcessHandle postmaster = ProcessHandle.of(DataDirectories.postmasterPid(dir.resolve("data")).orElseThrow()).orElseThrow();

        server.close();

        assertThat(dir).doesNotExist();
        await().atMost(Duration.ofSeconds(10)).until(() -> !postmaster.isAlive());
    }

    @Test
    void should_stop_the_postmaster_and_remove_the_data_directory_of_a_killed_jvm() throws Exception {
        Process child = startChild();
        String[] ready = awaitReady(child);
        Path dir = Paths.get(ready[1]);
        ProcessHandle postmaster = ProcessHandle.of(Long.parseLong(ready[2])).orElseThrow();

        assertThat(DataDirectories.cleanStale(root, Duration.ZERO)).as("a live JVM's server is left alone").isEmpty();
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(postmaster.isAlive()).as("kill -9 leaves the postmaster running").isTrue();

        List<Path> removed = DataDirectories.cleanStale(root, Duration.ZERO);

        assertThat(removed).containsExactly(dir);
        assertThat(dir).doesNotExist();
        await().atMost(Duration.ofSeconds(20)).until(() -> !postmaster.isAlive());
    }

    @Test
    void should_leave_the_servers_of_this_jvm_alone() {
        try (EmbeddedServer server = EmbeddedServer.start(17, root)) {
            assertThat(DataDirectories.cleanStale(root, Duration.ZERO)).isEmpty();
            assertThat(server.directory()).exists();
        }
    }

    @Test
    void should_remove_a_folder_without_owner_once_it_is_old_enough() throws Exception {
        Path orphan = Files.createDirectories(root.resolve("pg17-orphan/data"));

        assertThat(DataDirectories.cleanStale(root, Duration.ofHours(1))).as("too young").isEmpty();
        assertThat(DataDirectories.cleanStale(root, Duration.ZERO)).containsExactly(orphan.getParent());
    }

    private Process startChild() throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String cp = Optional.ofNullable(System.getProperty("surefire.test.class.path")).orElse(System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", cp));
        Optional.ofNullable(System.getProperty("zerodown.binariesDirectory")).ifPresent(d -> cmd.add("-Dzerodown.binariesDirectory=" + d));
        cmd.addAll(List.of(StaleServerChild.class.getName(), root.toString(), "17"));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        children.add(p);
        return p;
    }

    private static String[] awaitReady(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(90, TimeUnit.SECONDS);
        assertThat(line).as("child JVM output").startsWith("ready ");
        return line.split(" ");
    }
}
