package dev.zerodown.judge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.zerodown.config.Text;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.trace.Probes;
import dev.zerodown.trace.StatementRecord;
import dev.zerodown.trace.StepFacts;

/**
 * {@code unbatched-backfill}: one transaction wrote (inserted, updated or deleted) more rows of a
 * pre-existing table than {@code batchRows}, or more than half of a pre-existing table of at least
 * 1,000 rows — measured with the backend's pg_stat_xact_user_tables, before commit.
 */
final class BackfillRules {
    static final long SMALL_TABLE_ROWS = 1_000;

    private BackfillRules() {
    }

    static void apply(StepFacts f, Findings out) {
        Map<Integer, List<StatementRecord>> byTxn = new LinkedHashMap<>();
        for (StatementRecord r : f.records()) {
            if (r.inBlock() && r.delta() != null) {
                byTxn.computeIfAbsent(r.txn(), k -> new ArrayList<>()).add(r);
            }
        }
        byTxn.values().forEach(rs -> transaction(f, out, rs));
    }

    private static void transaction(StepFacts f, Findings out, List<StatementRecord> rs) {
        Map<Long, Long> total = new LinkedHashMap<>();
        Map<Long, StatementRecord> biggest = new LinkedHashMap<>();
        for (StatementRecord r : rs) {
            r.delta().forEach((relid, c) -> {
                if (!f.preExisting(relid) || c.writes() <= 0) {
                    return;
                }
                total.merge(relid, c.writes(), Long::sum);
                StatementRecord b = biggest.get(relid);
                if (b == null || b.delta().get(relid).writes() < c.writes()) {
                    biggest.put(relid, r);
                }
            });
        }
        total.forEach((relid, written) -> judge(f, out, rs, relid, written, biggest.get(relid)));
    }

    private static void judge(StepFacts f, Findings out, List<StatementRecord> rs, long relid, long written,
                              StatementRecord at) {
        long rows = f.rowsAtStart(relid);
        long limit = f.settings().batchRows();
        boolean overLimit = written > limit;
        boolean overHalf = rows >= SMALL_TABLE_ROWS && written * 2 > rows;
        if (!overLimit && !overHalf) {
            return;
        }
        String name = f.name(relid);
        List<String> parts = new ArrayList<>();
        for (StatementRecord r : rs) {
            Probes.Counters c = r.delta().get(relid);
            if (c != null && c.writes() > 0) {
                parts.add(out.where(r.statement()) + ": " + Text.number(c.writes()));
            }
        }
        String why = overLimit ? "more than batchRows=" + Text.number(limit)
                : "more than half of its " + Text.number(rows) + " rows";
        out.add(HazardId.UNBATCHED_BACKFILL, name, at.statement(),
                "One transaction wrote " + Text.number(written) + " rows of " + name + " (" + why
                        + "); they stay locked until it commits.",
                "rows written (inserted + updated + deleted) per statement: " + String.join(", ", parts)
                        + "; table had " + Text.number(rows) + " rows; threshold batchRows=" + Text.number(limit)
                        + " or half a table of at least " + Text.number(SMALL_TABLE_ROWS) + " rows",
                at.endMs());
    }
}
