package dev.zerodown.load;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Values of synthetic rows, as text cast to the column's type by the SQL: fresh values for key and
 * unique columns (from the run's shared counter, so versions and clients never collide), and
 * plausible values of a type for a table that had no row to copy.
 */
final class SyntheticValues {
    /** First fresh integer of an {@code integer} key: far above what a test seeds, far below the type's end. */
    static final long INT_BASE = 1_000_000_000L;
    /** First fresh integer of a {@code bigint} or {@code numeric} key. */
    static final long BIGINT_BASE = 4_000_000_000_000_000_000L;
    /** First fresh integer of a {@code smallint} key. */
    static final long SMALLINT_BASE = 16_384;

    private SyntheticValues() {
    }

    /** A value no other synthetic row of this run has, or null when the type has no such value. */
    static String fresh(SyntheticCatalog.Column c, long seq, SplittableRandom random) {
        return switch (c.typeName()) {
            case "int2" -> seq < Short.MAX_VALUE - SMALLINT_BASE ? Long.toString(SMALLINT_BASE + seq) : null;
            case "int4" -> Long.toString(INT_BASE + seq);
            case "int8", "numeric" -> Long.toString(BIGINT_BASE + seq);
            case "uuid" -> new UUID(random.nextLong(), random.nextLong()).toString();
            case "text", "varchar", "bpchar", "citext", "name" -> "zd" + seq;
            default -> null;
        };
    }

    /**
     * A new value shaped like a sampled one, for a column whose sampled values are all different:
     * strings get a unique prefix ({@code zd<seq>-u5@example.com}, so a format check still sees the
     * original's shape), uuids a random one; null for other types (their values are copied).
     */
    static String variant(SyntheticCatalog.Column c, String sampled, long seq, SplittableRandom random) {
        return switch (c.typeName()) {
            case "text", "varchar", "citext" -> "zd" + seq + (sampled == null ? "" : "-" + sampled);
            case "uuid" -> new UUID(random.nextLong(), random.nextLong()).toString();
            default -> null;
        };
    }

    /** A plausible value of the column's type, or null when none is known (the column is then left out). */
    static String plausible(SyntheticCatalog.Column c, SplittableRandom random) {
        if (!c.labels().isEmpty()) {
            return c.labels().get(0);
        }
        return switch (c.typeName()) {
            case "int2", "int4", "int8", "numeric", "float4", "float8", "oid" -> Integer.toString(1 + random.nextInt(100));
            case "money" -> "1.00";
            case "bool" -> "false";
            case "text", "varchar", "bpchar", "citext", "name" -> "z";
            case "uuid" -> new UUID(random.nextLong(), random.nextLong()).toString();
            case "date" -> "2024-01-01";
            case "timestamp", "timestamptz" -> "2024-01-01 00:00:00";
            case "time", "timetz" -> "12:00:00";
            case "interval" -> "1 day";
            case "json", "jsonb" -> "{}";
            case "bytea" -> "\\x00";
            case "inet", "cidr" -> "127.0.0.1";
            default -> c.category() == 'A' ? "{}" : null;
        };
    }
}
