package dev.zerodown.examples.notnull;

import java.sql.SQLException;
import dev.zerodown.examples.Seeded;
import dev.zerodown.load.AppVersion;

/** Order intake under load: lookups, new orders, payments. */
public class OrderDeskTraffic implements AppVersion {
    private final OrderDesk desk;

    public OrderDeskTraffic(OrderDesk desk) {
        this.desk = desk;
    }

    @Override
    public void request() throws SQLException {
        int dice = Seeded.dice();
        if (dice < 50) {
            long id = Seeded.orderId();
            desk.find(id).orElseThrow(() -> new IllegalStateException("order " + id + " not found"));
        } else if (dice < 80) {
            desk.place(Seeded.customerId(), 1_000 + dice);
        } else {
            desk.markPaid(Seeded.orderId());
        }
    }
}
