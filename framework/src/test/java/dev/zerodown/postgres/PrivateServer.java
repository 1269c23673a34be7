package dev.zerodown.postgres;

import java.nio.file.Path;

/**
 * An embedded PostgreSQL 17 of one test's own (not the shared server), in a folder the test chose, for
 * faults that would break other tests: killing it, for one. Runs reach it as the {@code external} provider.
 */
public final class PrivateServer implements AutoCloseable {
    private final EmbeddedServer server;

    private PrivateServer(EmbeddedServer server) {
        this.server = server;
    }

    public static PrivateServer start(Path root) {
        return new PrivateServer(EmbeddedServer.start(17, root, (Path) null));
    }

    /** The setting {@code jdbcUrl} for this server (superuser, so runs get scratch databases). */
    public String jdbcUrl() {
        return server.address().url("postgres") + "?user=postgres";
    }

    public long postmasterPid() {
        return DataDirectories.postmasterPid(server.directory().resolve("data")).orElseThrow();
    }

    /** The folder of its data directory; gone once closed. */
    public Path directory() {
        return server.directory();
    }

    /** Stops it (a killed server only has its folder removed); never throws. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (RuntimeException e) {
            System.err.println("Closing the private server: " + e);
        }
    }
}
