package dev.zerodown.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.zerodown.result.Timeline;
import org.apiguardian.api.API;

/**
 * The relation locks the migration held on pre-existing relations: which statement took each
 * (relation, mode) first, from when to when it was held, and which later statements ran while it
 * was. Inside a transaction block this comes from pg_locks read after every statement (exact);
 * outside one, from the sampler (locks vanish when the statement ends).
 */
@API(status = API.Status.INTERNAL)
public final class LockLedger {
    /** One (relation, mode) held from {@code startMs} to {@code endMs}, first taken by {@code taker}. */
    @API(status = API.Status.INTERNAL)
    public record Hold(long relid, String mode, StatementRecord taker, long startMs, long endMs, List<StatementRecord> later) {
        public long durationMs() {
            return Math.max(0, endMs - startMs);
        }
    }

    private record Key(long relid, String mode) {
    }

    private final Catalog pre;
    private final Map<String, Long> oidsByName = new HashMap<>();
    private final List<Hold> holds = new ArrayList<>();
    private final Map<Integer, Set<Key>> heldDuring = new HashMap<>();

    private LockLedger(Catalog pre) {
        this.pre = pre;
        pre.relations().values().forEach(r -> oidsByName.put(r.qualified(), r.oid()));
    }

    public static LockLedger of(Catalog pre, List<StatementRecord> records, List<Txn> txns) {
        LockLedger l = new LockLedger(pre);
        Map<Integer, Txn> byIndex = new HashMap<>();
        txns.forEach(t -> byIndex.put(t.index(), t));
        Map<Integer, List<StatementRecord>> blocks = new LinkedHashMap<>();
        for (StatementRecord r : records) {
            if (r.inBlock()) {
                blocks.computeIfAbsent(r.txn(), k -> new ArrayList<>()).add(r);
            } else {
                l.outsideBlock(r);
            }
        }
        blocks.forEach((txn, rs) -> l.block(rs, byIndex.get(txn)));
        l.holds.sort((a, b) -> Long.compare(a.startMs(), b.startMs()));
        return l;
    }

    public List<Hold> holds() {
        return holds;
    }

    /** Modes held on {@code relid} while {@code r} ran (taken by it or earlier in its transaction). */
    public Set<String> modesDuring(StatementRecord r, long relid) {
        Set<String> out = new HashSet<>();
        for (Key k : heldDuring.getOrDefault(r.index(), Set.of())) {
            if (k.relid() == relid) {
                out.add(k.mode());
            }
        }
        return out;
    }

    /** The strongest mode held on {@code relid} while {@code r} ran, or null. */
    public String strongestDuring(StatementRecord r, long relid) {
        return LockModes.strongest(modesDuring(r, relid));
    }

    /**
     * The lock that matters for what {@code r} did to {@code relid}: the strongest mode it took itself
     * when that blocks writes, else the strongest held while it ran; null when none.
     */
    public String modeFor(StatementRecord r, long relid) {
        String own = LockModes.strongest(takenBy(r).getOrDefault(relid, Set.of()));
        return own != null && LockModes.blocksWrites(own) ? own : strongestDuring(r, relid);
    }

    /** Modes on {@code relid} that earlier statements of {@code r}'s transaction took and still held while it ran. */
    public Set<String> heldBefore(StatementRecord r, long relid) {
        Set<String> out = new HashSet<>();
        for (Hold h : holds) {
            if (h.relid() == relid && h.taker() != r && h.later().contains(r)) {
                out.add(h.mode());
            }
        }
        return out;
    }

    /** (relation → modes) first taken by {@code r}. */
    public Map<Long, Set<String>> takenBy(StatementRecord r) {
        Map<Long, Set<String>> out = new LinkedHashMap<>();
        for (Hold h : holds) {
            if (h.taker() == r) {
                out.computeIfAbsent(h.relid(), k -> new HashSet<>()).add(h.mode());
            }
        }
        return out;
    }

    public Hold hold(StatementRecord taker, long relid, String mode) {
        return holds.stream().filter(h -> h.taker() == taker && h.relid() == relid && h.mode().equals(mode))
                .findFirst().orElse(null);
    }

    public List<Timeline.LockHold> timeline(String file) {
        List<Timeline.LockHold> out = new ArrayList<>();
        for (Hold h : holds) {
            out.add(new Timeline.LockHold(pre.relation(h.relid()).qualified(), h.mode(), h.startMs(), h.endMs(),
                    file, h.taker().line()));
        }
        return out;
    }

    private void outsideBlock(StatementRecord r) {
        Set<Key> seen = new HashSet<>();
        for (Timeline.LockHold s : r.sampled()) {
            Long oid = oidsByName.get(s.relation());
            if (oid == null || s.startMs() < r.startMs() || !seen.add(new Key(oid, s.mode()))) {
                continue;
            }
            long start = Math.max(r.startMs(), s.startMs());
            long end = Math.max(start, Math.min(r.endMs(), s.endMs()));
            holds.add(new Hold(oid, s.mode(), r, start, end, List.of()));
        }
        heldDuring.put(r.index(), seen);
    }

    private void block(List<StatementRecord> rs, Txn txn) {
        Map<Key, Hold> open = new LinkedHashMap<>();
        Map<Key, List<StatementRecord>> later = new HashMap<>();
        long txnStart = rs.get(0).startMs();
        for (StatementRecord r : rs) {
            Set<Key> current = current(r, txnStart);
            heldDuring.put(r.index(), current);
            for (Key k : List.copyOf(open.keySet())) {
                if (!current.contains(k)) {
                    Hold h = open.remove(k);
                    holds.add(new Hold(h.relid(), h.mode(), h.taker(), h.startMs(), r.endMs(), later.get(k)));
                } else {
                    later.get(k).add(r);
                }
            }
            for (Key k : current) {
                if (!open.containsKey(k)) {
                    open.put(k, new Hold(k.relid(), k.mode(), r, acquiredMs(r, k), -1, List.of()));
                    later.put(k, new ArrayList<>());
                }
            }
        }
        long end = txn != null ? txn.endMs() : rs.get(rs.size() - 1).endMs();
        open.forEach((k, h) -> holds.add(new Hold(h.relid(), h.mode(), h.taker(), h.startMs(), end, later.get(k))));
    }

    /** Locks held after {@code r}: pg_locks, plus what the sampler saw during it (taken in this transaction). */
    private Set<Key> current(StatementRecord r, long txnStart) {
        Set<Key> out = new HashSet<>();
        if (r.locksAfter() != null) {
            for (Probes.HeldLock l : r.locksAfter()) {
                if (pre.relation(l.relid()) != null) {
                    out.add(new Key(l.relid(), l.mode()));
                }
            }
        }
        for (Timeline.LockHold s : r.sampled()) {
            Long oid = oidsByName.get(s.relation());
            if (oid != null && s.startMs() >= txnStart) {
                out.add(new Key(oid, s.mode()));
            }
        }
        return out;
    }

    /** When the sampler first saw the lock during the statement, else the statement's start. */
    private long acquiredMs(StatementRecord r, Key k) {
        return r.sampled().stream()
                .filter(s -> s.mode().equals(k.mode()) && Long.valueOf(k.relid()).equals(oidsByName.get(s.relation()))
                        && s.startMs() >= r.startMs() && s.startMs() <= r.endMs())
                .mapToLong(Timeline.LockHold::startMs).min().orElse(r.startMs());
    }
}
