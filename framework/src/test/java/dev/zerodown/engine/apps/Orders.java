package dev.zerodown.engine.apps;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import dev.zerodown.load.AppVersion;

/** A busy orders table: half the requests place an order, half update one. */
public record Orders(DataSource ds) implements AppVersion {
    @Override
    public void request() throws Exception {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        try (Connection c = ds.getConnection()) {
            if (r.nextBoolean()) {
                try (PreparedStatement ps = c.prepareStatement("insert into orders(customer_id, note) values (?, ?)")) {
                    ps.setInt(1, r.nextInt(5000));
                    ps.setString(2, "order " + r.nextInt());
                    ps.executeUpdate();
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement("update orders set note = ? where id = ?")) {
                    ps.setString(1, "changed " + r.nextInt());
                    ps.setLong(2, r.nextLong(1, 300_001));
                    ps.executeUpdate();
                }
            }
        }
    }
}
