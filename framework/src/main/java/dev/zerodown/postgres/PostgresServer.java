package dev.zerodown.postgres;

import org.apiguardian.api.API;

/**
 * A running PostgreSQL server, shared by every run of a JVM for the same provider and major.
 * Each run asks it for a fresh {@link Database}.
 */
@API(status = API.Status.STABLE)
public interface PostgresServer extends AutoCloseable {

    /** The provider that started it, such as {@code embedded}. */
    ProviderKind provider();

    /** The major version, such as 17. */
    int major();

    /** The full server version, such as {@code 17.11}. */
    String version();

    /**
     * Creates a fresh, empty database from a template. Data written to it is visible to no other
     * database; closing it drops it.
     *
     * @param label a short readable part of the database name (letters, digits, underscores)
     */
    Database createDatabase(String label);

    /** Stops the server (or releases it, for an external one). */
    @Override
    void close();
}
