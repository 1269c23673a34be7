package dev.zerodown.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every relative link in docs/ and the README points to a file that exists, and to a heading that exists. */
class DocsLinksTest {
    private static final Path ROOT = Paths.get(System.getProperty("zerodown.repositoryRoot", "..")).toAbsolutePath()
            .normalize();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*)$");

    @Test
    void should_resolve_every_relative_link_of_the_docs() throws IOException {
        List<Path> pages = new ArrayList<>();
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        if (Files.exists(ROOT.resolve("README.md"))) {
            pages.add(ROOT.resolve("README.md"));
        }
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages) {
            for (String target : links(page)) {
                checked++;
                problem(page, target).ifPresent(broken::add);
            }
        }
        assertThat(checked).as("relative links checked (no vacuous pass)").isGreaterThan(20);
        assertThat(broken).isEmpty();
    }

    @Test
    void should_slug_headings_as_github_does() {
        assertThat(slug("`@MigrationCompatibility.Rollout`")).isEqualTo("migrationcompatibilityrollout");
        assertThat(slug("1. Rename a column")).isEqualTo("1-rename-a-column");
        assertThat(slug("Build result: failure, error, `failOn`, `skip`")).isEqualTo("build-result-failure-error-failon-skip");
    }

    private static List<String> links(Path page) throws IOException {
        List<String> out = new ArrayList<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
            }
            if (fenced) {
                continue;
            }
            Matcher m = LINK.matcher(line);
            while (m.find()) {
                String target = m.group(1);
                if (!target.matches("^[a-z]+:.*")) {
                    out.add(target);
                }
            }
        }
        return out;
    }

    private static java.util.Optional<String> problem(Path page, String target) throws IOException {
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        String where = ROOT.relativize(page) + " -> " + target;
        if (!Files.exists(resolved)) {
            return java.util.Optional.of(where + ": no such file");
        }
        if (hash < 0 || !resolved.toString().endsWith(".md")) {
            return java.util.Optional.empty();
        }
        String anchor = target.substring(hash + 1);
        return anchors(resolved).contains(anchor) ? java.util.Optional.empty()
                : java.util.Optional.of(where + ": no heading with anchor #" + anchor);
    }

    private static Set<String> anchors(Path md) throws IOException {
        Set<String> out = new HashSet<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(md, StandardCharsets.UTF_8)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
            }
            Matcher m = HEADING.matcher(line);
            if (!fenced && m.matches()) {
                String base = slug(m.group(1));
                String anchor = base;
                for (int n = 1; !out.add(anchor); n++) {
                    anchor = base + "-" + n;
                }
            }
        }
        return out;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
    static String slug(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }
}
