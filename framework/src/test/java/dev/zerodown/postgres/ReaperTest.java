package dev.zerodown.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Nothing outlives the JVM: a JVM killed with SIGKILL while its embedded server runs leaves no
 * postmaster and no data directory behind, without waiting for a next run to clean up.
 */
class ReaperTest {

    @Test
    void should_stop_the_server_and_remove_its_folder_when_its_jvm_is_killed() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ReaperChild.class.getName()).redirectErrorStream(true).start();
        long postmaster = -1;
        try {
            String[] ready = readyLine(child).get(90, TimeUnit.SECONDS).split(" ", 4);
            postmaster = Long.parseLong(ready[1]);
            long reaper = Long.parseLong(ready[2]);
            Path folder = Path.of(ready[3]);
            assertThat(ProcessHandle.of(postmaster)).as("postmaster %s", postmaster).get()
                    .satisfies(p -> assertThat(p.isAlive()).isTrue());
            assertThat(reaper).as("a reaper was started").isPositive();
            assertThat(folder).isDirectory();

            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs

            long pm = postmaster;
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                assertThat(ProcessHandle.of(pm).map(ProcessHandle::isAlive).orElse(false)).as("postmaster alive").isFalse();
                assertThat(Files.exists(folder)).as("%s exists", folder).isFalse();
                assertThat(ProcessHandle.of(reaper).map(ProcessHandle::isAlive).orElse(false)).as("reaper alive").isFalse();
            });
        } finally {
            child.destroyForcibly();
            if (postmaster > 0) {
                ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void should_end_the_reaper_when_the_server_stops_normally() throws Exception {
        EmbeddedServer server = EmbeddedServer.start(17, Files.createTempDirectory("zd-reaper"));
        Reaper reaper = server.reaper();
        assertThat(reaper).isNotNull();
        long pid = reaper.pid();

        server.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    private static CompletableFuture<String> readyLine(Process child) {
        return CompletableFuture.supplyAsync(() -> {
            BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            try {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("READY ")) {
                        drain(r);
                        return line;
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            throw new IllegalStateException("the child JVM ended before its server was ready");
        });
    }

    /** Keeps reading the child's output so it never blocks on a full pipe. */
    private static void drain(BufferedReader r) {
        Thread t = new Thread(() -> {
            try {
                while (r.read() >= 0) {
                    // discard
                }
            } catch (java.io.IOException ignored) {
                // the child is gone
            }
        }, "reaper-test-drain");
        t.setDaemon(true);
        t.start();
    }
}
