package dev.zerodown.locks;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one query a sample runs: pg_locks read once, keeping only the rows of interest (waits in this
 * database, relation locks of the migration), with pg_stat_activity and pg_blocking_pids looked up
 * for waiting rows only. pg_locks is read only when some backend waits on a lock
 * ({@code wait_event_type = 'Lock'}) or the migration's backend is not idle (an idle backend holds no
 * relation locks): reading it walks the whole shared lock table under every lock-manager partition
 * lock, which costs more than the activity snapshot that answers "does anyone wait?". The statement
 * is prepared once with a generic plan (planning it costs more than running it), and relation names
 * come from a cache ({@link RelationNames}), not from a catalog join in every sample.
 *
 * <p>The activity snapshot is taken once per query, before pg_locks is read; a backend that started a
 * new statement in between shows its previous statement there. Such a waiting row is skipped (its
 * activity does not say {@code wait_event_type = 'Lock'}) and seen consistently by the next sample,
 * so one wait is never split in two by a stale statement start.
 */
final class SampleQuery implements AutoCloseable {
    static final String SQL = """
            with l as materialized (
              select l.* from pg_catalog.pg_locks l
               where exists (select from pg_catalog.pg_stat_get_activity(null) g
                              where g.wait_event_type = 'Lock' or (g.pid = ? and g.state is distinct from 'idle'))
                 and l.pid <> pg_catalog.pg_backend_pid()
                 and (not l.granted or (l.pid = ? and l.locktype = 'relation')))
            select l.pid, false, l.locktype, l.mode, coalesce(l.relation::int8, 0),
                   concat_ws(':', l.locktype, l.database, l.relation, l.page, l.tuple, l.virtualxid,
                             l.transactionid, l.classid, l.objid, l.objsubid, l.mode,
                             extract(epoch from a.query_start)),
                   a.application_name, left(a.query, 400), pg_catalog.pg_blocking_pids(l.pid), %s
              from l cross join lateral pg_catalog.pg_stat_get_activity(l.pid) a
             where not l.granted and a.datid::int8 = ? and a.wait_event_type = 'Lock'
            union all
            select l.pid, true, l.locktype, l.mode, l.relation::int8, null, null, null, null, null
              from l
             where l.granted
            """;

    /** pg_locks.waitstart exists from PostgreSQL 14 on. */
    private static final String WAITED_14 = "extract(epoch from clock_timestamp() - l.waitstart)::float8 * 1000";
    private static final String WAITED_13 = "null::float8";

    private final PreparedStatement statement;
    private final RelationNames names;
    private final long databaseOid;

    SampleQuery(Connection connection) throws SQLException {
        try (var s = connection.createStatement();
             ResultSet rs = s.executeQuery(
                     "select oid::int8 from pg_catalog.pg_database where datname = current_database()")) {
            rs.next();
            this.databaseOid = rs.getLong(1);
        }
        boolean waitstart = connection.getMetaData().getDatabaseMajorVersion() >= 14;
        this.statement = connection.prepareStatement(String.format(SQL, waitstart ? WAITED_14 : WAITED_13));
        this.statement.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(1);
        this.names = new RelationNames(connection);
    }

    /** Forgets cached relation names (a new step may rename relations). */
    void forgetNames() {
        names.clear();
    }

    /** Runs one sample; {@code migrationPid} 0 reads no held locks. */
    List<LockRow> run(int migrationPid) throws SQLException {
        statement.setInt(1, migrationPid);
        statement.setInt(2, migrationPid);
        statement.setLong(3, databaseOid);
        List<Raw> raws = new ArrayList<>();
        Set<Long> oids = new HashSet<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                double waited = rs.getDouble(10);
                if (rs.wasNull()) {
                    waited = Double.NaN;
                }
                Raw r = new Raw(rs.getInt(1), rs.getBoolean(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), ints(rs.getArray(9)), waited);
                raws.add(r);
                if (r.relationOid != 0) {
                    oids.add(r.relationOid);
                }
            }
        }
        if (raws.isEmpty()) {
            return List.of();
        }
        names.resolve(oids);
        List<LockRow> rows = new ArrayList<>(raws.size());
        for (Raw r : raws) {
            rows.add(new LockRow(r.pid, r.granted, r.locktype, r.mode, r.relationOid, names.name(r.relationOid),
                    r.target, r.applicationName, r.query, r.blockers, r.waitedMs));
        }
        return rows;
    }

    private static int[] ints(Array array) throws SQLException {
        if (array == null) {
            return new int[0];
        }
        Object[] values = (Object[]) array.getArray();
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = ((Number) values[i]).intValue();
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        try {
            names.close();
        } finally {
            statement.close();
        }
    }

    private record Raw(int pid, boolean granted, String locktype, String mode, long relationOid, String target,
                       String applicationName, String query, int[] blockers, double waitedMs) {
    }
}
