package dev.zerodown.examples.bigint.v1;

import java.sql.SQLException;
import java.util.OptionalLong;
import javax.sql.DataSource;
import dev.zerodown.examples.bigint.OrderTotals;
import dev.zerodown.examples.shop.Jdbc;

/** v1, in production today: {@code total_cents integer}, bound as a Java int. */
public final class JdbcOrderTotals implements OrderTotals {
    private final Jdbc jdbc;

    public JdbcOrderTotals(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public long place(long customerId, long totalCents) throws SQLException {
        return jdbc.insert("insert into orders (customer_id, total_cents, placed_at) values (?, ?, now()) returning id",
                customerId, Math.toIntExact(totalCents));
    }

    @Override
    public void addToTotal(long orderId, long cents) throws SQLException {
        jdbc.update("update orders set total_cents = total_cents + ? where id = ?", Math.toIntExact(cents), orderId);
    }

    @Override
    public OptionalLong totalOf(long orderId) throws SQLException {
        return jdbc.queryOne("select total_cents from orders where id = ?", rs -> rs.getInt(1), orderId)
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }
}
