package dev.zerodown.locks;

import dev.zerodown.config.Text;

/** How the monitor names backends, queries and times. */
final class Names {
    /** application_name prefix of the app versions' connections. */
    static final String APP_PREFIX = "zd-app:";
    static final int MAX_QUERY = 200;

    private Names() {
    }

    /**
     * {@code zd-app:v1} is {@code v1}, the migration's backend is {@code migration}, else the
     * application_name or {@code pid <n>}.
     */
    static String who(int pid, String applicationName, int migrationPid) {
        if (migrationPid != 0 && pid == migrationPid) {
            return "migration";
        }
        if (applicationName == null || applicationName.isBlank()) {
            return "pid " + pid;
        }
        if (applicationName.startsWith(APP_PREFIX) && applicationName.length() > APP_PREFIX.length()) {
            return applicationName.substring(APP_PREFIX.length());
        }
        return applicationName;
    }

    /** The query on one line, at most {@value #MAX_QUERY} characters. */
    static String shorten(String query) {
        if (query == null) {
            return null;
        }
        return Text.oneLine(query, MAX_QUERY);
    }

    static long ms(long nanos) {
        return Math.floorDiv(nanos, 1_000_000L);
    }
}
