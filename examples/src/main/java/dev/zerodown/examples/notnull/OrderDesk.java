package dev.zerodown.examples.notnull;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Order intake: every order gets its {@code placed_at} from the app, so the column never holds NULL. */
public interface OrderDesk {
    long place(long customerId, int totalCents) throws SQLException;

    void markPaid(long orderId) throws SQLException;

    Optional<Order> find(long orderId) throws SQLException;

    record Order(long id, long customerId, String status, int totalCents, OffsetDateTime placedAt) {
    }
}
