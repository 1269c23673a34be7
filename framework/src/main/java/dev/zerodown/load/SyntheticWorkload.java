package dev.zerodown.load;

import dev.zerodown.config.EnvironmentException;
import dev.zerodown.load.SyntheticTable.Op;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apiguardian.api.API;

/**
 * Traffic shaped like an ORM's, derived from the catalog for a live version without a workload.
 * It is bound to the schema as the version first saw it: the tables and columns that existed when
 * it started. Its requests name those columns (never {@code *}) and cast their values to the types
 * it knew, so a column renamed or dropped under it fails its requests (42703), a dropped or renamed
 * table 42P01, and a retyped column, a new NOT NULL column without a default or a trigger that
 * rejects its writes fail its writes — measured, not guessed.
 *
 * <p>Per table: point reads by key selecting every known column; updates that load a row and write
 * every known writable column back; inserts of a new row (values copied from a sampled row, fresh
 * values for key and unique columns, existing parents for foreign keys); deletes of rows the client
 * inserted. Generated and identity-always columns are left to the database. A table without a key
 * is read by all columns of a sampled row. Each request is one transaction on pgjdbc's defaults.
 *
 * <p>When it binds, each request kind runs once per table in a transaction that is rolled back: a
 * kind that fails then (a CHECK the generated values miss, a trigger already rejecting, a missing
 * parent row) is not something this version does, and is left out with a note. A version bound at
 * a deploy keeps a kind that fails for a missing privilege: the code deployed with that schema
 * needs it, so the failure is a finding.
 */
@API(status = API.Status.INTERNAL)
public final class SyntheticWorkload implements AppVersionFactory {
    /**
     * Tables never touched: the history tables of Flyway, Liquibase, Diesel, golang-migrate, dbmate
     * and Rails ({@code schema_migrations}) and goose.
     */
    public static final Set<String> HISTORY_TABLES = Set.of("flyway_schema_history", "databasechangelog",
            "databasechangeloglock", "__diesel_schema_migrations", "schema_migrations", "goose_db_version");
    /** Rows sampled per table. */
    public static final int SAMPLED_KEYS = 100;

    private final List<SyntheticTable> tables;
    private final Map<String, List<String>> notes;
    private final List<String> tablesWithoutKey;
    private final SyntheticMix mix;

    private SyntheticWorkload(List<SyntheticTable> tables, Map<String, List<String>> notes, List<String> withoutKey,
                              SyntheticMix mix) {
        this.tables = List.copyOf(tables);
        this.notes = notes;
        this.tablesWithoutKey = List.copyOf(withoutKey);
        this.mix = mix;
    }

    /** Reads the catalog and samples rows on {@code connection}, as a version that starts now; history tables are excluded. */
    public static SyntheticWorkload fromCatalog(Connection connection) {
        return fromCatalog(connection, HISTORY_TABLES);
    }

    /**
     * @param excludedTables table names (unqualified, lower case) never touched, such as a custom
     *                       Flyway history table
     */
    public static SyntheticWorkload fromCatalog(Connection connection, Set<String> excludedTables) {
        return bind(connection, excludedTables, SyntheticMix.DEFAULT, false, new AtomicLong()::incrementAndGet);
    }

    /**
     * @param deployed the version joins at a deploy: a privilege it lacks is a finding, not a table
     *                 it leaves alone
     * @param sequence the run's counter of fresh values (shared with the load, so the check at
     *                 start never collides with a row another version is inserting)
     */
    static SyntheticWorkload bind(Connection connection, Set<String> excludedTables, SyntheticMix mix, boolean deployed,
                                  LongSupplier sequence) {
        Set<String> excluded = excludedTables.stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<SyntheticTable> tables = new ArrayList<>();
        Map<String, List<String>> notes = new LinkedHashMap<>();
        List<String> withoutKey = new ArrayList<>();
        List<SyntheticTable> candidates = new ArrayList<>();
        try {
            for (SyntheticCatalog.Table t : SyntheticCatalog.read(connection)) {
                if (excluded.contains(t.name().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                if (!deployed && !t.anyPrivilege()) {
                    notes.put(t.qualifiedName(), List.of("no privilege when the version started: not used"));
                    continue;
                }
                SyntheticTable table = new SyntheticTable(t, sample(connection, t), parents(connection, t), !deployed);
                if (!table.keyed()) {
                    withoutKey.add(t.qualifiedName());
                }
                candidates.add(table);
            }
            probe(connection, parentsFirst(candidates), mix, deployed, sequence);
        } catch (SQLException e) {
            throw new EnvironmentException("Could not read the catalog for synthetic traffic: " + e.getMessage(), e);
        }
        for (SyntheticTable table : candidates) {
            if (!table.notes.isEmpty()) {
                notes.put(table.table.qualifiedName(), List.copyOf(table.notes));
            }
            if (!table.ops.isEmpty()) {
                tables.add(table);
            }
        }
        return new SyntheticWorkload(tables, notes, withoutKey, mix);
    }

    /** The same tables and columns with other weights. */
    public SyntheticWorkload withMix(SyntheticMix mix) {
        return new SyntheticWorkload(tables, notes, tablesWithoutKey, mix);
    }

    /** The tables the traffic uses, schema-qualified. */
    public List<String> tables() {
        return tables.stream().map(t -> t.table.qualifiedName()).toList();
    }

    /** Per table the traffic uses: the columns it names (as the version knew them), in table order. */
    public Map<String, List<String>> columns() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        tables.forEach(t -> out.put(t.table.qualifiedName(), t.columnNames()));
        return out;
    }

    /** Per table the traffic uses: the requests it makes ({@code read/update/insert/delete}). */
    public Map<String, String> operations() {
        Map<String, String> out = new LinkedHashMap<>();
        tables.forEach(t -> out.put(t.table.qualifiedName(), t.opsText()));
        return out;
    }

    /** What was left out and why, per table (a table left out entirely, or some of its requests). */
    public Map<String, List<String>> skipped() {
        return notes;
    }

    /** User tables without a key: read by all columns of a sampled row, never updated or deleted. */
    public List<String> tablesWithoutKey() {
        return tablesWithoutKey;
    }

    /** True when the version knows no table it can use: it makes no request and the report says so. */
    public boolean idle() {
        return tables.isEmpty();
    }

    @Override
    public AppVersion create(DataSource dataSource) {
        return client(dataSource, new SplittableRandom(LoadSettings.DEFAULT_SEED), new AtomicLong()::incrementAndGet);
    }

    AppVersion client(DataSource dataSource, SplittableRandom random, LongSupplier sequence) {
        if (tables.isEmpty()) {
            return () -> { };
        }
        return new SyntheticClient(tables, dataSource, random, mix, sequence);
    }

    private static List<String[]> sample(Connection c, SyntheticCatalog.Table t) {
        String columns = t.columns().stream().map(k -> k.name() + "::text").collect(Collectors.joining(", "));
        List<String[]> rows = new ArrayList<>();
        if (columns.isEmpty()) {
            return rows;
        }
        try (PreparedStatement ps = c.prepareStatement("select " + columns + " from " + t.qualifiedName()
                + " limit " + SAMPLED_KEYS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String[] row = new String[t.columns().size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = rs.getString(i + 1);
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            // no privilege to read it: its requests will show that, measured
        }
        return rows;
    }

    private static Map<Integer, List<String>> parents(Connection c, SyntheticCatalog.Table t) {
        Map<Integer, List<String>> out = new LinkedHashMap<>();
        for (SyntheticCatalog.Reference r : t.references()) {
            List<String> values = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select " + r.referencedColumn() + "::text from " + r.table()
                    + " limit " + SAMPLED_KEYS); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            } catch (SQLException e) {
                // an unreadable parent: inserts that need it are left out by the probe
            }
            out.put(r.column(), values);
        }
        return out;
    }

    /** Tables ordered so that a table comes after the tables its foreign keys point at (cycles in catalog order). */
    private static List<SyntheticTable> parentsFirst(List<SyntheticTable> tables) {
        Map<String, SyntheticTable> byName = new LinkedHashMap<>();
        tables.forEach(t -> byName.put(t.table.qualifiedName(), t));
        List<SyntheticTable> out = new ArrayList<>();
        Set<String> visiting = new java.util.HashSet<>();
        Set<String> done = new java.util.HashSet<>();
        for (SyntheticTable t : tables) {
            visit(t, byName, visiting, done, out);
        }
        return out;
    }

    private static void visit(SyntheticTable t, Map<String, SyntheticTable> byName, Set<String> visiting, Set<String> done,
                              List<SyntheticTable> out) {
        String name = t.table.qualifiedName();
        if (done.contains(name) || !visiting.add(name)) {
            return;
        }
        for (String parent : t.parents()) {
            SyntheticTable p = byName.get(parent);
            if (p != null) {
                visit(p, byName, visiting, done, out);
            }
        }
        done.add(name);
        out.add(t);
    }

    /**
     * Runs each request kind of every table once, parents first, in one transaction that is rolled
     * back (so a child's insert can use the row just inserted into its parent, as the load's clients
     * do); leaves out the kinds the version cannot do.
     */
    private static void probe(Connection c, List<SyntheticTable> tables, SyntheticMix mix, boolean deployed,
                              LongSupplier sequence) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        SyntheticClient client = new SyntheticClient(tables, null, new SplittableRandom(LoadSettings.DEFAULT_SEED),
                mix, sequence);
        try {
            for (SyntheticTable t : tables) {
                List<String[]> mine = client.own(t.table.qualifiedName());
                for (Op op : List.copyOf(t.ops)) {
                    if (op == Op.DELETE) {
                        continue; // after the children, below: a delete must not take the parent row they need
                    }
                    probe(c, client, t, op, mine, deployed);
                }
            }
            for (SyntheticTable t : tables) {
                if (t.ops.contains(Op.DELETE)) {
                    probe(c, client, t, Op.DELETE, client.own(t.table.qualifiedName()), deployed);
                }
            }
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }

    private static void probe(Connection c, SyntheticClient client, SyntheticTable t, Op op, List<String[]> mine,
                              boolean deployed) throws SQLException {
        if (op == Op.INSERT && t.newRow(new SplittableRandom(0), () -> 1, client::own) == null) {
            t.ops.remove(Op.INSERT);
            t.ops.remove(Op.DELETE);
            t.notes.add("not inserted: no row in the table a NOT NULL foreign key points at, when the version started");
            return;
        }
        Savepoint sp = c.setSavepoint();
        try {
            client.run(c, t, op, mine);
            c.releaseSavepoint(sp);
        } catch (StatementFailure f) {
            c.rollback(sp);
            String state = f.getCause().getSQLState();
            if (!deployed || dataShaped(state)) {
                t.ops.remove(op);
                if (op == Op.INSERT) {
                    t.ops.remove(Op.DELETE);
                }
                t.notes.add("not " + SyntheticTable.past(op) + ": " + state + " " + f.getMessage()
                        + " (when the version started)");
            }
        }
    }

    /** Errors of the values synthetic traffic made up (data, constraints, a trigger's RAISE), not of the schema. */
    private static boolean dataShaped(String state) {
        return state != null && (state.startsWith("22") || state.startsWith("23") || state.equals("P0001"));
    }
}
