package dev.zerodown.config;

import org.apiguardian.api.API;

/**
 * Bad user input: an unknown setting value, a malformed file, a workload that does not fit the
 * baseline. The message is one line that names where the problem is and what to do.
 */
@API(status = API.Status.STABLE)
public class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
