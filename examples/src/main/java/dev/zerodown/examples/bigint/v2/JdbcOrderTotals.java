package dev.zerodown.examples.bigint.v2;

import java.sql.SQLException;
import java.util.OptionalLong;
import javax.sql.DataSource;
import dev.zerodown.examples.bigint.OrderTotals;
import dev.zerodown.examples.shop.Jdbc;

/**
 * v2: reads and writes {@code amount_cents bigint} only. While v1 is live, the trigger of V2 copies
 * every write to the other column, so each version sees the other's writes.
 */
public final class JdbcOrderTotals implements OrderTotals {
    private final Jdbc jdbc;

    public JdbcOrderTotals(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public long place(long customerId, long totalCents) throws SQLException {
        return jdbc.insert("insert into orders (customer_id, amount_cents, placed_at) values (?, ?, now()) returning id",
                customerId, totalCents);
    }

    @Override
    public void addToTotal(long orderId, long cents) throws SQLException {
        jdbc.update("update orders set amount_cents = amount_cents + ? where id = ?", cents, orderId);
    }

    @Override
    public OptionalLong totalOf(long orderId) throws SQLException {
        return jdbc.queryOne("select amount_cents from orders where id = ?", rs -> {
            long v = rs.getLong(1);
            return rs.wasNull() ? null : v;
        }, orderId).map(OptionalLong::of).orElse(OptionalLong.empty());
    }
}
