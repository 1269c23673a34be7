package dev.zerodown.examples.foreignkey.v1;

import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import dev.zerodown.examples.foreignkey.Checkout;
import dev.zerodown.examples.shop.Jdbc;

/** v1: the order and its lines in one transaction. */
public final class JdbcCheckout implements Checkout {
    private final Jdbc jdbc;

    public JdbcCheckout(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public long placeOrder(long customerId, List<Line> lines) throws SQLException {
        return jdbc.inTransaction(c -> {
            int total = lines.stream().mapToInt(l -> l.quantity() * l.priceCents()).sum();
            long orderId = Jdbc.insert(c, "insert into orders (customer_id, total_cents, placed_at) values (?, ?, now())"
                    + " returning id", customerId, total);
            for (Line l : lines) {
                insertLine(c, orderId, l);
            }
            return orderId;
        });
    }

    @Override
    public void addLine(long orderId, Line line) throws SQLException {
        jdbc.inTransaction(c -> {
            // the order first, then its line: the same order as placeOrder (orders, then order_lines)
            int updated = Jdbc.update(c, "update orders set total_cents = total_cents + ? where id = ?",
                    line.quantity() * line.priceCents(), orderId);
            insertLine(c, orderId, line);
            return updated;
        });
    }

    @Override
    public List<Line> linesOf(long orderId) throws SQLException {
        return jdbc.query("select sku, quantity, price_cents from order_lines where order_id = ? order by id",
                rs -> new Line(rs.getString(1), rs.getInt(2), rs.getInt(3)), orderId);
    }

    private static void insertLine(java.sql.Connection c, long orderId, Line l) throws SQLException {
        Jdbc.insert(c, "insert into order_lines (order_id, sku, quantity, price_cents) values (?, ?, ?, ?) returning id",
                orderId, l.sku(), l.quantity(), l.priceCents());
    }
}
