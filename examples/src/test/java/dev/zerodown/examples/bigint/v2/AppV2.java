package dev.zerodown.examples.bigint.v2;

import javax.sql.DataSource;
import dev.zerodown.examples.bigint.OrderTotalsTraffic;

/** Version v2 of the shop ({@link JdbcOrderTotals}) serving simulated order traffic. */
public final class AppV2 extends OrderTotalsTraffic {
    public AppV2(DataSource dataSource) {
        super(new JdbcOrderTotals(dataSource));
    }
}
