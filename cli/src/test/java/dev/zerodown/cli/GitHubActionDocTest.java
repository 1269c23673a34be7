package dev.zerodown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/github-action.md as far as it can be checked without GitHub: both YAML blocks parse, the action is the
 * composite action the page describes, and its {@code run:} line, with the workflow's inputs filled in, runs
 * through the CLI on a real PostgreSQL and leaves the {@code report.sarif} files where upload-sarif looks.
 */
class GitHubActionDocTest {
    private static final Path PAGE = Paths.get("..", "docs", "github-action.md");
    private static final Pattern YAML = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path project;

    @Test
    void should_run_the_documented_action_command_through_the_cli() throws IOException {
        List<JsonNode> blocks = yamlBlocks();
        assertThat(blocks).hasSize(2);
        JsonNode action = blocks.get(0);
        JsonNode workflow = blocks.get(1);

        assertThat(action.at("/runs/using").asText()).isEqualTo("composite");
        List<String> uses = new ArrayList<>();
        action.at("/runs/steps").forEach(s -> uses.add(s.path("uses").asText(s.path("name").asText())));
        assertThat(uses).containsExactly("actions/setup-java@v4", "Check migrations under load",
                "actions/upload-artifact@v4", "github/codeql-action/upload-sarif@v3");
        assertThat(action.at("/runs/steps/0/with/java-version").asText()).isEqualTo("17");
        assertThat(action.at("/runs/steps/2/if").asText()).isEqualTo("always()");
        assertThat(action.at("/runs/steps/3/if").asText()).isEqualTo("always()");
        String sarifFolder = action.at("/runs/steps/3/with/sarif_file").asText();
        JsonNode inputs = workflow.at("/jobs/zerodown/steps/1/with");
        assertThat(workflow.at("/permissions/security-events").asText()).isEqualTo("write");

        Path migrations = Files.createDirectories(project.resolve(inputs.path("migrations").asText()));
        Files.writeString(migrations.resolve("V1__create_accounts.sql"),
                "create table accounts (id bigserial primary key, name text not null);\n");
        Files.writeString(migrations.resolve("V2__add_nickname.sql"),
                "set lock_timeout = '2s';\nalter table accounts add column nickname text;\n");
        String run = action.at("/runs/steps/1/run").asText()
                .replace("${{ inputs.jar }}", "zerodown-cli.jar")
                .replace("${{ inputs.migrations }}", inputs.path("migrations").asText())
                .replace("${{ inputs.args }}", "--since V2 --soak 300ms --clients 2");
        List<String> words = new ArrayList<>(List.of(run.replace("\"", "").trim().split("\\s+")));
        assertThat(words.subList(0, 3)).containsExactly("java", "-jar", "zerodown-cli.jar");
        List<String> args = new ArrayList<>(words.subList(3, words.size()));
        args.addAll(List.of("--project-dir", project.toString()));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());

        assertThat(code).as(out + "\n" + err).isZero();
        try (Stream<Path> files = Files.walk(project.resolve(sarifFolder))) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("report.sarif"))).hasSize(1);
        }
    }

    private static List<JsonNode> yamlBlocks() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        YAMLMapper yaml = new YAMLMapper();
        List<JsonNode> out = new ArrayList<>();
        Matcher m = YAML.matcher(page);
        while (m.find()) {
            out.add(yaml.readTree(m.group(1)));
        }
        return out;
    }
}
