package dev.zerodown.examples.rename.v2;

import javax.sql.DataSource;
import dev.zerodown.examples.rename.CustomerTraffic;

// tag::app[]
/** Version v2 of the shop ({@link JdbcCustomerDirectory}) serving simulated customer traffic. */
public final class AppV2 extends CustomerTraffic {
    public AppV2(DataSource dataSource) {
        super(new JdbcCustomerDirectory(dataSource));
    }
}
// end::app[]
