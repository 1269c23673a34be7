package dev.zerodown.judge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.zerodown.config.Text;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.hazards.Recipes;
import dev.zerodown.trace.Catalog;
import dev.zerodown.trace.LockModes;
import dev.zerodown.trace.Probes;
import dev.zerodown.trace.StatementRecord;
import dev.zerodown.trace.StepFacts;

/**
 * {@code scan-under-lock}: a statement made a CHECK, foreign key, NOT NULL or partition bound hold
 * for the existing rows of a populated pre-existing table (a constraint that appears validated, a
 * column that became NOT NULL, a partition attached: its rows and those of the default partition),
 * the backend's own statistics show it scanned that table, and a lock blocking writes was held on it
 * meanwhile. PostgreSQL skips the scan when it can prove the rule without one (SET NOT
 * NULL with a validated CHECK (col IS NOT NULL), NOT VALID constraints, ATTACH PARTITION with a valid CHECK
 * that implies the bound), and then nothing is reported.
 * NOT NULL is judged on pg_attribute.attnotnull of pre-existing columns (PostgreSQL 18 also keeps a
 * pg_constraint row for it, counted only when an existing one gets validated).
 */
final class ScanRules {
    private ScanRules() {
    }

    static void apply(StepFacts f, Findings out) {
        for (StatementRecord r : f.records()) {
            if (r.catalog() == null || r.delta() == null) {
                continue;
            }
            Map<Long, List<String>> constraints = validated(f.before(r), r.catalog(), f);
            Map<Long, List<String>> bounds = bounds(f.before(r), r.catalog(), f);
            java.util.Set<Long> tables = new java.util.LinkedHashSet<>(constraints.keySet());
            tables.addAll(bounds.keySet());
            for (long relid : tables) {
                judge(f, out, r, relid, constraints.getOrDefault(relid, List.of()), bounds.getOrDefault(relid, List.of()));
            }
        }
    }

    /**
     * Per pre-existing table: the partition bounds the statement made hold for its existing rows. {@code
     * ATTACH PARTITION} checks the new partition's rows against its bound (its leaf partitions', when it
     * is partitioned itself) and the rows of the parent's default partition against the new bound.
     */
    static Map<Long, List<String>> bounds(Catalog before, Catalog after, StepFacts f) {
        Map<Long, List<String>> out = new LinkedHashMap<>();
        for (Catalog.Rel was : before.relations().values()) {
            Catalog.Rel now = after.relation(was.oid());
            if (now == null || !f.preExisting(was.oid()) || !now.isPartition() || was.parentOid() == now.parentOid()) {
                continue;
            }
            String parent = f.name(now.parentOid());
            for (Catalog.Rel rel : after.relations().values()) {
                if (!rel.holdsRows() || !f.preExisting(rel.oid())) {
                    continue;
                }
                Catalog.Rel top = below(after, rel, now.parentOid());
                if (top == null) {
                    continue;
                }
                String under = rel == top ? "" : " (a partition of " + top.qualified() + ")";
                if (top.oid() == now.oid()) {
                    out.computeIfAbsent(rel.oid(), k -> new ArrayList<>()).add("partition bound " + now.bound() + " of "
                            + now.qualified() + ", attached to " + parent + under);
                } else if (top.isDefaultPartition()) {
                    out.computeIfAbsent(rel.oid(), k -> new ArrayList<>()).add("no row of the default partition "
                            + top.qualified() + " of " + parent + " in the new partition " + now.qualified() + " ("
                            + now.bound() + ")" + under);
                }
            }
        }
        return out;
    }

    /** The partition of {@code parent} that {@code rel} is, or lies below; null when none. */
    private static Catalog.Rel below(Catalog c, Catalog.Rel rel, long parent) {
        Catalog.Rel at = rel;
        for (int depth = 0; at != null && at.isPartition() && depth < 64; depth++) {
            if (at.parentOid() == parent) {
                return at;
            }
            at = c.relation(at.parentOid());
        }
        return null;
    }

    /** Per pre-existing table: what the statement made hold for its existing rows. */
    static Map<Long, List<String>> validated(Catalog before, Catalog after, StepFacts f) {
        Map<Long, List<String>> out = new LinkedHashMap<>();
        for (Catalog.Con c : after.constraints().values()) {
            if (!f.preExisting(c.relid()) || !c.validated() || "cfn".indexOf(c.type()) < 0) {
                continue;
            }
            Catalog.Con was = before.constraints().get(c.oid());
            boolean newCheck = was == null && c.type() != 'n';
            if (newCheck || was != null && !was.validated()) {
                out.computeIfAbsent(c.relid(), k -> new ArrayList<>()).add((was == null ? "new " : "validated ")
                        + kind(c.type()) + " " + c.name() + " " + c.definition());
            }
        }
        for (Catalog.Col col : after.columns().values()) {
            Catalog.Col was = before.column(col.relid(), col.attnum());
            if (was != null && f.preExisting(col.relid()) && col.notNull() && !was.notNull()) {
                List<String> items = out.computeIfAbsent(col.relid(), k -> new ArrayList<>());
                String item = "column " + col.name() + " became NOT NULL";
                if (items.stream().noneMatch(i -> i.contains("NOT NULL " + col.name()))) {
                    items.add(item);
                }
            }
        }
        return out;
    }

    private static void judge(StepFacts f, Findings out, StatementRecord r, long relid, List<String> constraints,
                              List<String> bounds) {
        long rows = f.rowsAtStart(relid);
        Probes.Counters c = r.delta().get(relid);
        StatementLocks.Lock lock = StatementLocks.modeFor(f, r, relid);
        if (rows == 0 || c == null || c.scans() <= 0 || lock == null || !LockModes.blocksWrites(lock.mode())) {
            return;
        }
        String mode = lock.mode();
        String name = f.name(relid);
        List<String> what = new ArrayList<>(constraints);
        what.addAll(bounds);
        String message = out.where(r.statement()) + " checked all " + Text.number(rows) + " rows of " + name + " ("
                + String.join("; ", what) + ") while holding " + mode + ", which " + LockModes.effect(mode) + ".";
        String evidence = "validated: " + String.join("; ", what) + "; scans of " + name + " during the statement: " + c.scans()
                + "; rows " + Text.number(rows) + "; lock " + lock.described() + "; statement took " + (r.endMs() - r.startMs())
                + " ms" + (bounds.isEmpty() ? "" : "; PostgreSQL skips this scan when a valid CHECK constraint implies the bound");
        if (constraints.isEmpty()) {
            out.add(HazardId.SCAN_UNDER_LOCK, HazardId.SCAN_UNDER_LOCK.defaultSeverity(), Recipes.ATTACH_PARTITION, name,
                    r.statement(), message, evidence, r.endMs());
        } else {
            out.add(HazardId.SCAN_UNDER_LOCK, name, r.statement(), message, evidence, r.endMs());
        }
    }

    private static String kind(char type) {
        return switch (type) {
            case 'c' -> "CHECK";
            case 'f' -> "FOREIGN KEY";
            default -> "NOT NULL";
        };
    }
}
