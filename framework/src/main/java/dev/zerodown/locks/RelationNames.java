package dev.zerodown.locks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Schema-qualified names of the relations the samples see, looked up once per oid instead of in
 * every sample (a catalog join in the sample query costs more than the rest of it when nobody
 * waits). A relation the monitor cannot see yet (created in the migration's open transaction) is
 * looked up again after a pause. Names are forgotten on {@link #clear()} and after a while, so a
 * renamed table shows its new name once the rename committed.
 */
final class RelationNames {
    private static final String SQL = "select c.oid::int8, n.nspname || '.' || c.relname"
            + " from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
            + " where c.oid::int8 = any(?)";
    private static final long FORGET_NANOS = 5_000_000_000L;
    private static final long RETRY_NANOS = 250_000_000L;

    private final Connection connection;
    private final PreparedStatement statement;
    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, Long> unknownSince = new HashMap<>();
    private long forgetAt;

    RelationNames(Connection connection) throws SQLException {
        this.connection = connection;
        this.statement = connection.prepareStatement(SQL);
        this.forgetAt = System.nanoTime() + FORGET_NANOS;
    }

    /** Forgets every name (the next step may have renamed relations). */
    void clear() {
        names.clear();
        unknownSince.clear();
    }

    /** Looks up the oids not known yet; a name stays null while the relation is invisible to the monitor. */
    void resolve(Set<Long> oids) throws SQLException {
        long now = System.nanoTime();
        if (now - forgetAt > 0) {
            clear();
            forgetAt = now + FORGET_NANOS;
        }
        Long[] missing = oids.stream().filter(o -> !names.containsKey(o))
                .filter(o -> !unknownSince.containsKey(o) || now - unknownSince.get(o) > RETRY_NANOS)
                .toArray(Long[]::new);
        if (missing.length == 0) {
            return;
        }
        statement.setArray(1, connection.createArrayOf("int8", missing));
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                names.put(rs.getLong(1), rs.getString(2));
            }
        }
        for (Long oid : missing) {
            if (names.containsKey(oid)) {
                unknownSince.remove(oid);
            } else {
                unknownSince.put(oid, now);
            }
        }
    }

    /** The name, or null when not known. */
    String name(long oid) {
        return names.get(oid);
    }

    void close() throws SQLException {
        statement.close();
    }
}
