package dev.zerodown.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.EnvironmentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;

/** Where Docker does not run (as on CI here): auto falls back to embedded, testcontainers fails in one line. */
@DisabledIf(value = "dockerAvailable", disabledReason = "Docker is available: TestcontainersProviderTest covers it")
class WithoutDockerTest {

    static boolean dockerAvailable() {
        return TestcontainersSupport.dockerAvailable();
    }

    @Test
    void should_fall_back_to_the_embedded_server_for_auto() {
        PostgresServer server = Postgres.server(PostgresOptions.of(ProviderKind.AUTO, 17));

        assertThat(server).isSameAs(Postgres.embedded(17));
        assertThat(server.provider()).isEqualTo(ProviderKind.EMBEDDED);
    }

    @Test
    void should_say_in_one_line_that_testcontainers_needs_docker() {
        assertThatThrownBy(() -> Postgres.server(PostgresOptions.of(ProviderKind.TESTCONTAINERS, 17)))
                .isInstanceOf(EnvironmentException.class)
                .hasMessage("provider=testcontainers needs a running Docker engine, but Docker is not available here;"
                        + " start Docker, or use provider=embedded (the default, no Docker needed) or provider=auto");
    }

    @Test
    void should_name_the_dependency_to_add_when_testcontainers_is_missing() {
        assertThatThrownBy(() -> TestcontainersSupport.requireClass("org.testcontainers.postgresql.NotThere"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("provider=testcontainers needs Testcontainers on the test classpath, but"
                        + " org.testcontainers.postgresql.NotThere is missing; add the test dependency"
                        + " org.testcontainers:testcontainers-postgresql:2.0.5, or use provider=embedded (the default)");
    }
}
