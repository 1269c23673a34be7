package dev.zerodown.load;

import org.apiguardian.api.API;

/**
 * One version of the application under test: each call of {@link #request()} performs ONE simulated
 * request against the database (through the {@code DataSource} the version was built from).
 *
 * <p>The load driver creates one instance per client thread, so an instance may keep state (ids
 * it created, a counter) without locking. Every exception a request throws is a failed request,
 * unless {@link #isExpectedFailure(Exception)} says the user's domain expects it.
 *
 * <pre>{@code
 * class AppV1 implements AppVersion {
 *     private final DataSource ds;
 *     AppV1(DataSource ds) { this.ds = ds; }
 *     public void request() throws SQLException {
 *         try (Connection c = ds.getConnection();
 *              PreparedStatement ps = c.prepareStatement("select user_name from users where id = ?")) {
 *             ps.setLong(1, ThreadLocalRandom.current().nextLong(1, 1000));
 *             ps.executeQuery().close();
 *         }
 *     }
 * }
 * }</pre>
 */
@API(status = API.Status.STABLE)
@FunctionalInterface
public interface AppVersion {

    /** Performs one simulated request. */
    void request() throws Exception;

    /**
     * Domain errors the user expects (for example a unique violation on purpose): they are counted
     * as {@code expectedErrors}, not as failed requests.
     */
    default boolean isExpectedFailure(Exception e) {
        return false;
    }
}
