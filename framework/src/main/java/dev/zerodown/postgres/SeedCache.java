package dev.zerodown.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stopped clusters with seeded baseline templates in them, so that a later JVM starts with the templates an
 * earlier one prepared (PostgreSQL ships no dump tool in the embedded binaries, and a database cannot be moved
 * between clusters: the whole stopped cluster is the unit). Under
 * {@code <clusterCache>/seeded/<binaries>/g-<saved ms>-<random>/}: {@code cluster/} (the data directory after a
 * clean shutdown, without logs, statistics and lock files) and {@code templates.properties} (each template's hash
 * and when it was last used).
 *
 * <p>A generation is staged under a temporary name and renamed into place in one atomic move, so a folder found
 * under a generation's name is complete. Only a JVM that prepared a template saves, after its server stopped
 * cleanly; the newest generation is kept, older ones are deleted once no other JVM copies them (each copy holds
 * a shared lock on {@code locks/<generation>.lock}, the deleter needs it exclusively). Templates are named by
 * the hash of everything that decides their content, Zerodown's own code included, so a restored template is
 * never stale: a changed input is another name.
 */
final class SeedCache {
    private static final Logger LOG = LoggerFactory.getLogger(SeedCache.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String MANIFEST = "templates.properties";
    /** A cluster larger than this is not saved (the copy would cost more than it saves). */
    static final long MAX_BYTES = 2L << 30;
    /** How long a restore waits for a deleter to finish with a generation. */
    private static final Duration LOCK_WAIT = Duration.ofSeconds(10);
    /** A staging folder this old was left by a JVM that died while saving. */
    private static final Duration ABANDONED = Duration.ofHours(1);

    private SeedCache() {
    }

    /** Whether the on-disk seed cache is used: unless {@code -Dzerodown.seedCache=false}. */
    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty("zerodown.seedCache", "").strip());
    }

    /** {@code <clusterCache>/seeded}. */
    static Path root() {
        return ClusterCache.root().resolve("seeded");
    }

    /**
     * The templates of a restored cluster.
     *
     * @param generation the folder copied
     * @param templates  hash to when last used (ms since the epoch)
     */
    record Restored(Path generation, Map<String, Long> templates) {
    }

    /** Copies the newest saved cluster of these binaries into {@code dataDirectory} (which must not exist yet). */
    static synchronized Optional<Restored> restore(Path root, String binaries, Path dataDirectory) {
        Path dir = root.resolve(binaries);
        List<Path> generations = generations(dir);
        if (generations.isEmpty()) {
            return Optional.empty();
        }
        Path generation = generations.get(0);
        try (FileChannel ch = lockChannel(dir, generation); FileLock lock = sharedLock(ch)) {
            if (lock == null || !Files.isRegularFile(generation.resolve(MANIFEST))) {
                return Optional.empty();
            }
            Map<String, Long> templates = readManifest(generation.resolve(MANIFEST));
            long[] expected = saved(generation.resolve(MANIFEST));
            ClusterCache.copy(generation.resolve("cluster"), dataDirectory, p -> false);
            long[] copied = count(dataDirectory);
            if (copied[0] != expected[0] || copied[1] != expected[1]) {
                throw new IOException("the copy has " + copied[0] + " files of " + copied[1] + " bytes, the saved cluster "
                        + expected[0] + " of " + expected[1] + " (deleted while copied?)");
            }
            return Optional.of(new Restored(generation, templates));
        } catch (IOException | UncheckedIOException | OverlappingFileLockException e) {
            LOG.info("Could not copy the saved seeded cluster {} (starting without its templates): {}", generation, e.toString());
            DataDirectories.delete(dataDirectory);
            return Optional.empty();
        }
    }

    /**
     * Saves the stopped data directory with its templates as the newest generation, then deletes the older
     * ones no other JVM is copying. Never throws: a cluster not saved is prepared again next time.
     */
    static synchronized void save(Path root, String binaries, Path dataDirectory, Map<String, Long> templates) {
        Path dir = root.resolve(binaries);
        Path tmp = null;
        long t0 = System.nanoTime();
        try {
            long bytes = size(dataDirectory);
            if (bytes > MAX_BYTES) {
                LOG.info("Not saving the seeded cluster of {}: {} MB is more than the {} MB a saved cluster may have",
                        binaries, bytes >> 20, MAX_BYTES >> 20);
                return;
            }
            Files.createDirectories(dir);
            tmp = Files.createTempDirectory(dir, ".saving-");
            ClusterCache.copy(dataDirectory, tmp.resolve("cluster"), SeedCache::notSaved);
            writeManifest(tmp.resolve(MANIFEST), binaries, templates, count(tmp.resolve("cluster")));
            String name = String.format("g-%013d-%s", System.currentTimeMillis(), randomHex());
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            LOG.info("Saved the cluster with {} seeded baseline template(s) in {} ({} MB, {} ms)", templates.size(),
                    dir.resolve(name), bytes >> 20, (System.nanoTime() - t0) / 1_000_000);
            prune(dir, name);
        } catch (IOException | UncheckedIOException e) {
            LOG.info("Could not save the seeded cluster of {} (later JVMs prepare their baselines again): {}", binaries,
                    e.toString());
        } finally {
            if (tmp != null) {
                DataDirectories.delete(tmp);
            }
        }
    }

    /** What a saved cluster leaves out: lock and pid files, the server's logs, and statistics (reset at start). */
    static boolean notSaved(Path relative) {
        String first = relative.getNameCount() > 0 ? relative.getName(0).toString() : "";
        String name = relative.getFileName() == null ? "" : relative.getFileName().toString();
        return relative.getNameCount() == 1 && List.of("epg-lock", "postmaster.pid", "postmaster.opts").contains(name)
                || relative.getNameCount() > 1 && List.of("log", "pg_stat", "pg_stat_tmp").contains(first);
    }

    /** Complete generations, newest first. */
    static List<Path> generations(Path dir) {
        List<Path> all = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return all;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, "g-*")) {
            for (Path p : children) {
                if (Files.isRegularFile(p.resolve(MANIFEST))) {
                    all.add(p);
                }
            }
        } catch (IOException e) {
            LOG.debug("Could not list {}: {}", dir, e.toString());
        }
        all.sort((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()));
        return all;
    }

    /** Deletes every generation but {@code keep} that no JVM copies now, and staging folders abandoned long ago. */
    private static void prune(Path dir, String keep) {
        for (Path g : generations(dir)) {
            if (g.getFileName().toString().equals(keep)) {
                continue;
            }
            try (FileChannel ch = lockChannel(dir, g); FileLock lock = ch.tryLock()) {
                if (lock != null) {
                    Path doomed = dir.resolve(".deleting-" + randomHex());
                    Files.move(g, doomed, StandardCopyOption.ATOMIC_MOVE);
                    DataDirectories.delete(doomed);
                    Files.deleteIfExists(lockFile(dir, g));
                }
            } catch (IOException | UncheckedIOException | OverlappingFileLockException e) {
                LOG.debug("Not deleting {} now: {}", g, e.toString());
            }
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, ".*-*")) {
            for (Path p : children) {
                if (Files.getLastModifiedTime(p).toInstant().isBefore(Instant.now().minus(ABANDONED))) {
                    DataDirectories.delete(p);
                }
            }
        } catch (IOException e) {
            LOG.debug("Could not look for abandoned folders in {}: {}", dir, e.toString());
        }
    }

    private static Path lockFile(Path dir, Path generation) {
        return dir.resolve("locks").resolve(generation.getFileName() + ".lock");
    }

    private static FileChannel lockChannel(Path dir, Path generation) throws IOException {
        Files.createDirectories(dir.resolve("locks"));
        return FileChannel.open(lockFile(dir, generation), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
    }

    /** A shared lock, waiting at most {@link #LOCK_WAIT} for a deleter; null if none came. */
    private static FileLock sharedLock(FileChannel ch) throws IOException {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (true) {
            FileLock lock = ch.tryLock(0, Long.MAX_VALUE, true);
            if (lock != null || System.nanoTime() > deadline) {
                return lock;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    static Map<String, Long> readManifest(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        Map<String, Long> m = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith("template.")) {
                m.put(k.substring("template.".length()), Long.parseLong(p.getProperty(k).strip()));
            }
        }
        return m;
    }

    /** The files and bytes the saved cluster has, as its manifest records them. */
    private static long[] saved(Path manifest) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(manifest)) {
            p.load(in);
        }
        try {
            return new long[] {Long.parseLong(p.getProperty("files", "-1")), Long.parseLong(p.getProperty("bytes", "-1"))};
        } catch (NumberFormatException e) {
            throw new IOException("unreadable manifest " + manifest, e);
        }
    }

    private static void writeManifest(Path file, String binaries, Map<String, Long> templates, long[] cluster)
            throws IOException {
        Properties p = new Properties();
        p.setProperty("binaries", binaries);
        p.setProperty("files", Long.toString(cluster[0]));
        p.setProperty("bytes", Long.toString(cluster[1]));
        p.setProperty("saved", Instant.now().toString());
        templates.forEach((hash, used) -> p.setProperty("template." + hash, Long.toString(used)));
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "Seeded baseline templates in cluster/ (hash = last used, ms since the epoch)");
        }
    }

    private static long size(Path dir) throws IOException {
        return count(dir)[1];
    }

    /** Regular files under {@code dir} and their bytes. */
    private static long[] count(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            long[] c = new long[2];
            all.filter(Files::isRegularFile).forEach(p -> {
                c[0]++;
                c[1] += p.toFile().length();
            });
            return c;
        }
    }

    private static String randomHex() {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
