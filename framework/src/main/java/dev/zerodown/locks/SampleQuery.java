package dev.zerodown.locks;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one query a sample runs: pg_locks read once, keeping only the rows of interest (waits in this
 * database, relation locks of the migration), with pg_stat_activity and pg_blocking_pids looked up
 * for waiting rows only. Without a migration backend, pg_locks is read only when some backend waits
 * on a lock ({@code wait_event_type = 'Lock'}): reading it walks the whole shared lock table under
 * every lock-manager partition lock, which costs more than the activity snapshot that answers
 * "does anyone wait?". The statement is prepared once with a generic plan: planning it costs more
 * than running it.
 */
final class SampleQuery implements AutoCloseable {
    static final String SQL = """
            select l.pid, l.granted, l.locktype, l.mode, l.relation::int8 as reloid,
                   case when l.relation is not null then
                     (select n.nspname || '.' || c.relname
                        from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
                       where c.oid = l.relation) end as relname,
                   concat_ws(':', l.locktype, l.database, l.relation, l.page, l.tuple, l.virtualxid,
                             l.transactionid, l.classid, l.objid, l.objsubid) as target,
                   a.application_name, left(a.query, 400) as query,
                   case when not l.granted then pg_catalog.pg_blocking_pids(l.pid) end as blockers
              from pg_catalog.pg_locks l
              left join lateral (select s.application_name, s.query, s.datid
                                   from pg_catalog.pg_stat_get_activity(l.pid) s
                                  where not l.granted) a on true
             where (?::int <> 0 or exists (select from pg_catalog.pg_stat_get_activity(null) g
                                            where g.wait_event_type = 'Lock'))
               and l.pid <> pg_catalog.pg_backend_pid()
               and ((not l.granted and a.datid::int8 = ?)
                    or (l.granted and l.pid = ? and l.locktype = 'relation'))
            """;

    private final PreparedStatement statement;
    private final long databaseOid;

    SampleQuery(Connection connection) throws SQLException {
        try (var s = connection.createStatement();
             ResultSet rs = s.executeQuery("select oid::int8 from pg_catalog.pg_database where datname = current_database()")) {
            rs.next();
            this.databaseOid = rs.getLong(1);
        }
        this.statement = connection.prepareStatement(SQL);
        this.statement.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(1);
    }

    /** Runs one sample; {@code migrationPid} 0 reads no held locks. */
    List<LockRow> run(int migrationPid) throws SQLException {
        statement.setInt(1, migrationPid);
        statement.setLong(2, databaseOid);
        statement.setInt(3, migrationPid);
        List<LockRow> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rows.add(new LockRow(rs.getInt(1), rs.getBoolean(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), ints(rs.getArray(10))));
            }
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
        statement.close();
    }
}
