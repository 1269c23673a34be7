package dev.zerodown.examples.rename;

import java.sql.SQLException;
import dev.zerodown.examples.Seeded;
import dev.zerodown.load.AppVersion;

/**
 * One simulated request against the customer directory of any version: mostly profile views, some
 * renames, a few sign-ups. A customer shown without a name is a failed request too.
 */
public class CustomerTraffic implements AppVersion {
    private final CustomerDirectory customers;

    public CustomerTraffic(CustomerDirectory customers) {
        this.customers = customers;
    }

    // tag::traffic[]
    @Override
    public void request() throws SQLException {
        int dice = Seeded.dice();
        long id = Seeded.customerId();
        if (dice < 60) {
            customers.nameOf(id).orElseThrow(() -> new IllegalStateException("customer " + id + " has no name"));
        } else if (dice < 90) {
            customers.rename(id, "Customer " + id + " (" + dice + ")");
        } else {
            customers.register("New Customer", Seeded.newEmail(), Seeded.address());
        }
    }
    // end::traffic[]
}
