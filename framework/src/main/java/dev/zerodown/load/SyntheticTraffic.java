package dev.zerodown.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import dev.zerodown.config.EnvironmentException;
import org.apiguardian.api.API;

/**
 * Synthetic traffic for a version without a workload: bound to the schema when the version first
 * starts (at {@code start} or at its {@code deploy}), through the version's own connections (so as
 * its database role), then shared by its clients and kept for the rest of the run, as an
 * application compiled against that schema would be. See {@link SyntheticWorkload}.
 *
 * <p>Use one instance per run: the binding belongs to the database it was made on.
 */
@API(status = API.Status.STABLE)
public final class SyntheticTraffic implements AppVersionFactory {
    private final SyntheticMix mix;
    private final Set<String> excludedTables;
    private volatile SyntheticWorkload workload;

    /** The default mix, Flyway's and Liquibase's history tables excluded. */
    public SyntheticTraffic() {
        this(SyntheticMix.DEFAULT, SyntheticWorkload.HISTORY_TABLES);
    }

    /**
     * @param mix            the weights of reads, updates, inserts and deletes
     * @param excludedTables table names (unqualified) never touched, such as a custom history table
     */
    public SyntheticTraffic(SyntheticMix mix, Set<String> excludedTables) {
        this.mix = Objects.requireNonNull(mix, "mix");
        this.excludedTables = Set.copyOf(excludedTables);
    }

    /** The workload bound when the version started, or null before it started. */
    @API(status = API.Status.INTERNAL)
    public SyntheticWorkload workload() {
        return workload;
    }

    /** Binds on first use, as a version that starts now. */
    @Override
    public AppVersion create(DataSource dataSource) {
        return bind(dataSource, false, new java.util.concurrent.atomic.AtomicLong()::incrementAndGet).create(dataSource);
    }

    /** Binds on first use; later calls return the same binding, whatever the schema is by then. */
    SyntheticWorkload bind(DataSource dataSource, boolean deployed, LongSupplier sequence) {
        SyntheticWorkload w = workload;
        if (w == null) {
            synchronized (this) {
                if (workload == null) {
                    try (Connection c = dataSource.getConnection()) {
                        workload = SyntheticWorkload.bind(c, excludedTables, mix, deployed, sequence);
                    } catch (SQLException e) {
                        throw new EnvironmentException("Could not read the catalog for synthetic traffic: " + e.getMessage(), e);
                    }
                }
                w = workload;
            }
        }
        return w;
    }
}
