package dev.zerodown.profile;

import java.util.List;
import java.util.Optional;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.apiguardian.api.API;

/**
 * One user table of a captured database.
 *
 * @param schema      schema name
 * @param name        table name
 * @param rows        estimated rows ({@code pg_class.reltuples}, see {@code rowsSource})
 * @param rowsSource  where {@code rows} came from: {@code reltuples}, {@code n_live_tup} (never analyzed) or
 *                    {@code pages} (an estimate from the table's size and average row width)
 * @param totalBytes  {@code pg_total_relation_size}: heap, indexes and TOAST
 * @param columns     per-column statistics, in column order
 * @param indexes     the table's indexes
 * @param constraints the table's constraints
 */
@API(status = API.Status.EXPERIMENTAL)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TableProfile(String schema, String name, long rows, String rowsSource, long totalBytes,
                           List<ColumnProfile> columns, List<IndexProfile> indexes,
                           List<ConstraintProfile> constraints) {

    public TableProfile {
        columns = columns == null ? List.of() : List.copyOf(columns);
        indexes = indexes == null ? List.of() : List.copyOf(indexes);
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
    }

    /** {@code schema.name}. */
    public String qualifiedName() {
        return schema + "." + name;
    }

    /** The statistics of one column, if captured. */
    public Optional<ColumnProfile> column(String column) {
        return columns.stream().filter(c -> c.name().equals(column)).findFirst();
    }

    /**
     * One index.
     *
     * @param name       index name
     * @param definition {@code pg_get_indexdef}
     * @param unique     whether it is unique
     * @param primary    whether it backs the primary key
     * @param bytes      its size
     */
    @API(status = API.Status.EXPERIMENTAL)
    public record IndexProfile(String name, String definition, boolean unique, boolean primary, long bytes) {
    }

    /**
     * One constraint.
     *
     * @param name       constraint name
     * @param type       {@code primary-key}, {@code unique}, {@code foreign-key}, {@code check}, {@code exclusion}
     *                   or {@code not-null}
     * @param definition {@code pg_get_constraintdef}
     */
    @API(status = API.Status.EXPERIMENTAL)
    public record ConstraintProfile(String name, String type, String definition) {
    }
}
