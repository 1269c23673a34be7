package dev.zerodown.examples.notnull.v1;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import javax.sql.DataSource;
import dev.zerodown.examples.notnull.OrderDesk;
import dev.zerodown.examples.shop.Jdbc;

/** v1: unchanged through the whole NOT NULL rollout; the constraint only makes its habit a rule. */
public final class JdbcOrderDesk implements OrderDesk {
    private final Jdbc jdbc;

    public JdbcOrderDesk(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public long place(long customerId, int totalCents) throws SQLException {
        return jdbc.insert("insert into orders (customer_id, total_cents, placed_at) values (?, ?, now()) returning id",
                customerId, totalCents);
    }

    @Override
    public void markPaid(long orderId) throws SQLException {
        jdbc.update("update orders set status = 'paid' where id = ? and status = 'new'", orderId);
    }

    @Override
    public Optional<Order> find(long orderId) throws SQLException {
        return jdbc.queryOne("select id, customer_id, status, total_cents, placed_at from orders where id = ?",
                rs -> new Order(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4),
                        rs.getObject(5, OffsetDateTime.class)), orderId);
    }
}
