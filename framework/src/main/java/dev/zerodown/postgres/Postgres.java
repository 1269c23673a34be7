package dev.zerodown.postgres;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * The servers of this JVM: one per provider and major, started on first use, shared by every run,
 * and stopped when the JVM ends (failed tests included).
 */
@API(status = API.Status.STABLE)
public final class Postgres {
    private static final Map<String, PostgresServer> SERVERS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Postgres::stopAll, "zerodown-postgres-shutdown"));
    }

    private Postgres() {
    }

    /** The shared embedded server of this major, started on first use. */
    public static PostgresServer embedded(int major) {
        return SERVERS.computeIfAbsent(ProviderKind.EMBEDDED + ":" + major, k -> EmbeddedServer.start(major));
    }

    /** Stops every server this JVM started. */
    public static void stopAll() {
        for (String key : SERVERS.keySet()) {
            PostgresServer s = SERVERS.remove(key);
            if (s != null) {
                try {
                    s.close();
                } catch (RuntimeException e) {
                    // best effort at shutdown: the data directory is cleaned at the next start
                }
            }
        }
    }
}
