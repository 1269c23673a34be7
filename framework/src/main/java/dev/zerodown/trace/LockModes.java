package dev.zerodown.trace;

import java.util.Collection;
import java.util.List;

/** PostgreSQL's table lock modes, weakest first, as pg_locks names them. */
final class LockModes {
    private static final List<String> ORDER = List.of("AccessShareLock", "RowShareLock", "RowExclusiveLock",
            "ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock");
    private static final int SHARE = 4;

    private LockModes() {
    }

    static int strength(String mode) {
        return ORDER.indexOf(mode);
    }

    /** SHARE and stronger: blocks writes (and AccessExclusiveLock also reads). */
    static boolean strong(String mode) {
        return strength(mode) >= SHARE;
    }

    /** Conflicts with ROW EXCLUSIVE, the lock every INSERT, UPDATE and DELETE takes. */
    static boolean blocksWrites(String mode) {
        return strength(mode) >= SHARE;
    }

    static boolean blocksReads(String mode) {
        return "AccessExclusiveLock".equals(mode);
    }

    static String strongest(Collection<String> modes) {
        return modes.stream().max((a, b) -> Integer.compare(strength(a), strength(b))).orElse(null);
    }

    /** "blocks reads and writes", "blocks writes", or "blocks neither reads nor writes". */
    static String effect(String mode) {
        if (blocksReads(mode)) {
            return "blocks reads and writes";
        }
        return blocksWrites(mode) ? "blocks writes" : "blocks neither reads nor writes";
    }
}
