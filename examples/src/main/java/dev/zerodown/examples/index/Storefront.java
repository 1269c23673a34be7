package dev.zerodown.examples.index;

import java.sql.SQLException;
import java.util.List;
import dev.zerodown.examples.shop.Address;

/** Sign-up and the "my orders" page. */
public interface Storefront {
    /** Signs a customer up; v2 updates the name when the email is already known. */
    long signUp(String name, String email, Address address) throws SQLException;

    /** The customer's ten latest orders: needs an index on orders.customer_id to stay fast. */
    List<Long> recentOrders(long customerId) throws SQLException;

    long placeOrder(long customerId, int totalCents) throws SQLException;
}
