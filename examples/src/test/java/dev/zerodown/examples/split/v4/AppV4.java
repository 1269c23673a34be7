package dev.zerodown.examples.split.v4;

import javax.sql.DataSource;
import dev.zerodown.examples.split.AddressTraffic;

/** Version v4 of the shop ({@link JdbcAddressBook}) serving simulated address traffic. */
public final class AppV4 extends AddressTraffic {
    public AppV4(DataSource dataSource) {
        super(new JdbcAddressBook(dataSource));
    }
}
