package dev.zerodown.profile;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.EnvironmentException;
import org.apiguardian.api.API;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds every table of a database to a scale of a {@link ProductionProfile}: parents before
 * children, tables of one level in parallel, each through one text-format COPY whose rows are
 * generated straight into a reusable byte buffer ({@link CopyBuffer}). Rows honour types, NOT NULL,
 * primary and unique keys, foreign keys (fan-out from the profile's distinct counts), enum values,
 * simple CHECKs and the profile's null fractions; a constraint the generator cannot satisfy is a
 * one-line {@link ConfigurationException} naming the table.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class ProfileSeed {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileSeed.class);
    private static final int CHUNK = 1 << 18;

    private final ProductionProfile profile;
    private final Scale scale;
    private final long maxSeedRows;
    private final long randomSeed;
    private final int threads;
    private java.time.Duration progressEvery = SeedProgress.EVERY;
    private java.util.function.Consumer<String> progressSink;

    /**
     * @param maxSeedRows for {@code scale=auto}: no table gets more rows than this
     * @param randomSeed  seed of the generated values (same seed, same rows)
     */
    public ProfileSeed(ProductionProfile profile, Scale scale, long maxSeedRows, long randomSeed) {
        this(profile, scale, maxSeedRows, randomSeed, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    ProfileSeed(ProductionProfile profile, Scale scale, long maxSeedRows, long randomSeed, int threads) {
        this.profile = profile;
        this.scale = scale;
        this.maxSeedRows = maxSeedRows;
        this.randomSeed = randomSeed;
        this.threads = threads;
    }

    /** How often a long seed logs its progress (tests shorten it). */
    ProfileSeed progressEvery(java.time.Duration every, java.util.function.Consumer<String> sink) {
        this.progressEvery = every;
        this.progressSink = sink;
        return this;
    }

    /**
     * What was seeded.
     *
     * @param scale  the fraction of the profile's rows used
     * @param rows   rows per table ({@code schema.table}), in seeding order
     * @param millis time taken, analyze included
     */
    @API(status = API.Status.EXPERIMENTAL)
    public record Result(double scale, Map<String, Long> rows, long millis) {
        public long totalRows() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Seeds the database behind {@code target}, whose schema is the baseline. */
    public Result seed(DataSource target) {
        long start = System.nanoTime();
        Map<Long, SeedCatalog.Table> tables;
        try (Connection c = target.getConnection()) {
            tables = SeedCatalog.read(c);
        } catch (SQLException e) {
            throw new EnvironmentException("Cannot read the schema to seed: " + e.getMessage(), e);
        }
        double fraction = scale.resolve(profile.tables().stream().map(TableProfile::rows).toList(), maxSeedRows);
        Map<Long, TableRows> gens = generators(tables, fraction);
        SeedOrder order = SeedOrder.of(gens);
        List<List<TableRows>> levels = order.levels();
        gens.values().forEach(g -> g.plan(order.breaks()));
        Map<String, Long> seeded = new LinkedHashMap<>();
        SeedProgress progress = progressSink == null ? new SeedProgress(progressEvery)
                : new SeedProgress(progressEvery, progressSink);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "zerodown-seed");
            t.setDaemon(true);
            return t;
        });
        try {
            for (List<TableRows> level : levels) {
                List<Future<?>> running = new ArrayList<>();
                for (TableRows g : level) {
                    if (g.rows > 0) {
                        SeedProgress.Tracked tracked = progress.track(g.table.qualified(), g.rows);
                        running.add(pool.submit(() -> copy(target, g, tracked)));
                        seeded.put(g.table.qualified(), g.rows);
                    }
                }
                await(running);
            }
        } finally {
            pool.shutdownNow();
            progress.close();
        }
        finish(target, gens);
        long ms = (System.nanoTime() - start) / 1_000_000;
        LOG.info("Seeded {} rows in {} tables from the profile at scale {} in {} ms",
                seeded.values().stream().mapToLong(Long::longValue).sum(), seeded.size(), fraction, ms);
        return new Result(fraction, seeded, ms);
    }

    private Map<Long, TableRows> generators(Map<Long, SeedCatalog.Table> tables, double fraction) {
        Map<Long, TableRows> gens = new LinkedHashMap<>();
        Map<Long, Long> rows = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (SeedCatalog.Table t : tables.values()) {
            TableProfile p = profile.table(t.schema, t.name).orElse(null);
            if (p == null) {
                missing.add(t.qualified());
            }
            long r = p == null || p.rows() <= 0 ? 0 : Math.max(1, Math.round(p.rows() * fraction));
            rows.put(t.oid, r);
        }
        boolean changed = true;
        while (changed) {  // a child with rows and a NOT NULL reference needs at least one parent row
            changed = false;
            for (SeedCatalog.Table t : tables.values()) {
                for (SeedCatalog.ForeignKey fk : t.foreignKeys) {
                    boolean notNull = fk.columns().stream().anyMatch(c -> t.columns.get(c).notNull());
                    if (notNull && rows.get(t.oid) > 0 && rows.getOrDefault(fk.parent(), 1L) == 0) {
                        rows.put(fk.parent(), 1L);
                        changed = true;
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            LOG.info("Not in the profile, so not seeded (unless a parent of seeded rows): {}", ProfileCapture.abbreviate(missing));
        }
        for (SeedCatalog.Table t : tables.values()) {
            gens.put(t.oid, new TableRows(t, profile.table(t.schema, t.name).orElse(null), rows.get(t.oid), gens));
        }
        return gens;
    }

    private void copy(DataSource target, TableRows g, SeedProgress.Tracked tracked) {
        tracked.started();
        String sql = "copy " + g.table.quoted() + " (" + String.join(", ", g.columnNames().stream().map(SeedCatalog::quote).toList())
                + ") from stdin";
        SplittableRandom rnd = new SplittableRandom(randomSeed ^ ((long) g.table.qualified().hashCode() << 32));
        try (Connection c = target.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("set synchronous_commit = off");
            }
            CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            try {
                CopyBuffer b = new CopyBuffer(CHUNK + 4096);
                for (long i = 0; i < g.rows; i++) {
                    g.writeRow(i, rnd, b);
                    if (b.length() >= CHUNK) {
                        write(in, b);
                        tracked.done.set(i + 1);
                    }
                }
                write(in, b);
                in.endCopy();
                tracked.done.set(g.rows);
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        } catch (SQLException e) {
            throw g.fail(String.valueOf(e.getMessage()).lines().findFirst().orElse("") + " (SQLState " + e.getSQLState() + ")");
        }
    }

    private static void write(CopyIn in, CopyBuffer b) throws SQLException {
        in.writeToCopy(b.array(), 0, b.length());
        b.clear();
    }

    private static void await(List<Future<?>> running) {
        RuntimeException first = null;
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EnvironmentException("Interrupted while seeding", e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Moves sequences past the generated keys and analyzes the seeded tables. */
    private static void finish(DataSource target, Map<Long, TableRows> gens) {
        try (Connection c = target.getConnection(); Statement s = c.createStatement();
             PreparedStatement seq = c.prepareStatement("select pg_get_serial_sequence(?, ?)")) {
            for (TableRows g : gens.values()) {
                if (g.rows == 0) {
                    continue;
                }
                for (String col : g.columnNames()) {
                    seq.setString(1, g.table.quoted());
                    seq.setString(2, col);
                    String name;
                    try (ResultSet rs = seq.executeQuery()) {
                        name = rs.next() ? rs.getString(1) : null;
                    }
                    if (name != null) {
                        s.execute("select setval('" + name.replace("'", "''") + "', coalesce(max(" + SeedCatalog.quote(col)
                                + "), 0) + 1, false) from " + g.table.quoted());
                    }
                }
                s.execute("analyze " + g.table.quoted());
            }
        } catch (SQLException e) {
            throw new EnvironmentException("Seeding from the profile could not finish: " + e.getMessage(), e);
        }
    }
}
