package dev.zerodown.load;

import dev.zerodown.load.SyntheticTable.Op;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * One client of synthetic traffic. Each request is one transaction, as an ORM session runs it: a
 * random table, then a point read, a load-and-write-back update, an insert of a new row or a
 * delete of a row this client inserted, chosen by the mix's weights. Statements run on pgjdbc's
 * defaults (extended protocol, server-prepared after {@code prepareThreshold} uses).
 */
final class SyntheticClient implements AppVersion {
    private final List<SyntheticTable> tables;
    private final DataSource dataSource;
    private final SplittableRandom random;
    private final SyntheticMix mix;
    private final LongSupplier sequence;
    private final Map<String, List<String[]>> inserted = new HashMap<>();

    SyntheticClient(List<SyntheticTable> tables, DataSource dataSource, SplittableRandom random, SyntheticMix mix,
                    LongSupplier sequence) {
        this.tables = tables;
        this.dataSource = dataSource;
        this.random = random;
        this.mix = mix;
        this.sequence = sequence;
    }

    @Override
    public void request() throws StatementFailure {
        SyntheticTable t = tables.get(random.nextInt(tables.size()));
        List<String[]> mine = own(t.table.qualifiedName());
        Op op = mix.choose(random, t.ops, !mine.isEmpty());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                run(c, t, op, mine);
                c.commit();
            } catch (StatementFailure | RuntimeException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new StatementFailure("connect", Set.of(), e);
        }
    }

    /** The keys this client inserted into a table (and did not delete yet). */
    List<String[]> own(String table) {
        return inserted.computeIfAbsent(table, k -> new ArrayList<>());
    }

    /** Runs one request of {@code op} on {@code t}; used by the load and by the check at start. */
    void run(Connection c, SyntheticTable t, Op op, List<String[]> mine) throws StatementFailure {
        switch (op) {
            case READ -> read(c, t, key(t, mine));
            case UPDATE -> update(c, t, key(t, mine));
            case INSERT -> insert(c, t, mine);
            case DELETE -> delete(c, t, mine);
        }
    }

    private String[] key(SyntheticTable t, List<String[]> mine) {
        int sampled = t.rows.size();
        if (sampled + mine.size() == 0) {
            return null;
        }
        int i = random.nextInt(sampled + mine.size());
        return i < sampled || !t.keyed() ? t.sampledPredicate(random) : mine.get(i - sampled);
    }

    private void read(Connection c, SyntheticTable t, String[] key) throws StatementFailure {
        String sql = key == null ? t.readAny : t.read;
        execute(c, sql, key, false);
    }

    private void update(Connection c, SyntheticTable t, String[] key) throws StatementFailure {
        if (key == null) {
            read(c, t, null);
            return;
        }
        String[] loaded = load(c, t, key);
        if (loaded == null) {
            return;
        }
        String[] values = t.updateValues(loaded);
        String[] params = new String[values.length + key.length];
        System.arraycopy(values, 0, params, 0, values.length);
        System.arraycopy(key, 0, params, values.length, key.length);
        execute(c, t.update, params, false);
    }

    private String[] load(Connection c, SyntheticTable t, String[] key) throws StatementFailure {
        try (PreparedStatement ps = c.prepareStatement(t.load)) {
            bind(ps, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String[] row = new String[t.table.columns().size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = rs.getString(i + 1);
                }
                return row;
            }
        } catch (SQLException e) {
            throw new StatementFailure(t.load, Set.of(), e);
        }
    }

    private void insert(Connection c, SyntheticTable t, List<String[]> mine) throws StatementFailure {
        String[] values = t.newRow(random, sequence, this::own);
        if (values == null) {
            // no parent row for a foreign key yet: an application would not offer this insert either
            read(c, t, key(t, mine));
            return;
        }
        String[] key = execute(c, t.insert, values, t.keyed());
        if (key != null) {
            mine.add(key);
        }
    }

    private void delete(Connection c, SyntheticTable t, List<String[]> mine) throws StatementFailure {
        if (mine.isEmpty()) {
            insert(c, t, mine);
            return;
        }
        String[] key = mine.remove(mine.size() - 1);
        execute(c, t.delete, key, false);
    }

    /** Executes with text parameters; returns the first row as text when {@code returning}. */
    private static String[] execute(Connection c, String sql, String[] params, boolean returning) throws StatementFailure {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            if (!ps.execute() || !returning) {
                return null;
            }
            try (ResultSet rs = ps.getResultSet()) {
                if (!rs.next()) {
                    return null;
                }
                String[] row = new String[rs.getMetaData().getColumnCount()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = rs.getString(i + 1);
                }
                return row;
            }
        } catch (SQLException e) {
            throw new StatementFailure(sql, Set.of(), e);
        }
    }

    private static void bind(PreparedStatement ps, String[] params) throws SQLException {
        for (int i = 0; params != null && i < params.length; i++) {
            ps.setString(i + 1, params[i]);
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }
}
