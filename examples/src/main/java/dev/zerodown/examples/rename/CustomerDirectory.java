package dev.zerodown.examples.rename;

import java.sql.SQLException;
import java.util.Optional;
import dev.zerodown.examples.shop.Address;

/**
 * The customer use cases every version of the shop offers. Versions differ only in the columns they
 * read and write: {@code customers.name} (v1), both (v2, v3), {@code customers.full_name} (v4).
 */
public interface CustomerDirectory {
    long register(String name, String email, Address address) throws SQLException;

    void rename(long customerId, String newName) throws SQLException;

    /** Empty when the customer does not exist; a customer without a name is a bug. */
    Optional<String> nameOf(long customerId) throws SQLException;
}
