package dev.zerodown.postgres;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watchdog process, in the spirit of Testcontainers' Ryuk, that stops an embedded server and
 * deletes its folder when the JVM that started it dies without stopping it — a {@code kill -9}, an
 * out-of-memory kill, a CI runner cancelling the job — within about a second, not at the next run
 * (on a CI runner there may be none). It runs in a session of its own ({@code setsid}), so a Ctrl-C
 * sent to the build's process group does not take it down before the JVM. A normal stop ends it
 * first. Without {@code /bin/sh} it is not started, and the next server start still cleans up
 * (see {@link DataDirectories#cleanStale}).
 */
final class Reaper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);
    private static final String SCRIPT = script();

    private final Process process;

    private Reaper(Process process) {
        this.process = process;
    }

    /** Watches the postmaster of {@code folder} (its data directory is {@code folder/data}); null when it cannot. */
    static Reaper watch(Path folder) {
        Long pid = DataDirectories.postmasterPid(folder.resolve("data")).orElse(null);
        if (pid == null || SCRIPT == null || !Files.isExecutable(Path.of("/bin/sh"))) {
            LOG.debug("No reaper for {} (postmaster pid {}, /bin/sh {})", folder, pid, Files.isExecutable(Path.of("/bin/sh")));
            return null;
        }
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.addAll(List.of("/bin/sh", "-c", SCRIPT, "zerodown-reaper",
                Long.toString(ProcessHandle.current().pid()), Long.toString(pid), folder.toAbsolutePath().toString()));
        try {
            Process p = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new Reaper(p);
        } catch (IOException e) {
            LOG.debug("Could not start the reaper of {}: {}", folder, e.toString());
            return null;
        }
    }

    /** The watchdog's pid (tests). */
    long pid() {
        return process.pid();
    }

    /** Ends the watchdog: the server is being stopped the normal way. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    private static String script() {
        try (InputStream in = Reaper.class.getResourceAsStream("reaper.sh")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
