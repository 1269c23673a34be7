package dev.zerodown.postgres;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import dev.zerodown.config.EnvironmentException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A {@code postgres:<major>} container. The only class that names Testcontainers types: it is loaded
 * only after {@link TestcontainersSupport} has checked that they are on the classpath, so that
 * Testcontainers stays an optional dependency.
 */
final class TestcontainersServer extends TemplateServer {
    private final PostgreSQLContainer container;

    private TestcontainersServer(PostgreSQLContainer container, int major) {
        super(ProviderKind.TESTCONTAINERS, major,
                new ServerAddress(container.getHost() + ":" + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT), "",
                        container.getUsername(), container.getPassword()),
                "zerodown_template");
        this.container = container;
    }

    /** Whether a Docker engine answers; Testcontainers caches the answer for the JVM. */
    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static TestcontainersServer start(int major, String image) {
        PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"))
                .withStartupTimeout(Duration.ofMinutes(3));
        container.setCommand(command());
        try {
            container.start();
        } catch (RuntimeException e) {
            container.stop();
            throw new EnvironmentException("The Testcontainers PostgreSQL " + major + " (" + image + ") did not start: "
                    + ServerVersion.rootMessage(e), e);
        }
        return initOrClose(new TestcontainersServer(container, major));
    }

    /** The image's default command replaced: fsync=off again, plus the shared server settings. */
    private static String[] command() {
        List<String> cmd = new ArrayList<>(List.of("postgres"));
        ServerSettings.all().forEach((k, v) -> {
            cmd.add("-c");
            cmd.add(k + "=" + v);
        });
        return cmd.toArray(String[]::new);
    }

    @Override
    protected void stop() {
        container.stop();
    }
}
