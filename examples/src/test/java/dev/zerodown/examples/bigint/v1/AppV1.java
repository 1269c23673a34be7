package dev.zerodown.examples.bigint.v1;

import javax.sql.DataSource;
import dev.zerodown.examples.bigint.OrderTotalsTraffic;

/** Version v1 of the shop ({@link JdbcOrderTotals}) serving simulated order traffic. */
public final class AppV1 extends OrderTotalsTraffic {
    public AppV1(DataSource dataSource) {
        super(new JdbcOrderTotals(dataSource));
    }
}
