package dev.zerodown.examples.split.v4;

import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import dev.zerodown.examples.shop.Address;
import dev.zerodown.examples.shop.Jdbc;
import dev.zerodown.examples.split.AddressBook;
import dev.zerodown.examples.split.DualWrite;

/** v4, new shape only: customers keeps name and email, the address lives in {@code customer_addresses}. */
public final class JdbcAddressBook implements AddressBook {
    private final Jdbc jdbc;

    public JdbcAddressBook(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public long register(String name, String email, Address a) throws SQLException {
        return jdbc.inTransaction(c -> {
            long id = Jdbc.insert(c, "insert into customers (name, email) values (?, ?) returning id", name, email);
            DualWrite.upsertAddress(c, id, a);
            return id;
        });
    }

    @Override
    public void move(long customerId, Address a) throws SQLException {
        jdbc.update("update customer_addresses set street = ?, city = ?, postal_code = ?, country = ?"
                + " where customer_id = ?", a.street(), a.city(), a.postalCode(), a.country(), customerId);
    }

    @Override
    public Optional<Address> addressOf(long customerId) throws SQLException {
        return jdbc.queryOne("select street, city, postal_code, country from customer_addresses where customer_id = ?",
                rs -> new Address(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), customerId);
    }
}
