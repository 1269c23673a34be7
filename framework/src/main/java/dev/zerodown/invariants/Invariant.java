package dev.zerodown.invariants;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A query that must return zero rows: the rows it returns are the discrepancies. Active while
 * {@code fromStep <= state < untilStep}; the engine decides which invariants are active when.
 *
 * @param name      unique name, shown in reports
 * @param sql       the query, without a final semicolon
 * @param fromStep  the step from which it holds (null: from the baseline)
 * @param untilStep the step from which it no longer applies (null: to the end)
 * @param source    where it was declared: {@code file:line} or {@code Class.field}
 */
@API(status = API.Status.STABLE)
public record Invariant(String name, String sql, String fromStep, String untilStep, String source) {
    public Invariant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(source, "source");
    }
}
