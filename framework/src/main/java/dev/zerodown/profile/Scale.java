package dev.zerodown.profile;

import java.util.Collection;
import dev.zerodown.config.ConfigurationException;
import org.apiguardian.api.API;

/**
 * How many of a profile's rows to seed: a fixed fraction ({@code 0.01}, {@code 1}) or {@code auto},
 * the largest fraction (at most 1) that keeps every table at or below {@code maxSeedRows}.
 *
 * @param fraction the fraction, or null for {@code auto}
 */
@API(status = API.Status.EXPERIMENTAL)
public record Scale(Double fraction) {

    public static final Scale AUTO = new Scale(null);

    /** {@code auto} or a decimal above 0 and at most 1000; anything else is a one-line error. */
    public static Scale parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.equalsIgnoreCase("auto")) {
            return AUTO;
        }
        try {
            double d = Double.parseDouble(t);
            if (d > 0 && d <= 1000 && Double.isFinite(d)) {
                return new Scale(d);
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ConfigurationException.badValue("scale", text, "a scale",
                "auto or a fraction of the profile's rows above 0, such as 0.01 or 1");
    }

    /** The fraction to use for tables of these profile row counts. */
    public double resolve(Collection<Long> rows, long maxSeedRows) {
        if (fraction != null) {
            return fraction;
        }
        long largest = rows.stream().mapToLong(Long::longValue).max().orElse(0);
        return largest <= maxSeedRows ? 1.0 : (double) maxSeedRows / largest;
    }

    @Override
    public String toString() {
        return fraction == null ? "auto" : String.valueOf(fraction);
    }
}
