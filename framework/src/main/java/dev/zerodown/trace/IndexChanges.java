package dev.zerodown.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * How the indexes of one statement changed. PostgreSQL recreates some indexes under a new oid
 * (ALTER COLUMN TYPE, REINDEX CONCURRENTLY), sometimes reusing the old storage: an index that
 * vanished and one of the same name on the same table that appeared are paired as one index.
 *
 * @param built   new indexes (no predecessor)
 * @param dropped indexes gone without a successor
 * @param rebuilt (before, after) pairs that got new storage
 */
@API(status = API.Status.INTERNAL)
public record IndexChanges(List<Catalog.Rel> built, List<Catalog.Rel> dropped, List<Catalog.Rel[]> rebuilt) {

    public static IndexChanges of(Catalog before, Catalog after) {
        Map<String, Catalog.Rel> gone = new HashMap<>();
        List<Catalog.Rel[]> rebuilt = new ArrayList<>();
        for (Catalog.Rel old : before.relations().values()) {
            if (!old.isIndex()) {
                continue;
            }
            Catalog.Rel now = after.relation(old.oid());
            if (now == null) {
                gone.put(key(old), old);
            } else if (now.filenode() != old.filenode()) {
                rebuilt.add(new Catalog.Rel[] {old, now});
            }
        }
        List<Catalog.Rel> built = new ArrayList<>();
        for (Catalog.Rel now : after.relations().values()) {
            if (!now.isIndex() || before.relation(now.oid()) != null) {
                continue;
            }
            Catalog.Rel old = gone.remove(key(now));
            if (old == null) {
                built.add(now);
            } else if (old.filenode() != now.filenode()) {
                rebuilt.add(new Catalog.Rel[] {old, now});
            }
        }
        return new IndexChanges(built, List.copyOf(gone.values()), rebuilt);
    }

    private static String key(Catalog.Rel idx) {
        return idx.tableOid() + "|" + idx.schema() + "." + idx.name();
    }
}
