package dev.zerodown.judge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.zerodown.config.Text;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.trace.Catalog;
import dev.zerodown.trace.LockModes;
import dev.zerodown.trace.Probes;
import dev.zerodown.trace.StatementRecord;
import dev.zerodown.trace.StepFacts;

/**
 * {@code scan-under-lock}: a statement made a CHECK, foreign key or NOT NULL hold for the existing
 * rows of a populated pre-existing table (a constraint that appears validated, a column that became
 * NOT NULL), the backend's own statistics show it scanned that table, and a lock blocking writes
 * was held on it meanwhile. PostgreSQL skips the scan when it can prove the rule without one (SET NOT
 * NULL with a validated CHECK (col IS NOT NULL), NOT VALID constraints), and then nothing is reported.
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
            validated(f.before(r), r.catalog(), f).forEach((relid, what) -> judge(f, out, r, relid, what));
        }
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

    private static void judge(StepFacts f, Findings out, StatementRecord r, long relid, List<String> what) {
        long rows = f.rowsAtStart(relid);
        Probes.Counters c = r.delta().get(relid);
        String mode = f.ledger().modeFor(r, relid);
        if (rows == 0 || c == null || c.scans() <= 0 || mode == null || !LockModes.blocksWrites(mode)) {
            return;
        }
        String name = f.name(relid);
        out.add(HazardId.SCAN_UNDER_LOCK, name, r.statement(),
                out.where(r.statement()) + " checked all " + Text.number(rows) + " rows of " + name + " ("
                        + String.join("; ", what) + ") while holding " + mode + ", which " + LockModes.effect(mode) + ".",
                "validated: " + String.join("; ", what) + "; scans of " + name + " during the statement: " + c.scans()
                        + "; rows " + Text.number(rows) + "; lock " + mode + "; statement took " + (r.endMs() - r.startMs())
                        + " ms",
                r.endMs());
    }

    private static String kind(char type) {
        return switch (type) {
            case 'c' -> "CHECK";
            case 'f' -> "FOREIGN KEY";
            default -> "NOT NULL";
        };
    }
}
