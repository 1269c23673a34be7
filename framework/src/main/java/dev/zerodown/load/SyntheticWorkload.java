package dev.zerodown.load;

import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.EnvironmentException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apiguardian.api.API;

/**
 * Traffic derived from the catalog, for a live version without a workload: for every user table
 * with a primary key (migration history tables excluded), point reads by key and
 * {@code UPDATE t SET pk = pk WHERE pk = ?} on keys sampled from the table when this object was
 * built. A table that had no rows then is read with {@code SELECT pk FROM t LIMIT 1}. The SQL is
 * fixed at the state the catalog was read in, as an app compiled against it would be.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class SyntheticWorkload implements AppVersionFactory {
    /** Tables never touched: the history tables of Flyway and Liquibase. */
    public static final Set<String> HISTORY_TABLES = Set.of("flyway_schema_history", "databasechangelog", "databasechangeloglock");
    /** Keys sampled per table. */
    public static final int SAMPLED_KEYS = 100;

    private final List<SyntheticTable> tables;
    private final List<String> tablesWithoutKey;

    private SyntheticWorkload(List<SyntheticTable> tables, List<String> tablesWithoutKey) {
        this.tables = List.copyOf(tables);
        this.tablesWithoutKey = List.copyOf(tablesWithoutKey);
    }

    /** Reads the catalog and samples keys on {@code connection}; history tables are excluded. */
    public static SyntheticWorkload fromCatalog(Connection connection) {
        return fromCatalog(connection, HISTORY_TABLES);
    }

    /**
     * @param excludedTables table names (unqualified, lower case) never touched, such as a custom
     *                       Flyway history table
     */
    public static SyntheticWorkload fromCatalog(Connection connection, Set<String> excludedTables) {
        Set<String> excluded = excludedTables.stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<SyntheticTable> tables = new ArrayList<>();
        List<String> withoutKey = new ArrayList<>();
        try {
            for (CatalogTable t : userTables(connection)) {
                if (excluded.contains(t.name().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                if (t.keyColumns().isEmpty()) {
                    withoutKey.add(t.qualifiedName());
                } else {
                    tables.add(SyntheticTable.of(t, sampleKeys(connection, t)));
                }
            }
        } catch (SQLException e) {
            throw new EnvironmentException("Could not read the catalog for synthetic traffic: " + e.getMessage(), e);
        }
        return new SyntheticWorkload(tables, withoutKey);
    }

    /** The tables the traffic reads and updates, schema-qualified. */
    public List<String> tables() {
        return tables.stream().map(SyntheticTable::name).toList();
    }

    /** User tables without a primary key, schema-qualified: they get no traffic (log them). */
    public List<String> tablesWithoutKey() {
        return tablesWithoutKey;
    }

    @Override
    public AppVersion create(DataSource dataSource) {
        return client(dataSource, new SplittableRandom(LoadSettings.DEFAULT_SEED));
    }

    AppVersion client(DataSource dataSource, SplittableRandom random) {
        if (tables.isEmpty()) {
            throw new ConfigurationException("Synthetic traffic needs a user table with a primary key, and the schema has none"
                    + (tablesWithoutKey.isEmpty() ? "" : " (tables without a key: " + String.join(", ", tablesWithoutKey) + ")")
                    + "; give the version a workload file or Java code");
        }
        return new SyntheticClient(tables, dataSource, random);
    }

    record CatalogTable(String qualifiedName, String name, List<String> keyColumns, List<String> keyTypes) {
    }

    private static List<CatalogTable> userTables(Connection c) throws SQLException {
        String sql = """
                select format('%I.%I', n.nspname, c.relname), c.relname,
                       coalesce((select array_agg(quote_ident(a.attname) order by k.ord)
                                 from pg_index i cross join lateral unnest(i.indkey) with ordinality k(attnum, ord)
                                 join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
                                 where i.indrelid = c.oid and i.indisprimary), '{}'),
                       coalesce((select array_agg(format_type(a.atttypid, a.atttypmod) order by k.ord)
                                 from pg_index i cross join lateral unnest(i.indkey) with ordinality k(attnum, ord)
                                 join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
                                 where i.indrelid = c.oid and i.indisprimary), '{}')
                from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where c.relkind in ('r', 'p') and not c.relispartition
                  and n.nspname not in ('pg_catalog', 'information_schema')
                  and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'
                  and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass
                                  and d.objid = c.oid and d.deptype = 'e')
                order by 1""";
        List<CatalogTable> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                tables.add(new CatalogTable(rs.getString(1), rs.getString(2),
                        List.of((String[]) rs.getArray(3).getArray()), List.of((String[]) rs.getArray(4).getArray())));
            }
        }
        return tables;
    }

    private static List<String[]> sampleKeys(Connection c, CatalogTable t) throws SQLException {
        String columns = t.keyColumns().stream().map(k -> k + "::text").collect(Collectors.joining(", "));
        List<String[]> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select " + columns + " from " + t.qualifiedName() + " limit " + SAMPLED_KEYS);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String[] key = new String[t.keyColumns().size()];
                for (int i = 0; i < key.length; i++) {
                    key[i] = rs.getString(i + 1);
                }
                keys.add(key);
            }
        }
        return keys;
    }
}
