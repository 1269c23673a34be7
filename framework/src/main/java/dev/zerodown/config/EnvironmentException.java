package dev.zerodown.config;

import org.apiguardian.api.API;

/**
 * The environment is broken (no PostgreSQL could start, a folder cannot be read): the run has no
 * verdict. Never reported as "unsafe" and never as a pass.
 */
@API(status = API.Status.STABLE)
public class EnvironmentException extends RuntimeException {
    public EnvironmentException(String message) {
        super(message);
    }

    public EnvironmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
