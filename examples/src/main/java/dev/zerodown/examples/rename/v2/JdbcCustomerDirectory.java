package dev.zerodown.examples.rename.v2;

import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import dev.zerodown.examples.rename.CustomerDirectory;
import dev.zerodown.examples.shop.Address;
import dev.zerodown.examples.shop.Jdbc;

/**
 * v2, dual write: writes {@code name} and {@code full_name} in the same statement, still reads
 * {@code name} (the only column that is complete until the backfill ran). Runs beside v1.
 */
public final class JdbcCustomerDirectory implements CustomerDirectory {
    private final Jdbc jdbc;

    public JdbcCustomerDirectory(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public long register(String name, String email, Address a) throws SQLException {
        return jdbc.insert("insert into customers (name, full_name, email, street, city, postal_code, country)"
                + " values (?, ?, ?, ?, ?, ?, ?) returning id", name, name, email, a.street(), a.city(), a.postalCode(),
                a.country());
    }

    @Override
    public void rename(long customerId, String newName) throws SQLException {
        jdbc.update("update customers set name = ?, full_name = ? where id = ?", newName, newName, customerId);
    }

    @Override
    public Optional<String> nameOf(long customerId) throws SQLException {
        return jdbc.queryOne("select name from customers where id = ?", rs -> rs.getString(1), customerId);
    }
}
