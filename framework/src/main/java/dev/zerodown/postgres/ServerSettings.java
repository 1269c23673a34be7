package dev.zerodown.postgres;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server settings every provider that starts PostgreSQL applies: room for many clients, whole
 * statements in {@code pg_stat_activity}, {@code pg_stat_statements} loaded, and durability off
 * (test data is thrown away, so fsync only costs time).
 */
final class ServerSettings {
    static final int MAX_CONNECTIONS = 300;
    static final int TRACK_ACTIVITY_QUERY_SIZE = 16384;

    private ServerSettings() {
    }

    static Map<String, String> all() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("max_connections", Integer.toString(MAX_CONNECTIONS));
        m.put("track_activity_query_size", Integer.toString(TRACK_ACTIVITY_QUERY_SIZE));
        m.put("shared_preload_libraries", "pg_stat_statements");
        m.put("fsync", "off");
        m.put("synchronous_commit", "off");
        m.put("full_page_writes", "off");
        return m;
    }

    /**
     * What the embedded server adds so that lock waits the sampler may miss (while it gets no CPU)
     * are in the server's own log: {@code log_lock_waits} logs "still waiting for … after N ms" once a
     * wait has lasted {@code deadlock_timeout}, and "acquired … after N ms" when it ends. A small
     * {@code deadlock_timeout} makes it log every wait of {@value #DEADLOCK_TIMEOUT} or more; it is also
     * the delay before the deadlock check runs, so a waiting backend checks for deadlocks after 10 ms
     * instead of 1 s (a deadlock is found sooner; each wait of 10 ms or more costs one check). The log is
     * machine-readable ({@code jsonlog} on PostgreSQL 15 and later, {@code csvlog} before) in the
     * {@code log} folder of the data directory, read back through {@code pg_read_binary_file}. The log keeps
 * {@code LOG} messages and worse in the server's order (lock waits, checkpoints, fatal errors), not the
 * {@code ERROR}s of failing requests, so it stays small; a wait cancelled by a timeout has no end line and
 * ends at its last line there.
     */
    static Map<String, String> lockWaitLogging(int major) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("log_lock_waits", "on");
        m.put("log_min_messages", "log"); // LOG, FATAL and PANIC only: the requests' ERRORs (thousands) stay out
        m.put("deadlock_timeout", DEADLOCK_TIMEOUT);
        m.put("logging_collector", "on");
        m.put("log_destination", major >= 15 ? "jsonlog" : "csvlog");
        m.put("log_directory", "log");
        m.put("log_filename", "postgresql-%Y%m%d-%H%M%S.log");
        m.put("log_rotation_size", "0");
        m.put("log_rotation_age", "0");
        m.put("log_timezone", "UTC");
        return m;
    }

    static final String DEADLOCK_TIMEOUT = "10ms";
}
