package dev.zerodown.trace;

import java.util.Collection;
import java.util.List;
import org.apiguardian.api.API;

/** PostgreSQL's table lock modes, weakest first, as pg_locks names them. */
@API(status = API.Status.INTERNAL)
public final class LockModes {
    private static final List<String> ORDER = List.of("AccessShareLock", "RowShareLock", "RowExclusiveLock",
            "ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock");
    private static final int SHARE = 4;
    /** CONFLICTS[m] has bit n set when mode m conflicts with mode n (PostgreSQL's table of conflicting lock modes). */
    private static final int[] CONFLICTS = {
        0b10000000, // AccessShare: AccessExclusive
        0b11000000, // RowShare: Exclusive, AccessExclusive
        0b11110000, // RowExclusive: Share, ShareRowExclusive, Exclusive, AccessExclusive
        0b11111000, // ShareUpdateExclusive: itself and stronger
        0b11101100, // Share: RowExclusive, ShareUpdateExclusive, ShareRowExclusive, Exclusive, AccessExclusive
        0b11111100, // ShareRowExclusive: RowExclusive and stronger
        0b11111110, // Exclusive: RowShare and stronger
        0b11111111, // AccessExclusive: everything
    };

    private LockModes() {
    }

    public static int strength(String mode) {
        return ORDER.indexOf(mode);
    }

    /** SHARE and stronger: blocks writes (and AccessExclusiveLock also reads). */
    public static boolean strong(String mode) {
        return strength(mode) >= SHARE;
    }

    /** Conflicts with ROW EXCLUSIVE, the lock every INSERT, UPDATE and DELETE takes. */
    public static boolean blocksWrites(String mode) {
        return strength(mode) >= SHARE;
    }

    /**
     * True when a request for {@code mode} could not have waited because this transaction already
     * held {@code held} on the relation: every mode that conflicts with it also conflicts with one
     * already held, so no other transaction can hold one.
     */
    public static boolean alreadyCovered(String mode, Collection<String> held) {
        int m = strength(mode);
        if (m < 0) {
            return false;
        }
        int covered = 0;
        for (String h : held) {
            int i = strength(h);
            if (i >= 0) {
                covered |= CONFLICTS[i];
            }
        }
        return (CONFLICTS[m] & ~covered) == 0;
    }

    public static boolean blocksReads(String mode) {
        return "AccessExclusiveLock".equals(mode);
    }

    public static String strongest(Collection<String> modes) {
        return modes.stream().max((a, b) -> Integer.compare(strength(a), strength(b))).orElse(null);
    }

    /** "blocks reads and writes", "blocks writes", or "blocks neither reads nor writes". */
    public static String effect(String mode) {
        if (blocksReads(mode)) {
            return "blocks reads and writes";
        }
        return blocksWrites(mode) ? "blocks writes" : "blocks neither reads nor writes";
    }
}
