package dev.zerodown.examples.split;

import java.sql.Connection;
import java.sql.SQLException;
import dev.zerodown.examples.shop.Address;
import dev.zerodown.examples.shop.Jdbc;

/** The address writes of v2 and v3: both places, in the caller's transaction. */
public final class DualWrite {
    private DualWrite() {
    }

    public static long register(Connection c, String name, String email, Address a) throws SQLException {
        long id = Jdbc.insert(c, "insert into customers (name, email, street, city, postal_code, country)"
                + " values (?, ?, ?, ?, ?, ?) returning id", name, email, a.street(), a.city(), a.postalCode(), a.country());
        upsertAddress(c, id, a);
        return id;
    }

    public static void move(Connection c, long customerId, Address a) throws SQLException {
        Jdbc.update(c, "update customers set street = ?, city = ?, postal_code = ?, country = ? where id = ?",
                a.street(), a.city(), a.postalCode(), a.country(), customerId);
        upsertAddress(c, customerId, a);
    }

    /** Until the backfill ran, the row may be missing in the new table: insert or update. */
    public static void upsertAddress(Connection c, long customerId, Address a) throws SQLException {
        Jdbc.update(c, "insert into customer_addresses (customer_id, street, city, postal_code, country)"
                + " values (?, ?, ?, ?, ?) on conflict (customer_id) do update set street = excluded.street,"
                + " city = excluded.city, postal_code = excluded.postal_code, country = excluded.country",
                customerId, a.street(), a.city(), a.postalCode(), a.country());
    }
}
