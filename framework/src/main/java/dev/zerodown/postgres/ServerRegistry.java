package dev.zerodown.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers of this JVM: the shared ones by key, and every started one so that a shutdown hook
 * stops them all when the JVM ends, failed tests included.
 */
final class ServerRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ServerRegistry.class);
    private static final Map<Key, Slot> SHARED = new ConcurrentHashMap<>();
    private static final Set<AbstractServer> STARTED = ConcurrentHashMap.newKeySet();
    private static final long STOP_TIMEOUT_MS = 30_000;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ServerRegistry::stopAll, "zerodown-postgres-shutdown"));
    }

    /** What makes two servers the same: provider, major and where (URL or image). */
    record Key(ProviderKind provider, int major, String where) {
        static Key of(PostgresOptions o) {
            String where = switch (o.provider()) {
                case EXTERNAL -> o.jdbcUrl() + "|" + o.allowExternal();
                case TESTCONTAINERS -> o.effectiveImage();
                default -> "";
            };
            return new Key(o.provider(), o.major(), where);
        }
    }

    private static final class Slot {
        private PostgresServer server;
    }

    private ServerRegistry() {
    }

    static PostgresServer shared(PostgresOptions options) {
        PostgresOptions resolved = PostgresProvider.resolve(options);
        Slot slot = SHARED.computeIfAbsent(Key.of(resolved), k -> new Slot());
        synchronized (slot) {
            if (slot.server == null || slot.server instanceof AbstractServer a && a.isClosed()) {
                slot.server = start(resolved);
            }
            return slot.server;
        }
    }

    static PostgresServer start(PostgresOptions options) {
        return PostgresProvider.of(options.provider()).start(options);
    }

    /** Every server registers itself when created, so that JVM exit stops it even if its start failed half way. */
    static void track(AbstractServer server) {
        STARTED.add(server);
    }

    static void untrack(AbstractServer server) {
        STARTED.remove(server);
    }

    /** Stops every server this JVM started, in parallel, each bounded in time. */
    static void stopAll() {
        List<Thread> stoppers = new ArrayList<>();
        for (AbstractServer s : List.copyOf(STARTED)) {
            Thread t = new Thread(() -> {
                try {
                    s.close();
                } catch (RuntimeException e) {
                    LOG.warn("Could not stop {}: {}", s, ServerVersion.firstLine(e));
                }
            }, "zerodown-stop-" + s.provider() + "-" + s.major());
            t.start();
            stoppers.add(t);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_TIMEOUT_MS);
        for (Thread t : stoppers) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        SHARED.clear();
    }
}
