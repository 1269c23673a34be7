package dev.zerodown.result;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * What drove one live version's requests.
 *
 * @param source     {@code java} (the user's code), {@code workload} (a SQL workload file),
 *                   {@code profile} (the query mix of the production profile) or
 *                   {@code synthetic} (derived from the catalog as the version first saw it)
 * @param role       the database role the version connected as, null for the server's own user
 * @param tables     synthetic only: per table used, the columns its requests name
 * @param operations synthetic only: per table used, the requests it makes ({@code read/update/insert/delete})
 * @param skipped    synthetic: per table, what was left out and why; profile: per statement left out
 *                   (its parameters could not be inferred), why
 * @param idle       synthetic only: the version knew no table it could use, so it made no request
 */
@API(status = API.Status.STABLE)
public record Traffic(String source, String role, Map<String, List<String>> tables, Map<String, String> operations,
                      Map<String, List<String>> skipped, boolean idle) {
    public Traffic {
        tables = copy(tables);
        operations = operations == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(operations));
        skipped = copy(skipped);
    }

    /** The user's Java code. */
    public static Traffic java(String role) {
        return new Traffic("java", role, Map.of(), Map.of(), Map.of(), false);
    }

    /** A SQL workload file. */
    public static Traffic workload(String role) {
        return new Traffic("workload", role, Map.of(), Map.of(), Map.of(), false);
    }

    /** The production profile's query mix; {@code skipped}: per statement left out, why. */
    public static Traffic profile(String role, Map<String, List<String>> skipped) {
        return new Traffic("profile", role, Map.of(), Map.of(), skipped, false);
    }

    /** True for traffic derived from the catalog. */
    public boolean synthetic() {
        return "synthetic".equals(source);
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> m) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (m != null) {
            m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
