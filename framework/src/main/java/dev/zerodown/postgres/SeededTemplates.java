package dev.zerodown.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import dev.zerodown.config.EnvironmentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seeded baselines one server keeps as templates, one per key: {@code zd_seed_<hash>}, marked
 * {@code is_template true allow_connections false}. A template gets its name only once its preparation
 * succeeded (it is prepared under a temporary name, then renamed), so a name found is always a complete
 * baseline. At most {@value #KEEP} are kept; preparing one more drops the least recently used.
 */
final class SeededTemplates {
    private static final Logger LOG = LoggerFactory.getLogger(SeededTemplates.class);
    static final String PREFIX = "zd_seed_";
    static final String BUILDING = "zd_seedtmp_";
    /** Templates kept per server (and in a saved cluster). */
    static final int KEEP = 4;
    /** How long a run waits for another run of this JVM preparing the same key before it prepares its own database. */
    static final Duration WAIT = Duration.ofMinutes(10);
    private static final int HASH_DIGITS = 32;

    private final TemplateServer server;
    private final String suffix;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicBoolean prepared = new AtomicBoolean();

    /** @param suffix appended to every template name: empty where the server is this JVM's own */
    SeededTemplates(TemplateServer server, String suffix) {
        this.server = server;
        this.suffix = suffix;
    }

    private static final class Entry {
        final String name;
        final ReentrantLock lock = new ReentrantLock();
        volatile boolean present;
        volatile boolean fromDisk;
        volatile long lastUsed;
        /** Prepared again by the last call because the restored template could not be copied. */
        boolean rebuilt;
        /** A copy of the restored template opened once. */
        boolean checked;

        Entry(String name) {
            this.name = name;
        }
    }

    /** The template name of a key: {@code zd_seed_} and the key's first 32 hex digits (128 bits), then the suffix. */
    String nameOf(String key) {
        if (key == null || !key.matches("[0-9a-f]{" + HASH_DIGITS + ",}")) {
            throw new IllegalArgumentException("a seeded baseline key is at least " + HASH_DIGITS + " lower-case hex digits: " + key);
        }
        return PREFIX + key.substring(0, HASH_DIGITS) + suffix;
    }

    /** Registers a template that came with a restored cluster, with when it was last used. */
    void restored(String hash, long lastUsed) {
        Entry e = entries.computeIfAbsent(hash, k -> new Entry(nameOf(k)));
        e.present = true;
        e.fromDisk = true;
        e.lastUsed = lastUsed;
    }

    Optional<SeededDatabase> create(String label, String key, Consumer<Database> prepare) {
        long t0 = System.nanoTime();
        String hash = key.substring(0, Math.min(key.length(), HASH_DIGITS));
        Entry e = entries.computeIfAbsent(hash, k -> new Entry(nameOf(key)));
        if (!lock(e)) {
            LOG.warn("Another run has been preparing {} for {} s; this run applies its baseline and seed in its own database",
                    e.name, WAIT.toSeconds());
            return Optional.empty();
        }
        boolean reused;
        Database db;
        try {
            reused = e.present;
            if (!reused) {
                build(e.name, prepare);
                e.fromDisk = false;
                e.present = true;
                prepared.set(true);
            }
            e.lastUsed = System.currentTimeMillis();
            db = copy(label, e, prepare);
            reused = reused && !e.rebuilt;
        } finally {
            e.lock.unlock();
        }
        if (!reused) {
            evict(hash);
        }
        return Optional.of(new SeededDatabase(db, e.name, reused, reused && e.fromDisk, (System.nanoTime() - t0) / 1_000_000));
    }

    /**
     * A copy of the template; a template restored from disk that cannot be copied (files lost on the way) is
     * dropped and prepared again, once.
     */
    private Database copy(String label, Entry e, Consumer<Database> prepare) {
        e.rebuilt = false;
        try {
            Database db = server.createFrom(label, e.name);
            if (e.fromDisk && !e.checked) {
                check(db);
                e.checked = true;
            }
            return db;
        } catch (EnvironmentException ex) {
            if (!e.fromDisk) {
                throw ex;
            }
            LOG.warn("The restored seeded baseline {} cannot be copied ({}); preparing it again", e.name, ex.getMessage());
            e.present = false;
            dropQuietly(e.name, ex);
            build(e.name, prepare);
            e.present = true;
            e.fromDisk = false;
            e.rebuilt = true;
            prepared.set(true);
            return server.createFrom(label, e.name);
        }
    }

    /** The first copy of a restored template must open: a template whose files went missing does not. */
    private static void check(Database db) {
        try (Connection c = db.connect("zerodown-seed-check"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from pg_class")) {
            rs.next();
        } catch (SQLException ex) {
            EnvironmentException failure = new EnvironmentException("a copy of it does not open: " + ServerVersion.firstLine(ex), ex);
            try {
                db.close();
            } catch (RuntimeException suppressed) {
                failure.addSuppressed(suppressed);
            }
            throw failure;
        }
    }

    private static boolean lock(Entry e) {
        try {
            return e.lock.tryLock(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("Interrupted while waiting for the seeded baseline " + e.name, ie);
        }
    }

    /** Prepares under a temporary name, then renames and marks it a template: a failure leaves nothing named {@code name}. */
    private void build(String name, Consumer<Database> prepare) {
        Database tmp = server.createFrom("seedtmp", server.template());
        String building = tmp.name();
        try {
            prepare.accept(tmp);
            try (Connection c = server.admin(); Statement s = c.createStatement()) {
                s.execute("alter database " + building + " with allow_connections false");
                s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + building + "'");
                s.execute("alter database " + building + " rename to " + name);
                server.renamed(building);
                s.execute("alter database " + name + " with is_template true");
            }
        } catch (SQLException ex) {
            dropQuietly(name, ex);
            dropQuietly(building, ex);
            throw new EnvironmentException("Could not keep the seeded baseline as template " + name + " on " + server + ": "
                    + ServerVersion.firstLine(ex), ex);
        } catch (RuntimeException ex) {
            dropQuietly(building, ex);
            throw ex;
        }
    }

    /** Drops the least recently used templates beyond {@value #KEEP}, never {@code keep} nor one in use. */
    private void evict(String keep) {
        List<Map.Entry<String, Entry>> present = entries.entrySet().stream().filter(x -> x.getValue().present)
                .sorted(Comparator.comparingLong((Map.Entry<String, Entry> x) -> x.getValue().lastUsed).reversed()).toList();
        for (Map.Entry<String, Entry> x : present.subList(Math.min(KEEP, present.size()), present.size())) {
            Entry e = x.getValue();
            if (x.getKey().equals(keep) || !e.lock.tryLock()) {
                continue;
            }
            try {
                if (e.present) {
                    dropTemplate(e.name);
                    e.present = false;
                    LOG.info("Dropped the seeded baseline {} (least recently used of more than {})", e.name, KEEP);
                }
            } catch (SQLException ex) {
                LOG.warn("Could not drop the seeded baseline {}: {}", e.name, ServerVersion.firstLine(ex));
            } finally {
                e.lock.unlock();
            }
        }
    }

    /** Whether this JVM prepared a template (then a cluster worth saving has one the saved one lacks). */
    boolean preparedAny() {
        return prepared.get();
    }

    /** The templates kept, hash to when last used (ms since the epoch), most recent first. */
    Map<String, Long> inventory() {
        Map<String, Long> m = new LinkedHashMap<>();
        entries.entrySet().stream().filter(x -> x.getValue().present)
                .sorted(Comparator.comparingLong((Map.Entry<String, Entry> x) -> x.getValue().lastUsed).reversed())
                .forEach(x -> m.put(x.getKey(), x.getValue().lastUsed));
        return m;
    }

    /** Drops every template this server keeps (for servers whose templates must not outlive the JVM). */
    void dropAll(Statement s) throws SQLException {
        for (Entry e : entries.values()) {
            if (e.present) {
                dropTemplate(s, e.name);
                e.present = false;
            }
        }
    }

    /** Names of the complete seeded templates on the server (for a restored cluster), hash to name. */
    static Map<String, String> found(Statement s) throws SQLException {
        Map<String, String> m = new LinkedHashMap<>();
        try (ResultSet rs = s.executeQuery("select datname from pg_database where datname like 'zd\\_seed\\_%'"
                + " and datistemplate and not datallowconn")) {
            while (rs.next()) {
                String name = rs.getString(1);
                String hash = name.substring(PREFIX.length());
                if (hash.matches("[0-9a-f]{" + HASH_DIGITS + "}")) {
                    m.put(hash, name);
                }
            }
        }
        return m;
    }

    private void dropTemplate(String name) throws SQLException {
        try (Connection c = server.admin(); Statement s = c.createStatement()) {
            dropTemplate(s, name);
        }
    }

    private static void dropTemplate(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
            if (!rs.next()) {
                return;
            }
        }
        s.execute("alter database " + name + " with is_template false");
        s.execute("drop database " + name + " with (force)");
    }

    private void dropQuietly(String name, Exception failure) {
        try {
            dropTemplate(name);
            server.renamed(name);
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
