package dev.zerodown.load;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import dev.zerodown.config.EnvironmentException;
import org.apiguardian.api.API;

/**
 * Synthetic traffic for a version without a workload: the catalog is read when the version starts
 * (on the schema live at that moment), then shared by its clients. See {@link SyntheticWorkload}.
 */
@API(status = API.Status.STABLE)
public final class SyntheticTraffic implements AppVersionFactory {
    private volatile SyntheticWorkload workload;

    /** The workload read at start, or null before the version started. */
    public SyntheticWorkload workload() {
        return workload;
    }

    @Override
    public AppVersion create(DataSource dataSource) {
        SyntheticWorkload w = workload;
        if (w == null) {
            synchronized (this) {
                if (workload == null) {
                    try (Connection c = dataSource.getConnection()) {
                        workload = SyntheticWorkload.fromCatalog(c);
                    } catch (SQLException e) {
                        throw new EnvironmentException("Could not read the catalog for synthetic traffic: " + e.getMessage(), e);
                    }
                }
                w = workload;
            }
        }
        return w.create(dataSource);
    }
}
