package dev.zerodown.examples.index;

import java.sql.SQLException;
import dev.zerodown.examples.Seeded;
import dev.zerodown.load.AppVersion;

/**
 * The storefront under load: "my orders" pages, new orders, sign-ups. With {@code signUpAgain},
 * some sign-ups reuse the email of an existing customer (v2 turns them into updates).
 */
public class StorefrontTraffic implements AppVersion {
    private final Storefront store;
    private final boolean signUpAgain;

    public StorefrontTraffic(Storefront store, boolean signUpAgain) {
        this.store = store;
        this.signUpAgain = signUpAgain;
    }

    @Override
    public void request() throws SQLException {
        int dice = Seeded.dice();
        if (dice < 40) {
            store.recentOrders(Seeded.customerId());
        } else if (dice < 70) {
            store.placeOrder(Seeded.customerId(), 2_000 + dice);
        } else if (signUpAgain && dice < 85) {
            long existing = Seeded.customerId();
            store.signUp("Customer " + existing + " again", "customer" + existing + "@example.com", Seeded.address());
        } else {
            store.signUp("New Customer", Seeded.newEmail(), Seeded.address());
        }
    }
}
