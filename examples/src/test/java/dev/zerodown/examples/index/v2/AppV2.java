package dev.zerodown.examples.index.v2;

import javax.sql.DataSource;
import dev.zerodown.examples.index.StorefrontTraffic;

/** Version v2 of the shop ({@link JdbcStorefront}): customers who sign up again update their name. */
public final class AppV2 extends StorefrontTraffic {
    public AppV2(DataSource dataSource) {
        super(new JdbcStorefront(dataSource), true);
    }
}
