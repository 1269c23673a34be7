package dev.zerodown.examples.split.v1;

import javax.sql.DataSource;
import dev.zerodown.examples.split.AddressTraffic;

/** Version v1 of the shop ({@link JdbcAddressBook}) serving simulated address traffic. */
public final class AppV1 extends AddressTraffic {
    public AppV1(DataSource dataSource) {
        super(new JdbcAddressBook(dataSource));
    }
}
