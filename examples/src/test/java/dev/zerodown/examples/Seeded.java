package dev.zerodown.examples;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import dev.zerodown.examples.shop.Address;

/** What {@code src/test/zerodown/seed.sql} puts in the baseline; simulated requests pick from it. */
public final class Seeded {
    public static final int CUSTOMERS = 10_000;
    public static final int ORDERS = 40_000;

    private Seeded() {
    }

    public static long customerId() {
        return ThreadLocalRandom.current().nextLong(1, CUSTOMERS + 1);
    }

    public static long orderId() {
        return ThreadLocalRandom.current().nextLong(1, ORDERS + 1);
    }

    public static String newEmail() {
        return "new-" + UUID.randomUUID() + "@example.com";
    }

    public static Address address() {
        int n = ThreadLocalRandom.current().nextInt(1, 500);
        return new Address(n + " Market Square", "Ghent", "9000", "BE");
    }

    /** A number from 0 (inclusive) to 100 (exclusive): which use case the next request runs. */
    public static int dice() {
        return ThreadLocalRandom.current().nextInt(100);
    }
}
