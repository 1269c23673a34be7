package dev.zerodown.examples.bigint;

import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * Order totals in cents. {@code orders.total_cents} is an {@code integer}: 21 million in one order
 * overflows it. v2 moves to {@code orders.amount_cents bigint}.
 */
public interface OrderTotals {
    long place(long customerId, long totalCents) throws SQLException;

    void addToTotal(long orderId, long cents) throws SQLException;

    OptionalLong totalOf(long orderId) throws SQLException;
}
