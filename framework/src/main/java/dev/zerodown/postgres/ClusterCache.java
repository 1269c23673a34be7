package dev.zerodown.postgres;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pristine cluster per binaries version, kept under {@code <java.io.tmpdir>/zerodown-postgres-clusters}.
 * {@code initdb} is most of an embedded server's start (2 to 4 s on 2 cores); copying its result
 * is several times faster. The first start of a version runs initdb and saves the result before
 * the postmaster starts; later starts, in this JVM or another, copy it instead.
 */
final class ClusterCache {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterCache.class);
    /** zonky's lock file inside the data directory: never part of the copy. */
    private static final String ZONKY_LOCK = "epg-lock";

    private ClusterCache() {
    }

    static Path root() {
        String dir = System.getProperty("zerodown.clusterCache");
        return dir != null && !dir.isBlank() ? Paths.get(dir)
                : Paths.get(System.getProperty("java.io.tmpdir"), "zerodown-postgres-clusters");
    }

    /** The saved cluster of these binaries, if a previous start made one. */
    static Optional<Path> find(Path root, String binaries) {
        Path cluster = root.resolve(binaries);
        return Files.isRegularFile(cluster.resolve("PG_VERSION")) && Files.isRegularFile(cluster.resolve("postgresql.conf"))
                ? Optional.of(cluster) : Optional.empty();
    }

    /** Copies a saved cluster to {@code dataDirectory} (which must not exist yet). */
    static void restore(Path cluster, Path dataDirectory) {
        copy(cluster, dataDirectory, p -> false);
    }

    /** A zonky data directory customizer that saves the freshly initialized cluster, once per binaries version. */
    static Consumer<File> saver(Path root, String binaries) {
        return dataDirectory -> {
            if (find(root, binaries).isPresent()) {
                return;
            }
            Path tmp = null;
            try {
                Files.createDirectories(root);
                tmp = Files.createTempDirectory(root, ".saving-");
                Path staged = tmp.resolve("cluster");
                copy(dataDirectory.toPath(), staged, p -> false);
                Files.move(staged, root.resolve(binaries), StandardCopyOption.ATOMIC_MOVE);
                LOG.info("Saved the initialized cluster of {} in {}", binaries, root.resolve(binaries));
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                LOG.debug("Not saving the cluster of {}: {}", binaries, e.toString());
            } catch (IOException | UncheckedIOException e) {
                LOG.info("Could not save the cluster of {} (later starts run initdb again): {}", binaries, e.toString());
            } finally {
                if (tmp != null) {
                    DataDirectories.delete(tmp);
                }
            }
        };
    }

    /** Copies a cluster folder, leaving out zonky's lock, the pid file and what {@code skip} says (paths relative to {@code from}). */
    static void copy(Path from, Path to, java.util.function.Predicate<Path> skip) {
        try (Stream<Path> all = Files.walk(from)) {
            all.forEach(p -> {
                if (p.getFileName().toString().equals(ZONKY_LOCK) || p.getFileName().toString().equals("postmaster.pid")
                        || skip.test(from.relativize(p))) {
                    return;
                }
                try {
                    Files.copy(p, to.resolve(from.relativize(p).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
