package dev.zerodown.load;

import javax.sql.DataSource;
import org.apiguardian.api.API;

/** Builds an app version from a DataSource; {@code AppV1::new}. One instance per client thread. */
@API(status = API.Status.STABLE)
@FunctionalInterface
public interface AppVersionFactory {
    AppVersion create(DataSource dataSource) throws Exception;
}
