package dev.zerodown.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import javax.sql.DataSource;

/** One client of synthetic traffic: a random table, then a point read or a no-op update (half each). */
final class SyntheticClient implements AppVersion {
    private final List<SyntheticTable> tables;
    private final DataSource dataSource;
    private final SplittableRandom random;

    SyntheticClient(List<SyntheticTable> tables, DataSource dataSource, SplittableRandom random) {
        this.tables = tables;
        this.dataSource = dataSource;
        this.random = random;
    }

    @Override
    public void request() throws StatementFailure {
        SyntheticTable t = tables.get(random.nextInt(tables.size()));
        String[] key = t.keys().isEmpty() ? null : t.keys().get(random.nextInt(t.keys().size()));
        String sql = key == null ? t.readAny() : random.nextBoolean() ? t.read() : t.update();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; key != null && i < key.length; i++) {
                ps.setString(i + 1, key[i]);
            }
            ps.execute();
        } catch (SQLException e) {
            throw new StatementFailure(sql, Set.of(), e);
        }
    }
}
