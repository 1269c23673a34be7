package dev.zerodown.profile;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zerodown.config.EnvironmentException;
import dev.zerodown.profile.TableProfile.ConstraintProfile;
import dev.zerodown.profile.TableProfile.IndexProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the catalog, {@code pg_stats} and {@code pg_stat_statements} over a read-only session. */
final class ProfileCapture {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileCapture.class);
    /** Marks the capture's own statements so that they never enter the query mix. */
    static final String TAG = "/* zerodown-capture */ ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String TABLES = TAG + """
            select c.oid, n.nspname, c.relname,
                   case when c.relkind = 'p' then (select coalesce(sum(greatest(pc.reltuples, 0)), 0) from pg_partition_tree(c.oid) t
                                                   join pg_class pc on pc.oid = t.relid where t.isleaf)
                        else c.reltuples end::float8 as reltuples,
                   c.relkind = 'p' as partitioned,
                   case when c.relkind = 'p' then (select coalesce(sum(pg_total_relation_size(t.relid)), 0) from pg_partition_tree(c.oid) t)
                        else pg_total_relation_size(c.oid) end as total_bytes,
                   pg_relation_size(c.oid) / current_setting('block_size')::int as pages,
                   s.n_live_tup
            from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            left join pg_stat_user_tables s on s.relid = c.oid
            where c.relkind in ('r', 'p') and not c.relispartition and c.relpersistence <> 't'
              and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%'
              and n.nspname not like 'pg\\_temp%'
              and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
            order by n.nspname, c.relname""";

    private static final String COLUMNS = TAG + """
            select a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull
            from pg_attribute a where a.attrelid = any(?::oid[]) and a.attnum > 0 and not a.attisdropped
            order by a.attrelid, a.attnum""";

    private static final String STATS = TAG + """
            select distinct on (schemaname, tablename, attname) schemaname, tablename, attname, null_frac, n_distinct,
                   avg_width, correlation %s
            from pg_stats where schemaname not in ('pg_catalog', 'information_schema')
            order by schemaname, tablename, attname, inherited desc""";

    private static final String VALUES = """
            , array_to_json(most_common_vals::text::text[])::text as mcv, array_to_json(most_common_freqs)::text as mcf,
              array_to_json(histogram_bounds::text::text[])::text as hist""";

    private static final String INDEXES = TAG + """
            select i.indrelid, ic.relname, pg_get_indexdef(i.indexrelid), i.indisunique, i.indisprimary,
                   pg_relation_size(i.indexrelid)
            from pg_index i join pg_class ic on ic.oid = i.indexrelid
            where i.indrelid = any(?::oid[]) order by i.indrelid, ic.relname""";

    private static final String CONSTRAINTS = TAG + """
            select conrelid, conname, contype, pg_get_constraintdef(oid)
            from pg_constraint where conrelid = any(?::oid[]) order by conrelid, conname""";

    private final CaptureOptions options;
    private final List<String> warnings = new ArrayList<>();

    ProfileCapture(CaptureOptions options) {
        this.options = options;
    }

    ProductionProfile capture(DataSource source) {
        try (Connection c = source.getConnection()) {
            readOnly(c);
            String version = serverVersion(c);
            Map<Long, Table> tables = tables(c);
            String oids = "{" + String.join(",", tables.keySet().stream().map(String::valueOf).toList()) + "}";
            section("columns", () -> columns(c, tables, oids));
            section("column statistics (pg_stats)", () -> stats(c, tables));
            section("indexes", () -> indexes(c, tables, oids));
            section("constraints", () -> constraints(c, tables, oids));
            List<TableProfile> profiles = tables.values().stream().map(Table::profile).toList();
            unanalyzed(profiles);
            QueryMix mix = new QueryMix(options, warnings);
            List<QueryProfile> queries = mix.read(c);
            warnings.forEach(w -> LOG.warn("Profile capture: {}", w));
            return new ProductionProfile(ProductionProfile.VERSION, version,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), options.captureValues(), profiles,
                    queries, mix.stats(), warnings);
        } catch (SQLException e) {
            throw new EnvironmentException("Profile capture failed (SQLState " + e.getSQLState() + "): "
                    + firstLine(e) + "; check that the database answers and the role may connect", e);
        }
    }

    private void readOnly(Connection c) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("set default_transaction_read_only = on");
            s.execute("set statement_timeout = " + Math.max(1, options.statementTimeout().toMillis()));
            s.execute("set application_name = 'zerodown-capture'");
        }
        c.setReadOnly(true);
    }

    private static String serverVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(TAG + "show server_version")) {
            rs.next();
            return rs.getString(1).split(" ")[0];
        }
    }

    private Map<Long, Table> tables(Connection c) throws SQLException {
        Map<Long, Table> tables = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(TABLES)) {
            while (rs.next()) {
                long n = rs.getLong("n_live_tup");
                Long live = rs.wasNull() ? null : n;
                tables.put(rs.getLong(1), new Table(rs.getString(2), rs.getString(3), rs.getDouble("reltuples"),
                        rs.getBoolean("partitioned"), rs.getLong("total_bytes"), rs.getLong("pages"), live));
            }
        }
        return tables;
    }

    private void columns(Connection c, Map<Long, Table> tables, String oids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COLUMNS)) {
            ps.setString(1, oids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.get(rs.getLong(1)).columns.put(rs.getString(2),
                            new ColumnProfile(rs.getString(2), rs.getString(3), rs.getBoolean(4), null, null, null, null,
                                    null, null, null));
                }
            }
        }
    }

    private void stats(Connection c, Map<Long, Table> tables) throws SQLException {
        Map<String, Table> byName = new LinkedHashMap<>();
        tables.values().forEach(t -> byName.put(t.schema + "." + t.name, t));
        String sql = String.format(STATS, options.captureValues() ? VALUES : "");
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                Table t = byName.get(rs.getString(1) + "." + rs.getString(2));
                ColumnProfile col = t == null ? null : t.columns.get(rs.getString(3));
                if (col == null) {
                    continue;
                }
                t.analyzed = true;
                t.columns.put(col.name(), new ColumnProfile(col.name(), col.type(), col.notNull(), real(rs, 4),
                        real(rs, 5), (Integer) rs.getObject(6), real(rs, 7),
                        options.captureValues() ? strings(rs.getString("mcv")) : null,
                        options.captureValues() ? doubles(rs.getString("mcf")) : null,
                        options.captureValues() ? strings(rs.getString("hist")) : null));
            }
        }
    }

    private void indexes(Connection c, Map<Long, Table> tables, String oids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INDEXES)) {
            ps.setString(1, oids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.get(rs.getLong(1)).indexes.add(new IndexProfile(rs.getString(2), rs.getString(3),
                            rs.getBoolean(4), rs.getBoolean(5), rs.getLong(6)));
                }
            }
        }
    }

    private void constraints(Connection c, Map<Long, Table> tables, String oids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CONSTRAINTS)) {
            ps.setString(1, oids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.get(rs.getLong(1)).constraints.add(new ConstraintProfile(rs.getString(2),
                            constraintType(rs.getString(3)), rs.getString(4)));
                }
            }
        }
    }

    private void unanalyzed(List<TableProfile> profiles) {
        List<String> without = profiles.stream()
                .filter(t -> t.columns().stream().allMatch(col -> col.nullFrac() == null))
                .filter(t -> !t.columns().isEmpty())
                .map(TableProfile::qualifiedName).toList();
        if (!without.isEmpty()) {
            warnings.add("no column statistics for " + without.size() + " table(s) (never analyzed, or the role may not "
                    + "SELECT them): " + abbreviate(without) + "; their columns are seeded with defaults");
        }
    }

    static String constraintType(String contype) {
        return switch (contype) {
            case "p" -> "primary-key";
            case "u" -> "unique";
            case "f" -> "foreign-key";
            case "c" -> "check";
            case "x" -> "exclusion";
            case "n" -> "not-null";
            default -> contype;
        };
    }

    private interface Section {
        void run() throws SQLException;
    }

    private void section(String what, Section s) {
        try {
            s.run();
        } catch (SQLException e) {
            warnings.add(what + " left out (SQLState " + e.getSQLState() + "): " + firstLine(e));
        }
    }

    static String abbreviate(List<String> names) {
        return names.size() <= 5 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more";
    }

    static String firstLine(SQLException e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }

    private static Double real(ResultSet rs, int column) throws SQLException {
        double d = rs.getDouble(column);
        return rs.wasNull() ? null : d;
    }

    private static List<String> strings(String json) {
        return json == null ? null : read(json, new TypeReference<List<String>>() { });
    }

    private static List<Double> doubles(String json) {
        return json == null ? null : read(json, new TypeReference<List<Double>>() { });
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unexpected pg_stats array: " + e.getMessage(), e);
        }
    }

    /** One table while it is being read. */
    private static final class Table {
        final String schema;
        final String name;
        final double reltuples;
        final boolean partitioned;
        final long totalBytes;
        final long pages;
        final Long liveTuples;
        final Map<String, ColumnProfile> columns = new LinkedHashMap<>();
        final List<IndexProfile> indexes = new ArrayList<>();
        final List<ConstraintProfile> constraints = new ArrayList<>();
        boolean analyzed;

        Table(String schema, String name, double reltuples, boolean partitioned, long totalBytes, long pages,
              Long liveTuples) {
            this.schema = schema;
            this.name = name;
            this.reltuples = reltuples;
            this.partitioned = partitioned;
            this.totalBytes = totalBytes;
            this.pages = pages;
            this.liveTuples = liveTuples;
        }

        TableProfile profile() {
            long rows;
            String source;
            boolean known = reltuples > 0 || (reltuples == 0 && (pages == 0 || analyzed || partitioned));
            if (known) {
                rows = Math.round(reltuples);
                source = "reltuples";
            } else if (liveTuples != null && liveTuples > 0) {
                rows = liveTuples;
                source = "n_live_tup";
            } else if (pages > 0) {
                int width = 24 + columns.values().stream().mapToInt(c -> c.avgWidth() == null ? 8 : c.avgWidth()).sum();
                rows = pages * 8192 * 9 / 10 / Math.max(width, 1);
                source = "pages";
            } else {
                rows = 0;
                source = "reltuples";
            }
            return new TableProfile(schema, name, rows, source, totalBytes, List.copyOf(columns.values()), indexes,
                    constraints);
        }
    }
}
