package dev.zerodown.profile;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The application's statements from {@code pg_stat_statements} of the current database: data
 * statements only (no DDL, no utility statements, which are not normalized and may carry secrets),
 * none on the system catalogs, the most-called first until they cover the configured share of calls.
 */
final class QueryMix {
    private static final Pattern DATA = Pattern.compile("^\\s*(?:/\\*.*?\\*/\\s*)*(select|insert|update|delete|with|merge|values|table)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern SYSTEM = Pattern.compile(
            "\\b(pg_catalog|information_schema|pg_stat\\w*|pg_locks|pg_class|pg_namespace|pg_attribute|pg_index|pg_constraint"
                    + "|pg_type|pg_proc|pg_database|pg_settings|pg_roles|pg_extension|pg_depend|pg_inherits|pg_blocking_pids"
                    + "|pg_partition_tree|pg_enum|pg_attrdef|pg_sequence\\w*|pg_tables|pg_indexes|pg_trigger|pg_description)\\b"
                    + "|zerodown-|password", Pattern.CASE_INSENSITIVE);
    private static final String HIDDEN = "<insufficient privilege>";

    private final CaptureOptions options;
    private final List<String> warnings;
    private QueryStats stats;

    QueryMix(CaptureOptions options, List<String> warnings) {
        this.options = options;
        this.warnings = warnings;
    }

    List<QueryProfile> read(Connection c) {
        String schema;
        try {
            schema = extensionSchema(c);
        } catch (SQLException e) {
            warnings.add("query mix left out: cannot read pg_extension (" + ProfileCapture.firstLine(e) + ")");
            return List.of();
        }
        if (schema == null) {
            warnings.add("query mix left out: pg_stat_statements is not installed in this database "
                    + "(shared_preload_libraries = 'pg_stat_statements', then create extension pg_stat_statements)");
            return List.of();
        }
        try {
            List<QueryProfile> top = top(all(c, schema));
            stats = top.isEmpty() ? null : stats(c, schema);
            return top;
        } catch (SQLException e) {
            warnings.add("query mix left out (SQLState " + e.getSQLState() + "): " + ProfileCapture.firstLine(e));
            return List.of();
        }
    }

    /** Since when the calls were counted, after {@link #read}; null when unknown. */
    QueryStats stats() {
        return stats;
    }

    /**
     * {@code pg_stat_statements_info} (PostgreSQL 14 on): the last reset and the evictions since, the seconds by
     * the server's clock so that a skewed client clock cannot bend the rate. Null, with a warning, where it is missing.
     */
    private QueryStats stats(Connection c, String schema) {
        String sql = ProfileCapture.TAG + "select to_char(stats_reset at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
                + " extract(epoch from now() - stats_reset)::float8, dealloc from " + schema + ".pg_stat_statements_info";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (rs.next() && rs.getString(1) != null) {
                return new QueryStats(rs.getString(1), Math.round(rs.getDouble(2) * 10) / 10.0, rs.getLong(3));
            }
            warnings.add("query mix: pg_stat_statements_info has no reset time, so its calls per second are unknown");
        } catch (SQLException e) {
            warnings.add("query mix: since when its calls were counted is unknown (pg_stat_statements_info, PostgreSQL 14"
                    + " and later: " + ProfileCapture.firstLine(e) + "), so the profile cannot tell calls per second");
        }
        return null;
    }

    private static String extensionSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(ProfileCapture.TAG
                + "select quote_ident(n.nspname) from pg_extension e join pg_namespace n on n.oid = e.extnamespace "
                + "where e.extname = 'pg_stat_statements'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private List<QueryProfile> all(Connection c, String schema) throws SQLException {
        Map<String, long[]> calls = new LinkedHashMap<>();
        Map<String, double[]> time = new LinkedHashMap<>();
        int hidden = 0;
        String sql = ProfileCapture.TAG + "select query, calls, total_exec_time, rows from " + schema + ".pg_stat_statements "
                + "where dbid = (select oid from pg_database where datname = current_database())";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String q = rs.getString(1);
                if (q == null || q.equals(HIDDEN)) {
                    hidden++;
                    continue;
                }
                if (!DATA.matcher(q).find() || SYSTEM.matcher(q).find()) {
                    continue;
                }
                String key = q.strip();
                long[] cr = calls.computeIfAbsent(key, k -> new long[2]);
                cr[0] += rs.getLong(2);
                cr[1] += rs.getLong(4);
                time.computeIfAbsent(key, k -> new double[1])[0] += rs.getDouble(3);
            }
        }
        if (hidden > 0) {
            warnings.add("query mix: " + hidden + " statement(s) of other roles were hidden by pg_stat_statements "
                    + "(grant pg_read_all_stats to the capturing role to include them)");
        }
        List<QueryProfile> out = new ArrayList<>();
        calls.forEach((q, cr) -> out.add(new QueryProfile(q, cr[0], cr[0] == 0 ? 0 : round(time.get(q)[0] / cr[0]), cr[1])));
        return out;
    }

    private List<QueryProfile> top(List<QueryProfile> all) {
        List<QueryProfile> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingLong(QueryProfile::calls).reversed().thenComparing(QueryProfile::query));
        long total = sorted.stream().mapToLong(QueryProfile::calls).sum();
        List<QueryProfile> out = new ArrayList<>();
        long covered = 0;
        for (QueryProfile q : sorted) {
            if (out.size() >= options.maxQueries() || (total > 0 && covered >= options.callCoverage() * total)) {
                break;
            }
            out.add(q);
            covered += q.calls();
        }
        if (out.size() < sorted.size() && out.size() >= options.maxQueries() && covered < options.callCoverage() * total) {
            warnings.add("query mix: the " + out.size() + " most-called statements cover " + Math.round(100.0 * covered / total)
                    + " % of calls (maxQueries caps it)");
        }
        return out;
    }

    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }
}
