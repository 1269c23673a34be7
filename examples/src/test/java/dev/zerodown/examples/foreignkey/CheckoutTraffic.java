package dev.zerodown.examples.foreignkey;

import java.sql.SQLException;
import java.util.List;
import dev.zerodown.examples.Seeded;
import dev.zerodown.examples.foreignkey.Checkout.Line;
import dev.zerodown.load.AppVersion;

/** Checkout under load: order pages with their lines, new orders, lines added to existing orders. */
public class CheckoutTraffic implements AppVersion {
    private final Checkout checkout;

    public CheckoutTraffic(Checkout checkout) {
        this.checkout = checkout;
    }

    @Override
    public void request() throws SQLException {
        int dice = Seeded.dice();
        if (dice < 50) {
            checkout.linesOf(Seeded.orderId());
        } else if (dice < 80) {
            checkout.placeOrder(Seeded.customerId(), List.of(new Line("SKU-" + dice, 1, 990), new Line("SKU-7", 2, 450)));
        } else {
            checkout.addLine(Seeded.orderId(), new Line("SKU-" + dice, 1, 1_250));
        }
    }
}
