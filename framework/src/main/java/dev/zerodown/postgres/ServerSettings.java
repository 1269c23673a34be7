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
        m.putAll(sizing());
        return m;
    }

    /**
     * Sized for a multi-GB seed and a long nightly run rather than PostgreSQL's small defaults. Memory that is
     * not used is not taken: shared buffers are touched only as pages are read, and WAL past what a run writes is
     * never created.
     * <ul>
     * <li>{@code shared_buffers} 512MB (default 128MB): a seeded table of a few hundred MB and its indexes stay in
     * the server's cache between the statements that read them (index builds, validating scans, invariants,
     * traffic); it also sizes {@code wal_buffers} to its 16MB maximum (1/32 of it) for COPY's stream of WAL.</li>
     * <li>{@code max_wal_size} 4GB (default 1GB): a checkpoint every 1 GB of WAL would fall in the middle of a
     * multi-GB seed several times; 4 GB keeps a seed of a few GB to one. On {@code /dev/shm} that much WAL takes
     * RAM, which is why the nightly preset puts the data on disk.</li>
     * <li>{@code checkpoint_timeout} 30min (default 5min): a nightly run of many one-minute soaks would otherwise
     * checkpoint every 5 minutes, a burst of writes inside whatever step is being measured; with
     * {@code checkpoint_completion_target} 0.9 (the default from 14 on, 0.5 before) the writes of the checkpoint
     * that does come are spread over 90 % of the interval instead of half.</li>
     * </ul>
     * They are for the measured steps, not for speed: with {@code fsync} and {@code full_page_writes} off a
     * checkpoint costs only its writes, and seeding 1M and 5M rows took the same time with and without them, within
     * the machine's spread ({@code ServerSizingBenchmark}, figures in docs/nightly.md); at 5M rows PostgreSQL's
     * defaults forced one checkpoint into the seed, these none.
     */
    static Map<String, String> sizing() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("shared_buffers", "512MB");
        m.put("max_wal_size", "4GB");
        m.put("checkpoint_timeout", "30min");
        m.put("checkpoint_completion_target", "0.9");
        return m;
    }

    /** PostgreSQL's own values of {@link #sizing()} (of 14 and later), for the benchmark that compares them. */
    static Map<String, String> defaultSizing() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("shared_buffers", "128MB");
        m.put("max_wal_size", "1GB");
        m.put("checkpoint_timeout", "5min");
        m.put("checkpoint_completion_target", "0.9");
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
