package dev.zerodown.examples.rename.v4;

import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import dev.zerodown.examples.rename.CustomerDirectory;
import dev.zerodown.examples.shop.Address;
import dev.zerodown.examples.shop.Jdbc;

/**
 * v4, new shape only: {@code name} is no longer read or written, so it can be dropped once v3 is
 * retired. Its inserts leave {@code name} empty, which is why V4 made that column nullable first.
 */
public final class JdbcCustomerDirectory implements CustomerDirectory {
    private final Jdbc jdbc;

    public JdbcCustomerDirectory(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public long register(String name, String email, Address a) throws SQLException {
        return jdbc.insert("insert into customers (full_name, email, street, city, postal_code, country)"
                + " values (?, ?, ?, ?, ?, ?) returning id", name, email, a.street(), a.city(), a.postalCode(), a.country());
    }

    @Override
    public void rename(long customerId, String newName) throws SQLException {
        jdbc.update("update customers set full_name = ? where id = ?", newName, customerId);
    }

    @Override
    public Optional<String> nameOf(long customerId) throws SQLException {
        return jdbc.queryOne("select full_name from customers where id = ?", rs -> rs.getString(1), customerId);
    }
}
