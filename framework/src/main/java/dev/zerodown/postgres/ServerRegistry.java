package dev.zerodown.postgres;

import java.nio.file.Path;
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

    /** What makes two servers the same: provider, major and where (URL, image, or the embedded data directories' folder). */
    record Key(ProviderKind provider, int major, String where) {
        static Key of(PostgresOptions o) {
            String where = switch (o.provider()) {
                case EXTERNAL -> o.jdbcUrl() + "|" + o.allowExternal() + "|" + o.cloneStrategy();
                case TESTCONTAINERS -> o.effectiveImage();
                case EMBEDDED -> DataDirectories.root(o.dataDirectory()).toString();
                default -> "";
            };
            return new Key(o.provider(), o.major(), where);
        }
    }

    private static final class Slot {
        private volatile PostgresServer server;
    }

    private ServerRegistry() {
    }

    static PostgresServer shared(PostgresOptions options) {
        PostgresOptions resolved = PostgresProvider.resolve(options);
        Key key = Key.of(resolved);
        Slot slot = SHARED.computeIfAbsent(key, k -> new Slot());
        synchronized (slot) {
            if (slot.server == null || slot.server instanceof AbstractServer a && a.isClosed()) {
                sayWhyAnother(key, resolved);
                slot.server = start(resolved);
            }
            return slot.server;
        }
    }

    /**
     * One line when this JVM already runs an embedded server of the major with its data elsewhere (a nightly run,
     * {@code dataDirectory=disk}, after runs on {@code /dev/shm}): the new run gets a server of its own there, so it
     * never measures on the other one's storage without a word.
     */
    private static void sayWhyAnother(Key key, PostgresOptions options) {
        if (key.provider() != ProviderKind.EMBEDDED) {
            return;
        }
        SHARED.forEach((k, other) -> {
            if (k.provider() == ProviderKind.EMBEDDED && k.major() == key.major() && !k.where().equals(key.where())
                    && other.server instanceof AbstractServer a && !a.isClosed()) {
                LOG.info("PostgreSQL {}: this JVM's embedded server keeps its data in {}; starting another with its data in"
                        + " {}, as dataDirectory={} asks", key.major(), DataDirectories.describe(Path.of(k.where())),
                        DataDirectories.describe(Path.of(key.where())), options.dataDirectory());
            }
        });
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
