package dev.zerodown.examples.split.v1;

import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import dev.zerodown.examples.shop.Address;
import dev.zerodown.examples.shop.Jdbc;
import dev.zerodown.examples.split.AddressBook;

/** v1, in production today: the address is four columns of {@code customers}. */
public final class JdbcAddressBook implements AddressBook {
    private final Jdbc jdbc;

    public JdbcAddressBook(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public long register(String name, String email, Address a) throws SQLException {
        return jdbc.insert("insert into customers (name, email, street, city, postal_code, country)"
                + " values (?, ?, ?, ?, ?, ?) returning id", name, email, a.street(), a.city(), a.postalCode(), a.country());
    }

    @Override
    public void move(long customerId, Address a) throws SQLException {
        jdbc.update("update customers set street = ?, city = ?, postal_code = ?, country = ? where id = ?",
                a.street(), a.city(), a.postalCode(), a.country(), customerId);
    }

    @Override
    public Optional<Address> addressOf(long customerId) throws SQLException {
        return jdbc.queryOne("select street, city, postal_code, country from customers where id = ?",
                rs -> new Address(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), customerId);
    }
}
