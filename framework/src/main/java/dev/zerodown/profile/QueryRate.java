package dev.zerodown.profile;

import java.util.Locale;
import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * The query mix's calls per second, as a profile records it, or why it cannot be told.
 *
 * @param perSecond   calls per second of the captured statements; NaN when unknown
 * @param explanation how it was derived ("1,350,000 calls of 12 statements in 10h 00m …"), or why not
 */
@API(status = API.Status.EXPERIMENTAL)
public record QueryRate(double perSecond, String explanation) {
    /** Fewer seconds of counting than this tell no rate worth replaying. */
    public static final double MIN_SECONDS = 60;

    /** The rate, when known. */
    public OptionalDouble value() {
        return Double.isNaN(perSecond) ? OptionalDouble.empty() : OptionalDouble.of(perSecond);
    }

    static QueryRate of(ProductionProfile p) {
        if (p.queries().isEmpty()) {
            return unknown("the profile has no query mix (no pg_stat_statements where it was captured)");
        }
        QueryStats stats = p.queryStats();
        if (stats == null) {
            return unknown("the profile does not say since when its " + p.queries().size() + " statements' calls were"
                    + " counted (no queryStats: captured from PostgreSQL 13, which has no pg_stat_statements_info, or by"
                    + " an older Zerodown); capture it again from PostgreSQL 14 or later");
        }
        long calls = p.queries().stream().mapToLong(QueryProfile::calls).sum();
        if (!(stats.seconds() >= MIN_SECONDS)) {
            return unknown(String.format(Locale.ROOT, "pg_stat_statements counted its calls for only %.0f s before the"
                    + " capture (reset at %s), under the %.0f s a rate needs", stats.seconds(), stats.since(), MIN_SECONDS));
        }
        if (calls == 0) {
            return unknown("the query mix's statements have no calls");
        }
        double rate = calls / stats.seconds();
        String evicted = stats.deallocations() > 0 ? String.format(Locale.ROOT, "; pg_stat_statements evicted its"
                + " least-called statements %,d times since, so this is a lower bound", stats.deallocations()) : "";
        return new QueryRate(rate, String.format(Locale.ROOT, "%,d calls of %d statements in %s (pg_stat_statements"
                + " since %s, captured %s)%s", calls, p.queries().size(), duration(stats.seconds()), stats.since(),
                p.capturedAt(), evicted));
    }

    private static QueryRate unknown(String why) {
        return new QueryRate(Double.NaN, why);
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return s < 86_400 ? String.format(Locale.ROOT, "%dh %02dm", s / 3600, s % 3600 / 60)
                : String.format(Locale.ROOT, "%dd %02dh", s / 86_400, s % 86_400 / 3600);
    }
}
