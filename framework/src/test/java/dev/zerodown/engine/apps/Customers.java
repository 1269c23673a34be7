package dev.zerodown.engine.apps;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import dev.zerodown.load.AppVersion;

/**
 * The versions of a small customer repository through a column rename, written as a team would:
 * each request reads or renames one random customer.
 */
public final class Customers {
    private Customers() {
    }

    static long anyId() {
        return ThreadLocalRandom.current().nextLong(1, 20_001);
    }

    static void read(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, anyId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
    }

    static void write(DataSource ds, String sql, int values) throws SQLException {
        String name = "customer " + ThreadLocalRandom.current().nextInt(1_000_000);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 1; i <= values; i++) {
                ps.setString(i, name);
            }
            ps.setLong(values + 1, anyId());
            ps.executeUpdate();
        }
    }

    /** Reads and writes {@code name}. */
    public record V1(DataSource ds) implements AppVersion {
        @Override
        public void request() throws SQLException {
            if (ThreadLocalRandom.current().nextBoolean()) {
                read(ds, "select name from customers where id = ?");
            } else {
                write(ds, "update customers set name = ? where id = ?", 1);
            }
        }
    }

    /** Dual write: reads {@code name}, writes both columns. */
    public record V2(DataSource ds) implements AppVersion {
        @Override
        public void request() throws SQLException {
            if (ThreadLocalRandom.current().nextBoolean()) {
                read(ds, "select name from customers where id = ?");
            } else {
                write(ds, "update customers set name = ?, full_name = ? where id = ?", 2);
            }
        }
    }

    /** Switch reads: reads {@code full_name}, still writes both. */
    public record V3(DataSource ds) implements AppVersion {
        @Override
        public void request() throws SQLException {
            if (ThreadLocalRandom.current().nextBoolean()) {
                read(ds, "select full_name from customers where id = ?");
            } else {
                write(ds, "update customers set name = ?, full_name = ? where id = ?", 2);
            }
        }
    }

    /** Only the new column. */
    public record V4(DataSource ds) implements AppVersion {
        @Override
        public void request() throws SQLException {
            if (ThreadLocalRandom.current().nextBoolean()) {
                read(ds, "select full_name from customers where id = ?");
            } else {
                write(ds, "update customers set full_name = ? where id = ?", 1);
            }
        }
    }

    /** Reads the nickname (rollback-check scenario). */
    public record ReadsNickname(DataSource ds) implements AppVersion {
        @Override
        public void request() throws SQLException {
            read(ds, "select name, nickname from customers where id = ?");
        }
    }

    /** Reads the name only (rollback-check scenario). */
    public record ReadsName(DataSource ds) implements AppVersion {
        @Override
        public void request() throws SQLException {
            read(ds, "select name from customers where id = ?");
        }
    }
}
