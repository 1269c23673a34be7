package dev.zerodown.examples.rename.v3;

import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import dev.zerodown.examples.rename.CustomerDirectory;
import dev.zerodown.examples.shop.Address;
import dev.zerodown.examples.shop.Jdbc;

/**
 * v3, switch reads: reads {@code full_name} (complete since the backfill) and keeps writing both
 * columns, because v2, which reads {@code name}, is still live during the rolling deploy.
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
        return jdbc.queryOne("select full_name from customers where id = ?", rs -> rs.getString(1), customerId);
    }
}
