package dev.zerodown.examples.rename.v1;

import javax.sql.DataSource;
import dev.zerodown.examples.rename.CustomerTraffic;

/** Version v1 of the shop ({@link JdbcCustomerDirectory}) serving simulated customer traffic. */
public final class AppV1 extends CustomerTraffic {
    public AppV1(DataSource dataSource) {
        super(new JdbcCustomerDirectory(dataSource));
    }
}
