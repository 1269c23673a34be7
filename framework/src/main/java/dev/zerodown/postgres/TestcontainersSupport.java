package dev.zerodown.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.EnvironmentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guard in front of {@link TestcontainersServer}: Testcontainers is an optional dependency, so
 * this class checks that its classes are on the classpath and that Docker answers (within a bound)
 * before anything loads a Testcontainers type.
 */
final class TestcontainersSupport {
    private static final Logger LOG = LoggerFactory.getLogger(TestcontainersSupport.class);
    static final String CONTAINER_CLASS = "org.testcontainers.postgresql.PostgreSQLContainer";
    private static final Duration DOCKER_CHECK_TIMEOUT = Duration.ofSeconds(20);
    private static volatile Boolean docker;

    private TestcontainersSupport() {
    }

    /** The coordinates to add, with the version Zerodown was built and tested with. */
    static String coordinates() {
        Properties p = new Properties();
        try (InputStream in = TestcontainersSupport.class.getResourceAsStream("testcontainers.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            return "org.testcontainers:testcontainers-postgresql";
        }
        return "org.testcontainers:testcontainers-postgresql:" + p.getProperty("version");
    }

    static boolean onClasspath() {
        return classPresent(CONTAINER_CLASS);
    }

    static boolean classPresent(String className) {
        try {
            Class.forName(className, false, TestcontainersSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Fails with one line naming the dependency to add when {@code className} is missing. */
    static void requireClass(String className) {
        if (!classPresent(className)) {
            throw new ConfigurationException("provider=testcontainers needs Testcontainers on the test classpath, but "
                    + className + " is missing; add the test dependency " + coordinates()
                    + ", or use provider=embedded (the default)");
        }
    }

    /** Whether Testcontainers is present and a Docker engine answers; asked once per JVM, bounded in time. */
    static boolean dockerAvailable() {
        if (!onClasspath()) {
            return false;
        }
        Boolean known = docker;
        if (known == null) {
            known = askDocker();
            docker = known;
        }
        return known;
    }

    private static boolean askDocker() {
        FutureTask<Boolean> ask = new FutureTask<>(TestcontainersServer::dockerAvailable);
        Thread t = new Thread(ask, "zerodown-docker-check");
        t.setDaemon(true);
        t.start();
        try {
            return ask.get(DOCKER_CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.info("Docker did not answer within {} s", DOCKER_CHECK_TIMEOUT.toSeconds());
            ask.cancel(true);
            return false;
        } catch (ExecutionException e) {
            LOG.info("Docker check failed: {}", ServerVersion.rootMessage(e));
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static PostgresServer start(PostgresOptions options) {
        requireClass(CONTAINER_CLASS);
        if (!dockerAvailable()) {
            throw new EnvironmentException("provider=testcontainers needs a running Docker engine, but Docker is not available"
                    + " here; start Docker, or use provider=embedded (the default, no Docker needed) or provider=auto");
        }
        return TestcontainersServer.start(options.major(), options.effectiveImage());
    }
}
