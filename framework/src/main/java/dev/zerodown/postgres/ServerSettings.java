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
}
