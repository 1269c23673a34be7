package dev.zerodown.examples.notnull.v1;

import javax.sql.DataSource;
import dev.zerodown.examples.notnull.OrderDeskTraffic;

/** Version v1 of the shop ({@link JdbcOrderDesk}) serving simulated order traffic. */
public final class AppV1 extends OrderDeskTraffic {
    public AppV1(DataSource dataSource) {
        super(new JdbcOrderDesk(dataSource));
    }
}
