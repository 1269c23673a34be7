package dev.zerodown.examples.foreignkey.v1;

import javax.sql.DataSource;
import dev.zerodown.examples.foreignkey.CheckoutTraffic;

/** Version v1 of the shop ({@link JdbcCheckout}) serving simulated checkout traffic. */
public final class AppV1 extends CheckoutTraffic {
    public AppV1(DataSource dataSource) {
        super(new JdbcCheckout(dataSource));
    }
}
