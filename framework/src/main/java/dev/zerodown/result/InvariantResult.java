package dev.zerodown.result;

import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * One invariant checked at the end of a transition (and during its soak): the worst check counts.
 *
 * @param discrepancies rows the query returned (0 = holds)
 * @param sample        up to 10 offending rows, column name to value
 * @param atMs          when the worst check ran, ms since the run started
 */
@API(status = API.Status.STABLE)
public record InvariantResult(String name, long discrepancies, List<Map<String, Object>> sample, long atMs) {
    public InvariantResult {
        sample = List.copyOf(sample);
    }

    public boolean holds() {
        return discrepancies == 0;
    }
}
