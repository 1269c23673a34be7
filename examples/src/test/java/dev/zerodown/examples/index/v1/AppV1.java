package dev.zerodown.examples.index.v1;

import javax.sql.DataSource;
import dev.zerodown.examples.index.StorefrontTraffic;

/** Version v1 of the shop ({@link JdbcStorefront}) serving simulated storefront traffic. */
public final class AppV1 extends StorefrontTraffic {
    public AppV1(DataSource dataSource) {
        super(new JdbcStorefront(dataSource), false);
    }
}
