package dev.zerodown.locks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * CPU time the sampler uses: its PostgreSQL backend (from /proc/&lt;pid&gt;/schedstat, the server
 * runs on this machine) plus its Java thread. For the benchmark only (Linux).
 */
final class SamplerCpu {
    private final Path schedstat;
    private final long threadId;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    private SamplerCpu(int backendPid, long threadId) {
        this.schedstat = Path.of("/proc", Integer.toString(backendPid), "schedstat");
        this.threadId = threadId;
    }

    /** The running monitor's backend and thread, looked up through {@code any} connection of its database. */
    static SamplerCpu find(Connection any) throws SQLException {
        int pid;
        try (var s = any.createStatement(); var rs = s.executeQuery("select pid from pg_stat_activity where application_name = '"
                + LockMonitor.APPLICATION_NAME + "' and datname = current_database()")) {
            if (!rs.next()) {
                return null;
            }
            pid = rs.getInt(1);
        }
        long tid = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("zerodown-lock-monitor"))
                .mapToLong(Thread::getId).findFirst().orElse(-1);
        return new SamplerCpu(pid, tid);
    }

    /** Nanoseconds on CPU so far (backend + thread). */
    long nanos() {
        long backend = 0;
        try {
            backend = Long.parseLong(Files.readString(schedstat).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            backend = 0;
        }
        long thread = threadId < 0 ? 0 : Math.max(0, threads.getThreadCpuTime(threadId));
        return backend + thread;
    }
}
