package dev.zerodown.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the code blocks of the Markdown docs that claim to come from a source file, and the tagged
 * region of that file they must equal.
 *
 * <p>In Markdown: {@code <!-- snippet: examples/src/test/java/…/RenameColumnTest.java#rollout -->}
 * directly above a fenced block. In the source: {@code // tag::rollout[]} and
 * {@code // end::rollout[]} (or {@code -- tag::…} in SQL). Lines holding other tags are left out;
 * the region's common indentation is removed. A marker without {@code #tag} stands for the whole
 * file (a migration script, for instance).
 */
final class DocsSnippets {
    private static final Pattern MARKER = Pattern.compile("<!--\\s*snippet:\\s*([^#\\s]+)(?:#([\\w.-]+))?\\s*-->");
    private static final Pattern ANY_TAG = Pattern.compile("(tag|end)::[\\w.-]+\\[]");

    private DocsSnippets() {
    }

    /** A docs block that claims to be a region of a source file. */
    record Snippet(Path markdown, int line, String source, String tag, String block) {
        String label() {
            return markdown.getFileName() + ":" + line + " <- " + source + (tag == null ? "" : "#" + tag);
        }
    }

    /** Every snippet of every {@code .md} file in these folders or files. */
    static List<Snippet> find(List<Path> markdownRoots) {
        List<Snippet> out = new ArrayList<>();
        for (Path root : markdownRoots) {
            if (!Files.exists(root)) {
                continue;
            }
            for (Path md : markdownFiles(root)) {
                out.addAll(inFile(md));
            }
        }
        return out;
    }

    /**
     * What is wrong with this snippet, relative to the repository root: empty when the block equals
     * the tagged region.
     */
    static Optional<String> problem(Snippet s, Path repositoryRoot) {
        if (s.block() == null) {
            return Optional.of(s.label() + ": the marker must be followed by a fenced code block (```)");
        }
        Path file = repositoryRoot.resolve(s.source()).normalize();
        if (!Files.isRegularFile(file)) {
            return Optional.of(s.label() + ": the marker points to " + s.source() + ", which does not exist");
        }
        Optional<String> region = s.tag() == null ? Optional.of(String.join("\n", read(file))) : region(file, s.tag());
        if (region.isEmpty()) {
            return Optional.of(s.label() + ": " + s.source() + " has no region 'tag::" + s.tag() + "[]' … 'end::"
                    + s.tag() + "[]'");
        }
        if (!normalize(region.get()).equals(normalize(s.block()))) {
            return Optional.of(s.label() + ": the docs block differs from the source region; copy the region into the"
                    + " docs.\n--- source\n" + normalize(region.get()) + "\n--- docs\n" + normalize(s.block()));
        }
        return Optional.empty();
    }

    /** The lines between {@code tag::<tag>[]} and {@code end::<tag>[]}, other tag lines left out, dedented. */
    static Optional<String> region(Path file, String tag) {
        List<String> lines = read(file);
        String start = "tag::" + tag + "[]";
        String end = "end::" + tag + "[]";
        List<String> body = null;
        for (String line : lines) {
            if (body == null) {
                if (line.contains(start)) {
                    body = new ArrayList<>();
                }
            } else if (line.contains(end)) {
                return Optional.of(dedent(body));
            } else if (!ANY_TAG.matcher(line).find()) {
                body.add(line);
            }
        }
        return Optional.empty();
    }

    private static List<Snippet> inFile(Path md) {
        List<String> lines = read(md);
        List<Snippet> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = MARKER.matcher(lines.get(i));
            if (m.find()) {
                out.add(new Snippet(md, i + 1, m.group(1), m.group(2), blockAfter(lines, i + 1)));
            }
        }
        return out;
    }

    /** The fenced block starting on the next non-blank line, or null when there is none. */
    private static String blockAfter(List<String> lines, int from) {
        int i = from;
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        if (i >= lines.size() || !lines.get(i).strip().startsWith("```")) {
            return null;
        }
        List<String> body = new ArrayList<>();
        for (int j = i + 1; j < lines.size(); j++) {
            if (lines.get(j).strip().startsWith("```")) {
                return String.join("\n", body);
            }
            body.add(lines.get(j));
        }
        return null;
    }

    private static String dedent(List<String> body) {
        int indent = body.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return body.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).collect(Collectors.joining("\n"));
    }

    /** Trailing white space and surrounding blank lines do not count. */
    static String normalize(String text) {
        return text.lines().map(String::stripTrailing).collect(Collectors.joining("\n")).strip();
    }

    private static List<Path> markdownFiles(Path root) {
        if (Files.isRegularFile(root)) {
            return List.of(root);
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
