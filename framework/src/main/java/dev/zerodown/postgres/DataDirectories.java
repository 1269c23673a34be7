package dev.zerodown.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directories of embedded servers, one folder each under {@link #root()}. Each folder
 * holds an {@code owner.lock} that its JVM keeps locked while it lives; the operating system
 * releases the lock when that JVM dies, even by {@code kill -9}. A folder whose lock can be taken
 * is stale: its postmaster (still running after such a kill) is stopped and the folder deleted the
 * next time a server starts.
 */
final class DataDirectories {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectories.class);
    private static final String LOCK = "owner.lock";
    /** A folder this young may be between its creation and the lock of its owner. */
    static final Duration GRACE = Duration.ofSeconds(10);
    /** Free space a memory file system needs before servers go there. */
    static final long MIN_MEMORY_ROOM_GIB = 2;
    /** Folders of this JVM: never opened by the stale check (closing any descriptor of a locked file drops the lock). */
    private static final Set<Path> OWN = ConcurrentHashMap.newKeySet();
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    static final String AUTO = "auto";
    static final String DISK = "disk";
    static final String MEMORY = "memory";

    private DataDirectories() {
    }

    /**
     * Where data directories go by default ({@code dataDirectory=auto}): the system property
     * {@code zerodown.dataDirectory} if set; else {@code /dev/shm/zerodown-postgres} where that memory file system
     * is writable and has room ({@value #MIN_MEMORY_ROOM_GIB} GiB), because creating a database copies some 300
     * small files and a memory file system does that about ten times faster than a disk; else
     * {@code <java.io.tmpdir>/zerodown-postgres}.
     */
    static Path root() {
        return root(AUTO);
    }

    /**
     * Where data directories go for the setting {@code dataDirectory}: {@code auto} (or null) as {@link #root()},
     * {@code memory} for {@code /dev/shm/zerodown-postgres} (room or not), {@code disk} for
     * {@code <java.io.tmpdir>/zerodown-postgres}, anything else is the folder itself.
     */
    static Path root(String setting) {
        String v = setting == null || setting.isBlank() ? AUTO : setting.trim();
        if (v.equalsIgnoreCase(AUTO)) {
            String property = System.getProperty("zerodown.dataDirectory");
            if (property != null && !property.isBlank() && !property.trim().equalsIgnoreCase(AUTO)) {
                return root(property);
            }
            Path memory = memoryRoot();
            return hasRoom(memory.getParent()) ? memory : diskRoot();
        }
        Path p = v.equalsIgnoreCase(DISK) ? diskRoot() : v.equalsIgnoreCase(MEMORY) ? memoryRoot() : Paths.get(v);
        return p.toAbsolutePath().normalize();
    }

    /** Every place a data directory may be, for the stale check: the choice between them can change between runs. */
    static List<Path> roots() {
        return List.copyOf(new java.util.LinkedHashSet<>(List.of(root(), memoryRoot(), diskRoot())));
    }

    /**
     * The file system type of the folder (or of its nearest existing parent), such as {@code tmpfs} or
     * {@code ext4}; null when unknown.
     */
    static String fileSystem(Path folder) {
        Path p = folder.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        try {
            return p == null ? null : Files.getFileStore(p).type();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** True for a file system in memory ({@code tmpfs}, {@code ramfs}): its data takes RAM and reads at RAM speed. */
    static boolean inMemory(Path folder) {
        String type = fileSystem(folder);
        return type != null && (type.equals("tmpfs") || type.equals("ramfs"));
    }

    /** How a log line names where the data goes: {@code /dev/shm/zerodown-postgres (memory, tmpfs)}. */
    static String describe(Path root) {
        String type = fileSystem(root);
        return root + (type == null ? "" : inMemory(root) ? " (memory, " + type + ")" : " (disk, " + type + ")");
    }

    private static Path memoryRoot() {
        return Paths.get("/dev/shm", "zerodown-postgres");
    }

    private static Path diskRoot() {
        return Paths.get(System.getProperty("java.io.tmpdir"), "zerodown-postgres");
    }

    private static boolean hasRoom(Path fileSystem) {
        try {
            return Files.isDirectory(fileSystem) && Files.isWritable(fileSystem)
                    && Files.getFileStore(fileSystem).getUsableSpace() >= MIN_MEMORY_ROOM_GIB << 30;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** A new folder for one server, locked by this JVM; {@link Lease#dataDirectory()} does not exist yet. */
    static Lease create(Path root, int major) {
        try {
            Files.createDirectories(root);
            Path dir = Files.createTempDirectory(root, "pg" + major + "-");
            FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            FileLock lock = channel.lock();
            String owner = "pid=" + ProcessHandle.current().pid() + "\nmajor=" + major + "\nstarted=" + Instant.now() + "\n";
            channel.write(ByteBuffer.wrap(owner.getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
            OWN.add(dir.toAbsolutePath());
            return new Lease(dir, channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a data directory under " + root, e);
        }
    }

    /**
     * Stops the postmaster and deletes the folder of every server under {@code root} whose JVM is
     * gone. Folders of live JVMs (this one included) are left alone.
     *
     * @return the folders removed
     */
    static List<Path> cleanStale(Path root, Duration grace) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> removed = new java.util.ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(root)) {
            for (Path dir : children) {
                if (Files.isDirectory(dir) && !OWN.contains(dir.toAbsolutePath()) && isStale(dir, grace)) {
                    removeStale(dir);
                    removed.add(dir);
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not look for stale PostgreSQL data directories in {}: {}", root, e.toString());
        }
        return removed;
    }

    private static boolean isStale(Path dir, Duration grace) {
        Path lockFile = dir.resolve(LOCK);
        try {
            if (youngerThan(Files.exists(lockFile) ? lockFile : dir, grace)) {
                return false;
            }
            if (!Files.exists(lockFile)) {
                return true;
            }
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                 FileLock lock = ch.tryLock()) {
                return lock != null;
            }
        } catch (OverlappingFileLockException e) {
            return false; // locked by this JVM after all
        } catch (IOException e) {
            LOG.debug("Could not check {}: {}", dir, e.toString());
            return false;
        }
    }

    private static boolean youngerThan(Path p, Duration grace) throws IOException {
        return Files.getLastModifiedTime(p).toInstant().isAfter(Instant.now().minus(grace));
    }

    private static void removeStale(Path dir) {
        postmasterPid(dir.resolve("data")).flatMap(ProcessHandle::of).ifPresent(DataDirectories::stopOrphan);
        LOG.info("Removing the stale PostgreSQL data directory {} of a JVM that ended without stopping its server", dir);
        delete(dir);
    }

    /** The postmaster's pid from the first line of {@code postmaster.pid}, if the server may still run. */
    static Optional<Long> postmasterPid(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try (Stream<String> lines = Files.lines(pidFile)) {
            return lines.findFirst().map(String::trim).filter(s -> s.matches("\\d+")).map(Long::parseLong);
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** SIGTERM (smart shutdown: no client is left once its JVM died), then SIGKILL to it and its backends. */
    private static void stopOrphan(ProcessHandle postmaster) {
        if (!postmaster.info().command().map(c -> c.contains("postgres")).orElse(true)) {
            return; // the pid was reused by another program
        }
        LOG.info("Stopping orphaned postmaster {} of a JVM that ended without stopping it", postmaster.pid());
        List<ProcessHandle> backends = postmaster.children().toList();
        postmaster.destroy();
        if (!waitFor(postmaster)) {
            backends.forEach(ProcessHandle::destroyForcibly);
            postmaster.destroyForcibly();
            waitFor(postmaster);
        }
    }

    private static boolean waitFor(ProcessHandle p) {
        try {
            p.onExit().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return !p.isAlive();
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete {}: {}", dir, e.toString());
        }
    }

    /** One server's folder, locked while the server lives. Closing unlocks and deletes it. */
    static final class Lease implements AutoCloseable {
        private final Path directory;
        private final FileChannel channel;
        private final FileLock lock;
        private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

        private Lease(Path directory, FileChannel channel, FileLock lock) {
            this.directory = directory;
            this.channel = channel;
            this.lock = lock;
        }

        Path directory() {
            return directory;
        }

        Path dataDirectory() {
            return directory.resolve("data");
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                LOG.debug("Could not release {}: {}", directory, e.toString());
            }
            delete(directory);
            OWN.remove(directory.toAbsolutePath());
        }
    }
}
