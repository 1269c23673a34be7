package dev.zerodown.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Every code block the docs take from a source file equals that file's tagged region: docs cannot rot. */
class DocsSnippetsTest {
    private static final Path ROOT = Paths.get(System.getProperty("zerodown.repositoryRoot", "..")).toAbsolutePath()
            .normalize();

    @TestFactory
    Stream<DynamicTest> should_match_each_docs_snippet_with_its_source_region() {
        List<DocsSnippets.Snippet> snippets = DocsSnippets.find(List.of(ROOT.resolve("docs"), ROOT.resolve("README.md")));
        assertThat(snippets).as("snippet markers in docs/ (no vacuous pass)").hasSizeGreaterThan(5);
        return snippets.stream().map(s -> DynamicTest.dynamicTest(s.label(),
                () -> assertThat(DocsSnippets.problem(s, ROOT)).isEmpty()));
    }

    @Test
    void should_report_a_block_that_differs_from_its_region(@TempDir Path dir) throws IOException {
        // given
        Files.writeString(dir.resolve("A.java"), "class A {\n    // tag::x[]\n    int a = 1;\n    // end::x[]\n}\n");
        Files.writeString(dir.resolve("a.md"), "<!-- snippet: A.java#x -->\n```java\nint a = 2;\n```\n");
        // when
        DocsSnippets.Snippet s = DocsSnippets.find(List.of(dir)).get(0);
        // then
        assertThat(DocsSnippets.problem(s, dir)).hasValueSatisfying(p -> assertThat(p).contains("differs"));
    }

    @Test
    void should_accept_a_block_equal_to_its_dedented_region(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("A.java"),
                "class A {\n    // tag::x[]\n    int a = 1;\n    // tag::y[]\n    int b = 2;\n    // end::y[]\n    // end::x[]\n}\n");
        Files.writeString(dir.resolve("a.md"), "<!-- snippet: A.java#x -->\n```java\nint a = 1;\nint b = 2;\n```\n");

        DocsSnippets.Snippet s = DocsSnippets.find(List.of(dir)).get(0);

        assertThat(DocsSnippets.problem(s, dir)).isEmpty();
    }

    @Test
    void should_compare_the_whole_file_when_the_marker_names_no_tag(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("V2__add.sql"), "alter table t add column c int;\n");
        Files.writeString(dir.resolve("a.md"), "<!-- snippet: V2__add.sql -->\n```sql\nalter table t add column c int;\n```\n"
                + "<!-- snippet: V2__add.sql -->\n```sql\nalter table t add column d int;\n```\n");

        List<DocsSnippets.Snippet> s = DocsSnippets.find(List.of(dir));

        assertThat(DocsSnippets.problem(s.get(0), dir)).isEmpty();
        assertThat(DocsSnippets.problem(s.get(1), dir)).hasValueSatisfying(p -> assertThat(p).contains("differs"));
    }

    @Test
    void should_report_a_marker_that_points_nowhere(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("A.java"), "class A {}\n");
        Files.writeString(dir.resolve("a.md"), "<!-- snippet: A.java#missing -->\n```java\n```\n"
                + "<!-- snippet: B.java#x -->\n```java\n```\n<!-- snippet: A.java#x -->\ntext, no block\n");

        List<DocsSnippets.Snippet> s = DocsSnippets.find(List.of(dir));

        assertThat(s).hasSize(3);
        assertThat(DocsSnippets.problem(s.get(0), dir)).hasValueSatisfying(p -> assertThat(p).contains("no region"));
        assertThat(DocsSnippets.problem(s.get(1), dir)).hasValueSatisfying(p -> assertThat(p).contains("does not exist"));
        assertThat(DocsSnippets.problem(s.get(2), dir)).hasValueSatisfying(p -> assertThat(p).contains("fenced code block"));
    }
}
