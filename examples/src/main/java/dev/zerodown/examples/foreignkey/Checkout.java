package dev.zerodown.examples.foreignkey;

import java.sql.SQLException;
import java.util.List;

/** Orders with their lines. The app always writes lines for orders that exist; the FK makes it a rule. */
public interface Checkout {
    long placeOrder(long customerId, List<Line> lines) throws SQLException;

    void addLine(long orderId, Line line) throws SQLException;

    List<Line> linesOf(long orderId) throws SQLException;

    record Line(String sku, int quantity, int priceCents) {
    }
}
