package dev.zerodown.examples.index.v2;

import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import dev.zerodown.examples.index.Storefront;
import dev.zerodown.examples.shop.Address;
import dev.zerodown.examples.shop.Jdbc;

/**
 * v2: signing up again with a known email updates the name instead of creating a duplicate. The
 * {@code on conflict (email)} needs the unique constraint V4 adds, so v2 is deployed after it.
 */
public final class JdbcStorefront implements Storefront {
    private final Jdbc jdbc;

    public JdbcStorefront(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public long signUp(String name, String email, Address a) throws SQLException {
        return jdbc.insert("insert into customers (name, email, street, city, postal_code, country)"
                + " values (?, ?, ?, ?, ?, ?)"
                + " on conflict (email) do update set name = excluded.name returning id",
                name, email, a.street(), a.city(), a.postalCode(), a.country());
    }

    @Override
    public List<Long> recentOrders(long customerId) throws SQLException {
        return jdbc.query("select id from orders where customer_id = ? order by placed_at desc limit 10",
                rs -> rs.getLong(1), customerId);
    }

    @Override
    public long placeOrder(long customerId, int totalCents) throws SQLException {
        return jdbc.insert("insert into orders (customer_id, total_cents, placed_at) values (?, ?, now()) returning id",
                customerId, totalCents);
    }
}
