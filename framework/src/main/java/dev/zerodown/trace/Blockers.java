package dev.zerodown.trace;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What a backend waits for and who blocks it, read from pg_locks, pg_stat_activity and
 * pg_blocking_pids (through the lock queue, blocker of blocker included).
 *
 * @param waitingFor the lock it waits for (mode and relation), or null when it does not wait on a lock
 * @param relation   the schema-qualified relation it waits for, or null
 * @param mode       the lock mode it waits for, or null
 * @param chain      one line per blocking backend, nearest first
 */
@API(status = API.Status.INTERNAL)
public record Blockers(String waitingFor, String relation, String mode, List<String> chain) {
    private static final int MAX_BACKENDS = 10;

    public boolean waiting() {
        return waitingFor != null;
    }

    /** One sentence: what it waited for and who held it. */
    public String describe() {
        if (!waiting()) {
            return "not waiting on a lock";
        }
        return "waiting for " + waitingFor + (chain.isEmpty() ? "" : "; blocked by " + String.join("; ", chain));
    }

    public static Blockers of(Connection c, int pid) throws SQLException {
        String[] wait = waitingLock(c, pid);
        if (wait == null) {
            return new Blockers(null, null, null, List.of());
        }
        List<String> chain = new ArrayList<>();
        Set<Integer> seen = new LinkedHashSet<>();
        Deque<Integer> todo = new ArrayDeque<>(blockingPids(c, pid));
        while (!todo.isEmpty() && seen.size() < MAX_BACKENDS) {
            int b = todo.removeFirst();
            if (b == pid || !seen.add(b)) {
                continue;
            }
            chain.add(activity(c, b));
            todo.addAll(blockingPids(c, b));
        }
        String what = wait[1] + (wait[0] == null ? " (" + wait[2] + ")" : " on " + wait[0]);
        return new Blockers(what, wait[0], wait[1], List.copyOf(chain));
    }

    /** {relation or null, mode, locktype} of the ungranted lock of {@code pid}, or null. */
    private static String[] waitingLock(Connection c, int pid) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select (select n.nspname || '.' || r.relname"
                + " from pg_catalog.pg_class r join pg_catalog.pg_namespace n on n.oid = r.relnamespace where r.oid = l.relation),"
                + " l.mode, l.locktype from pg_catalog.pg_locks l where l.pid = ? and not l.granted limit 1")) {
            s.setInt(1, pid);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2), rs.getString(3)} : null;
            }
        }
    }

    private static List<Integer> blockingPids(Connection c, int pid) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_catalog.pg_blocking_pids(?)")) {
            s.setInt(1, pid);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                Array a = rs.getArray(1);
                List<Integer> out = new ArrayList<>();
                if (a != null) {
                    for (Object o : (Object[]) a.getArray()) {
                        out.add(((Number) o).intValue());
                    }
                }
                return out;
            }
        }
    }

    private static String activity(Connection c, int pid) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select application_name, state,"
                + " (extract(epoch from now() - coalesce(xact_start, backend_start)) * 1000)::int8,"
                + " regexp_replace(left(query, 160), '\\s+', ' ', 'g')"
                + " from pg_catalog.pg_stat_activity where pid = ?")) {
            s.setInt(1, pid);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return "pid " + pid + " (gone)";
                }
                String app = rs.getString(1) == null || rs.getString(1).isEmpty() ? "no application_name" : rs.getString(1);
                return String.format(Locale.ROOT, "pid %d (%s, %s, transaction open %d ms, last query: %s)", pid, app,
                        rs.getString(2), rs.getLong(3), rs.getString(4));
            }
        }
    }
}
