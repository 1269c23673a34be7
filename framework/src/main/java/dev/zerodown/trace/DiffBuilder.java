package dev.zerodown.trace;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.zerodown.config.Text;
import dev.zerodown.trace.CatalogDiff.Change;
import dev.zerodown.trace.CatalogDiff.Kind;

/** Computes a {@link CatalogDiff} between two catalogs, by oid. */
final class DiffBuilder {
    private final Catalog a;
    private final Catalog b;
    private final String file;
    private final List<Change> out = new ArrayList<>();

    private DiffBuilder(Catalog a, Catalog b, String file) {
        this.a = a;
        this.b = b;
        this.file = file;
    }

    /** The changes from {@code before} to {@code after}, without statement lines. */
    static List<Change> between(Catalog before, Catalog after, String file) {
        DiffBuilder d = new DiffBuilder(before, after, file);
        d.relations();
        d.columns();
        d.types();
        d.functions();
        return d.out;
    }

    /** The step's diff: committed catalogs before and after, each change attributed to the first statement that made it. */
    static CatalogDiff of(StepFacts f) {
        String file = f.step().fileName();
        Map<String, Change> changes = new LinkedHashMap<>();
        for (Change c : between(f.pre(), f.post(), file)) {
            changes.put(key(c), c);
        }
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (StatementRecord r : f.records()) {
            if (r.catalog() != null) {
                for (Change c : between(f.pre(), r.catalog(), file)) {
                    lines.putIfAbsent(key(c), r.line());
                }
            }
        }
        List<Change> out = new ArrayList<>();
        changes.forEach((k, c) -> out.add(new Change(c.kind(), c.object(), c.before(), c.after(), file, lines.getOrDefault(k, 0))));
        Set<Long> committedTruncates = new HashSet<>();
        f.truncations().forEach((r, relids) -> {
            for (long relid : relids) {
                boolean committed = !r.inBlock() || f.txns().stream().anyMatch(t -> t.index() == r.txn() && t.committed());
                if (committed && committedTruncates.add(relid)) {
                    out.add(new Change(Kind.TABLE_TRUNCATED, f.name(relid), Text.number(f.rowsAtStart(relid)), null,
                            file, r.line()));
                }
            }
        });
        return new CatalogDiff(out);
    }

    private static String key(Change c) {
        return c.kind() + "|" + c.object();
    }

    private void add(Kind kind, String object, String before, String after) {
        out.add(new Change(kind, object, before, after, file, 0));
    }

    private void relations() {
        Set<String> namesAfter = new HashSet<>();
        b.relations().values().forEach(r -> namesAfter.add(r.qualified()));
        for (Catalog.Rel old : a.relations().values()) {
            if (!old.isTableLike()) {
                continue;
            }
            Catalog.Rel now = b.relation(old.oid());
            boolean view = old.kind() == 'v' || old.kind() == 'm';
            if (now == null && !(view && namesAfter.contains(old.qualified()))) {
                add(Kind.TABLE_DROPPED, old.qualified(), old.kindName(), null);
            } else if (now != null && !now.qualified().equals(old.qualified())) {
                add(Kind.TABLE_RENAMED, old.qualified(), old.qualified(), now.qualified());
            }
        }
    }

    private void columns() {
        for (Catalog.Col old : a.columns().values()) {
            Catalog.Rel table = a.relation(old.relid());
            if (table == null || b.relation(old.relid()) == null) {
                continue;
            }
            String object = table.qualified() + "." + old.name();
            Catalog.Col now = b.column(old.relid(), old.attnum());
            if (now == null) {
                add(Kind.COLUMN_DROPPED, object, old.name(), null);
                continue;
            }
            if (!now.name().equals(old.name())) {
                add(Kind.COLUMN_RENAMED, object, old.name(), now.name());
            }
            if (now.typid() != old.typid() || now.typmod() != old.typmod()) {
                add(Kind.COLUMN_RETYPED, object, old.type(), now.type());
            }
            if (now.notNull() && !old.notNull()) {
                add(Kind.COLUMN_REQUIRED, object, null, null);
            }
        }
        for (Catalog.Col now : b.columns().values()) {
            Catalog.Rel table = a.relation(now.relid());
            if (table != null && table.kind() != 'v' && a.column(now.relid(), now.attnum()) == null && now.notNull()
                    && !now.hasDefault()) {
                add(Kind.COLUMN_REQUIRED, table.qualified() + "." + now.name(), null, "added without a default");
            }
        }
    }

    private void types() {
        Map<String, Catalog.Typ> byNameAfter = new LinkedHashMap<>();
        b.types().values().forEach(t -> byNameAfter.put(t.qualified(), t));
        for (Catalog.Typ old : a.types().values()) {
            Catalog.Typ now = b.types().get(old.oid());
            if (now == null && !byNameAfter.containsKey(old.qualified())) {
                add(Kind.TYPE_DROPPED, old.qualified(), old.qualified(), null);
            } else if (now != null && !now.qualified().equals(old.qualified())) {
                add(Kind.TYPE_RENAMED, old.qualified(), old.qualified(), now.qualified());
            }
            if (old.kind() != 'e') {
                continue;
            }
            if (now != null) {
                old.labels().forEach((oid, label) -> {
                    String after = now.labels().get(oid);
                    if (after != null && !after.equals(label)) {
                        add(Kind.ENUM_VALUE_RENAMED, old.qualified(), label, after);
                    }
                });
            }
            Catalog.Typ successor = byNameAfter.get(old.qualified());
            Catalog.Typ compare = successor != null && successor.kind() == 'e' ? successor : now;
            if (compare != null) {
                for (Map.Entry<Long, String> e : old.labels().entrySet()) {
                    boolean renamed = compare == now && now.labels().containsKey(e.getKey());
                    if (!renamed && !compare.labels().containsValue(e.getValue())) {
                        add(Kind.ENUM_VALUE_DROPPED, old.qualified(), e.getValue(), null);
                    }
                }
            }
        }
    }

    private void functions() {
        Set<String> signaturesAfter = new HashSet<>();
        b.functions().values().forEach(fn -> signaturesAfter.add(fn.signature()));
        for (Catalog.Fn old : a.functions().values()) {
            Catalog.Fn now = b.functions().get(old.oid());
            if (now == null && !signaturesAfter.contains(old.signature())) {
                add(Kind.FUNCTION_DROPPED, old.signature(), old.signature(), null);
            } else if (now != null && !now.signature().equals(old.signature())) {
                add(Kind.FUNCTION_RENAMED, old.signature(), old.signature(), now.signature());
            }
        }
    }
}
