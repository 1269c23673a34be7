package dev.zerodown.examples.rename.v3;

import javax.sql.DataSource;
import dev.zerodown.examples.rename.CustomerTraffic;

/** Version v3 of the shop ({@link JdbcCustomerDirectory}) serving simulated customer traffic. */
public final class AppV3 extends CustomerTraffic {
    public AppV3(DataSource dataSource) {
        super(new JdbcCustomerDirectory(dataSource));
    }
}
