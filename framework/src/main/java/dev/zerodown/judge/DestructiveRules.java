package dev.zerodown.judge;

import dev.zerodown.config.Text;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.migrations.SqlStatement;
import dev.zerodown.trace.Catalog;
import dev.zerodown.trace.CatalogDiff.Change;
import dev.zerodown.trace.CatalogDiff;
import dev.zerodown.trace.StatementRecord;
import dev.zerodown.trace.StepFacts;

/** {@code destructive}: the step dropped a table or a column of a table, or truncated a table. */
final class DestructiveRules {
    private DestructiveRules() {
    }

    static void apply(StepFacts f, CatalogDiff diff, Findings out) {
        for (Change c : diff.changes(CatalogDiff.Kind.TABLE_DROPPED, CatalogDiff.Kind.COLUMN_DROPPED,
                CatalogDiff.Kind.TABLE_TRUNCATED)) {
            Catalog.Rel table = table(f, c);
            if (table == null || !(table.kind() == 'r' || table.kind() == 'p')) {
                continue;
            }
            StatementRecord r = record(f, c.line());
            SqlStatement s = r == null ? null : r.statement();
            long rows = f.rowsAtStart(table.oid());
            String what = switch (c.kind()) {
                case TABLE_DROPPED -> "dropped " + table.kindName() + " " + table.qualified();
                case COLUMN_DROPPED -> "dropped column " + c.object();
                default -> "truncated " + table.qualified();
            };
            out.add(HazardId.DESTRUCTIVE, table.qualified(), s,
                    (s == null ? f.step().fileName() : out.where(s)) + " " + what + "; the data of its "
                            + Text.number(rows) + " rows is gone.",
                    c.describe() + "; " + table.qualified() + " had " + Text.number(rows) + " rows when the step began",
                    r == null ? -1 : r.endMs());
        }
    }

    private static Catalog.Rel table(StepFacts f, Change c) {
        String name = c.kind() == CatalogDiff.Kind.COLUMN_DROPPED
                ? c.object().substring(0, c.object().lastIndexOf('.')) : c.object();
        return f.pre().relations().values().stream().filter(r -> r.qualified().equals(name) && r.isTableLike())
                .findFirst().orElse(null);
    }

    static StatementRecord record(StepFacts f, int line) {
        return f.records().stream().filter(r -> r.line() == line).findFirst().orElse(null);
    }
}
