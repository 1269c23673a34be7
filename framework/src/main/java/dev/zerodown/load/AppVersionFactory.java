package dev.zerodown.load;

import javax.sql.DataSource;
import org.apiguardian.api.API;

/**
 * Builds an {@link AppVersion} from the version's pooled {@code DataSource}, typically a
 * constructor reference such as {@code AppV1::new}. The load driver calls it once per client
 * thread, on the thread that starts the version.
 */
@API(status = API.Status.STABLE)
@FunctionalInterface
public interface AppVersionFactory {

    AppVersion create(DataSource dataSource) throws Exception;
}
