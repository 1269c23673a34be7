package dev.zerodown.profile;

import org.apiguardian.api.API;

/**
 * One normalized statement of the captured query mix ({@code pg_stat_statements}): constants are
 * replaced by {@code $n} parameters, so no row values are stored.
 *
 * @param query  normalized statement text
 * @param calls  times executed since the statistics were last reset
 * @param meanMs mean execution time, milliseconds
 * @param rows   rows retrieved or affected, in total
 */
@API(status = API.Status.EXPERIMENTAL)
public record QueryProfile(String query, long calls, double meanMs, long rows) {
}
