package dev.zerodown.examples.split;

import java.sql.SQLException;
import dev.zerodown.examples.Seeded;
import dev.zerodown.load.AppVersion;

/** Address book under load: address lookups, moves, sign-ups. A customer without an address is a failure. */
public class AddressTraffic implements AppVersion {
    private final AddressBook book;

    public AddressTraffic(AddressBook book) {
        this.book = book;
    }

    @Override
    public void request() throws SQLException {
        int dice = Seeded.dice();
        long id = Seeded.customerId();
        if (dice < 60) {
            book.addressOf(id).orElseThrow(() -> new IllegalStateException("customer " + id + " has no address"));
        } else if (dice < 90) {
            book.move(id, Seeded.address());
        } else {
            book.register("New Customer", Seeded.newEmail(), Seeded.address());
        }
    }
}
