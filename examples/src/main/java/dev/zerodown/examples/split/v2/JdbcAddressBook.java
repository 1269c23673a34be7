package dev.zerodown.examples.split.v2;

import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import dev.zerodown.examples.shop.Address;
import dev.zerodown.examples.shop.Jdbc;
import dev.zerodown.examples.split.AddressBook;
import dev.zerodown.examples.split.DualWrite;

/** v2, dual write: both places in one transaction; reads the old columns (the only complete copy yet). */
public final class JdbcAddressBook implements AddressBook {
    private final Jdbc jdbc;

    public JdbcAddressBook(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public long register(String name, String email, Address a) throws SQLException {
        return jdbc.inTransaction(c -> DualWrite.register(c, name, email, a));
    }

    @Override
    public void move(long customerId, Address a) throws SQLException {
        jdbc.inTransaction(c -> {
            DualWrite.move(c, customerId, a);
            return null;
        });
    }

    @Override
    public Optional<Address> addressOf(long customerId) throws SQLException {
        return jdbc.queryOne("select street, city, postal_code, country from customers where id = ?",
                rs -> new Address(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), customerId);
    }
}
