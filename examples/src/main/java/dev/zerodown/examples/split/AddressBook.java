package dev.zerodown.examples.split;

import java.sql.SQLException;
import java.util.Optional;
import dev.zerodown.examples.shop.Address;

/**
 * Customers and where they live. The address moves out of the wide {@code customers} table into
 * {@code customer_addresses}: v1 uses the old columns, v2 and v3 write both places, v4 only the new table.
 */
public interface AddressBook {
    long register(String name, String email, Address address) throws SQLException;

    void move(long customerId, Address newAddress) throws SQLException;

    Optional<Address> addressOf(long customerId) throws SQLException;
}
