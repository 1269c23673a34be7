package dev.zerodown.load;

import org.apiguardian.api.API;

/** The user's code: ONE simulated request per call. */
@API(status = API.Status.STABLE)
@FunctionalInterface
public interface AppVersion {
    void request() throws Exception;

    /** Domain errors the user expects (e.g. a unique violation on purpose); they are not failed requests. */
    default boolean isExpectedFailure(Exception e) {
        return false;
    }
}
