package dev.zerodown.examples.split.v2;

import javax.sql.DataSource;
import dev.zerodown.examples.split.AddressTraffic;

/** Version v2 of the shop ({@link JdbcAddressBook}) serving simulated address traffic. */
public final class AppV2 extends AddressTraffic {
    public AppV2(DataSource dataSource) {
        super(new JdbcAddressBook(dataSource));
    }
}
