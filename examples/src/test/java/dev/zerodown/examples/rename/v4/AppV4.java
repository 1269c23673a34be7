package dev.zerodown.examples.rename.v4;

import javax.sql.DataSource;
import dev.zerodown.examples.rename.CustomerTraffic;

/** Version v4 of the shop ({@link JdbcCustomerDirectory}) serving simulated customer traffic. */
public final class AppV4 extends CustomerTraffic {
    public AppV4(DataSource dataSource) {
        super(new JdbcCustomerDirectory(dataSource));
    }
}
