package dev.zerodown.examples.split.v3;

import javax.sql.DataSource;
import dev.zerodown.examples.split.AddressTraffic;

/** Version v3 of the shop ({@link JdbcAddressBook}) serving simulated address traffic. */
public final class AppV3 extends AddressTraffic {
    public AppV3(DataSource dataSource) {
        super(new JdbcAddressBook(dataSource));
    }
}
