package dev.zerodown.postgres;

import org.apiguardian.api.API;

/**
 * A running PostgreSQL server, shared by every run of a JVM for the same provider and major.
 * Each run asks it for a fresh {@link Database}.
 */
@API(status = API.Status.EXPERIMENTAL)
public interface PostgresServer extends AutoCloseable {

    /** The provider that started it, such as {@code embedded} (for {@code auto}: the one it chose). */
    ProviderKind provider();

    /** The major version, such as 17. */
    int major();

    /** The full server version, such as {@code 17.11}. */
    String version();

    /**
     * Creates a fresh, empty database from a template. Data written to it is visible to no other
     * database; closing it drops it (and ends the connections still open to it). On an {@code external}
     * server with the {@code allowExternal} opt-in it is a copy of the opted-in database, data included
     * ({@code CREATE DATABASE … TEMPLATE}); for a role that may not create databases, it is the
     * opted-in database itself, one run at a time, and closing it drops nothing.
     *
     * @param label a short readable part of the database name (letters, digits, underscores)
     */
    Database createDatabase(String label);

    /**
     * Copies {@code source}, data included, into a new database that closing drops: a scratch clone
     * to re-run a statement on without touching the run's database. Nothing may be connected to
     * {@code source} meanwhile.
     *
     * @throws UnsupportedOperationException on a server that cannot create databases (an opted-in
     *                                       external database)
     */
    default Database cloneDatabase(Database source, String label) {
        throw new UnsupportedOperationException(this + " cannot create databases, so it cannot clone " + source.name());
    }

    /**
     * A fresh database created from the seeded baseline this server keeps under {@code key}, a hash of everything
     * that decides the baseline's content. The first call for a key runs {@code prepare} on a fresh database under a
     * temporary name; only once it returned does that database become the template {@code zd_seed_<hash>} that this
     * and later calls copy ({@code CREATE DATABASE … TEMPLATE}). When {@code prepare} throws, the temporary database
     * is dropped and the exception rethrown: a failed preparation never leaves a template behind. Concurrent calls
     * for one key prepare it once; the others wait for it.
     *
     * @param label   a short readable part of the database name
     * @param key     lower-case hex, at least 32 digits
     * @param prepare applies the baseline and the seed to the database it is given (and closes its connections)
     * @return empty when this server keeps no seeded baselines: an opted-in external database and its clones (the
     *         database a run starts from is the baseline there); the caller then prepares its own database
     */
    default java.util.Optional<SeededDatabase> createSeeded(String label, String key,
                                                             java.util.function.Consumer<Database> prepare) {
        return java.util.Optional.empty();
    }

    /** Stops the server (or releases it, for an external one). */
    @Override
    void close();
}
