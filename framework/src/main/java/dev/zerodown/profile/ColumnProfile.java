package dev.zerodown.profile;

import java.util.List;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.apiguardian.api.API;

/**
 * Statistics of one column, from {@code pg_stats} (null where the table was never analyzed or the
 * capturing role may not read it).
 *
 * @param name             column name
 * @param type             {@code format_type} of the column, e.g. {@code character varying(80)}
 * @param notNull          whether it is NOT NULL
 * @param nullFrac         fraction of rows that are null
 * @param nDistinct        {@code n_distinct}: a positive count of distinct values, or minus the fraction of
 *                         rows that are distinct ({@code -1} = unique)
 * @param avgWidth         average width in bytes
 * @param correlation      physical order against logical order, -1 to 1
 * @param mostCommonValues only with {@code captureValues}: the most common values, as text
 * @param mostCommonFreqs  only with {@code captureValues}: their frequencies
 * @param histogramBounds  only with {@code captureValues}: bounds of equal-population buckets, as text
 */
@API(status = API.Status.EXPERIMENTAL)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ColumnProfile(String name, String type, boolean notNull, Double nullFrac, Double nDistinct,
                            Integer avgWidth, Double correlation, List<String> mostCommonValues,
                            List<Double> mostCommonFreqs, List<String> histogramBounds) {

    /** The expected number of distinct values in a table of {@code rows} rows, or -1 when unknown. */
    public long distinctAt(long rows) {
        if (nDistinct == null || nDistinct == 0) {
            return -1;
        }
        long d = nDistinct < 0 ? (long) Math.ceil(-nDistinct * rows) : Math.round(nDistinct);
        return Math.max(1, Math.min(d, rows));
    }
}
