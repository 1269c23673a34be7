package dev.zerodown.examples.bigint;

import java.sql.SQLException;
import dev.zerodown.examples.Seeded;
import dev.zerodown.load.AppVersion;

/** Order totals under load: lookups, new orders, totals adjusted. An order without a total is a failure. */
public class OrderTotalsTraffic implements AppVersion {
    private final OrderTotals totals;

    public OrderTotalsTraffic(OrderTotals totals) {
        this.totals = totals;
    }

    @Override
    public void request() throws SQLException {
        int dice = Seeded.dice();
        long id = Seeded.orderId();
        if (dice < 50) {
            totals.totalOf(id).orElseThrow(() -> new IllegalStateException("order " + id + " has no total"));
        } else if (dice < 80) {
            totals.place(Seeded.customerId(), 3_000 + dice);
        } else {
            totals.addToTotal(id, 100);
        }
    }
}
