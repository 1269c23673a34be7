package dev.zerodown.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/reports.md true: its examples are generated blocks compared with what the code writes now,
 * and every field report.json can hold is in its field reference. Refresh the blocks with
 * {@code mvn test -pl framework -Dtest=ReportDocsTest -Dzerodown.updateDocs=true}.
 */
class ReportDocsTest {
    private static final Path DOC = ProjectRoot.find().resolve("docs/reports.md");
    private static final boolean UPDATE = Boolean.getBoolean("zerodown.updateDocs");
    private static final Path HTML = Path.of("target/zerodown/RenameUserNameTest/pg17/report.html");

    @Test
    void should_show_the_report_json_the_code_writes() throws IOException {
        checkBlock("report.json", "json", JsonReport.toJson(ReportFixtures.docsExample()));
    }

    @Test
    void should_show_the_console_table_the_code_prints() throws IOException {
        checkBlock("console", "text", ConsoleReport.render(ReportFixtures.unsafe(), false));
    }

    @Test
    void should_show_the_failure_message_the_code_writes() throws IOException {
        checkBlock("failure-message", "text", FailureMessage.of(ReportFixtures.unsafe()) + "\n");
    }

    @Test
    void should_show_the_markdown_the_code_writes() throws IOException {
        checkBlock("report.md", "markdown", MarkdownReport.render(ReportFixtures.docsExample(), HTML));
    }

    @Test
    void should_show_the_annotations_the_code_prints() throws IOException {
        checkBlock("annotations", "text", String.join("\n", GithubAnnotations.lines(ReportFixtures.docsExample(),
                Path.of("src/main/resources/db/migration"))) + "\n");
    }

    @Test
    void should_document_every_report_json_field() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Set<String> paths = new TreeSet<>();
        collect(mapper.readTree(JsonReport.toJson(ReportFixtures.unsafe())), "", paths);
        collect(mapper.readTree(JsonReport.toJson(ReportFixtures.docsExample())), "", paths);
        collect(mapper.readTree(JsonReport.toJson(ReportFixtures.stopped())), "", paths);
        collect(mapper.readTree(JsonReport.toJson(ReportFixtures.predicted())), "", paths);
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);

        assertThat(paths).hasSizeGreaterThan(60)
                .allSatisfy(p -> assertThat(doc).as("docs/reports.md documents %s", p).contains("| `" + p + "` |"));
    }

    /** Dotted paths of every field: map keys become {@code <version>}, {@code <sqlState>}, {@code <column>}. */
    private static void collect(JsonNode node, String path, Set<String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = path.endsWith(".requests") ? "<version>"
                        : path.endsWith(".failuresBySqlState") ? "<sqlState>"
                        : path.endsWith(".sample[]") ? "<column>" : e.getKey();
                String child = path.isEmpty() ? key : path + "." + key;
                out.add(child);
                collect(e.getValue(), child, out);
            }
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, path + "[]", out));
        }
    }

    private static void checkBlock(String name, String language, String content) throws IOException {
        String begin = "<!-- generated:" + name + " -->\n";
        String end = "<!-- /generated:" + name + " -->";
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int from = doc.indexOf(begin);
        int to = doc.indexOf(end);
        assertThat(from).as("docs/reports.md has the markers %s and %s", begin.strip(), end).isNotNegative();
        assertThat(to).isGreaterThan(from);
        String fence = content.contains("```") ? "````" : "```";
        String expected = fence + language + "\n" + content + fence + "\n";
        String actual = doc.substring(from + begin.length(), to);
        if (UPDATE && !actual.equals(expected)) {
            Files.writeString(DOC, doc.substring(0, from + begin.length()) + expected + doc.substring(to),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(actual).as("generated block '%s' of docs/reports.md is out of date; refresh it with "
                + "mvn test -pl framework -Dtest=ReportDocsTest -Dzerodown.updateDocs=true", name).isEqualTo(expected);
    }
}
