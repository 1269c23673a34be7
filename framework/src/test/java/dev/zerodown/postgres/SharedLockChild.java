package dev.zerodown.postgres;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A JVM that holds a shared lock on a file, as another JVM copying a saved seeded cluster does, until its standard
 * input closes (at most a minute; see {@link SeedCacheTest}).
 */
public final class SharedLockChild {
    private SharedLockChild() {
    }

    public static void main(String[] args) throws Exception {
        try (FileChannel ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
             FileLock lock = ch.lock(0, Long.MAX_VALUE, true)) {
            System.out.println("LOCKED " + lock.isShared());
            System.out.flush();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.in.read() >= 0 && System.nanoTime() < deadline) {
                // until the parent closes our input
            }
        }
    }
}
