package dev.zerodown.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDisplayTest {
    private static final CheckLog QUIET = new CheckLog() {
        @Override
        public void info(String line) {
        }

        @Override
        public void warn(String line) {
        }
    };

    @TempDir
    Path repository;

    @Test
    void should_point_annotations_at_the_migrations_folder_from_the_workspace_root() throws IOException {
        Path module = repository.resolve("service");
        Files.createDirectories(module.resolve("src/main/resources/db/migration"));
        CheckInputs inputs = CheckInputs.read(Map.of(), module);

        RunDisplay display = new RunDisplay(inputs, QUIET,
                Map.of("GITHUB_ACTIONS", "true", "GITHUB_WORKSPACE", repository.toString()), System.out);

        assertThat(display.annotationBase()).isEqualTo(Path.of("service/src/main/resources/db/migration"));
    }

    @Test
    void should_point_annotations_from_the_module_without_a_workspace() throws IOException {
        Files.createDirectories(repository.resolve("src/main/resources/db/migration"));
        CheckInputs inputs = CheckInputs.read(Map.of(), repository);

        RunDisplay display = new RunDisplay(inputs, QUIET, Map.of("GITHUB_ACTIONS", "true"), System.out);

        assertThat(display.annotationBase()).isEqualTo(Path.of("src/main/resources/db/migration"));
    }
}
