package dev.zerodown.postgres;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts (or connects to) a server for one {@link PostgresOptions}: one implementation per {@link ProviderKind}. */
@FunctionalInterface
interface PostgresProvider {

    PostgresServer start(PostgresOptions options);

    static PostgresProvider of(ProviderKind kind) {
        return switch (kind) {
            case EMBEDDED -> o -> EmbeddedServer.start(o.major(), o.dataDirectory());
            case TESTCONTAINERS -> TestcontainersSupport::start;
            case EXTERNAL -> ExternalServers::connect;
            case AUTO -> o -> of(resolve(o).provider()).start(resolve(o));
        };
    }

    /** {@code auto} becomes {@code testcontainers} where Docker answers and {@code embedded} otherwise; the rest stay. */
    static PostgresOptions resolve(PostgresOptions options) {
        if (options.provider() != ProviderKind.AUTO) {
            return options;
        }
        if (TestcontainersSupport.dockerAvailable()) {
            return options.withProvider(ProviderKind.TESTCONTAINERS);
        }
        Logger log = LoggerFactory.getLogger(PostgresProvider.class);
        log.info("provider=auto: {}, so PostgreSQL {} is embedded", TestcontainersSupport.onClasspath()
                ? "Docker is not available" : "Testcontainers is not on the classpath", options.major());
        return options.withProvider(ProviderKind.EMBEDDED);
    }
}
