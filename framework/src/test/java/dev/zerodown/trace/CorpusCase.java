package dev.zerodown.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import dev.zerodown.config.Durations;
import dev.zerodown.migrations.MigrationStep;

/**
 * One case of the hazard corpus: a folder under {@code src/test/resources/corpus/} with migration
 * steps ({@code V2__*.sql} on, optional {@code .sql.conf}) and {@code expected.txt}. Every case starts
 * from the shared baseline {@code _shared/V1__baseline.sql} (applied untraced), its first step.
 *
 * <p>expected.txt, one directive a line ({@code #} comments; the first comment describes the case):
 * <pre>
 * settings: stepTimeout=1s lockTimeout=200ms lockRetries=2 batchRows=5000 mixed=true maxLockWait=20ms
 * untraced: V2              steps applied without tracing (seed data)
 * blocker V3: &lt;sql&gt;         run by "zd-app:v1" in a transaction held open while V3 runs
 * traffic V3: &lt;sql&gt;         run in a loop by "zd-app:v1" while V3 runs (needs the lock sampler)
 * V3: id@relation id id@relation!ack …   the hazards of V3 (none: nothing)
 * V3: id@relation~warning …   the same, also checking the hazard's severity
 * V3 pg13: …  /  V3 pg&gt;=14: …  /  V3 pg&lt;18: …   what differs on some majors (overrides the plain line)
 * diff V3: column-renamed@public.users.name …   the catalog diff of V3 (kinds in lower case with dashes)
 * failed: V3   /   failed pg13: V3      steps expected to fail
 * </pre>
 */
record CorpusCase(String name, String description, Map<String, String> settings, List<MigrationStep> steps,
                  Set<String> untraced, Map<String, String> blockers, Map<String, String> traffic,
                  List<Expectation> hazards, List<Expectation> diffs, List<Expectation> failed) {

    static final Path ROOT = Path.of("src/test/resources/corpus");

    /** Tokens for a step, for majors matching {@code filter} (empty = all). */
    record Expectation(String step, String filter, List<String> tokens) {
        boolean matches(int major) {
            if (filter.isEmpty()) {
                return true;
            }
            if (filter.startsWith("pg>=")) {
                return major >= Integer.parseInt(filter.substring(4));
            }
            if (filter.startsWith("pg<")) {
                return major < Integer.parseInt(filter.substring(3));
            }
            return major == Integer.parseInt(filter.substring(2));
        }
    }

    static List<CorpusCase> all() {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith("_")).sorted()
                    .map(CorpusCase::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CorpusCase load(Path dir) {
        try {
            List<MigrationStep> steps = new ArrayList<>(Steps.load(ROOT.resolve("_shared")));
            steps.addAll(Steps.load(dir));
            return parse(dir.getFileName().toString(), Files.readAllLines(dir.resolve("expected.txt"), StandardCharsets.UTF_8), steps);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CorpusCase parse(String name, List<String> lines, List<MigrationStep> steps) {
        String description = null;
        Map<String, String> settings = new LinkedHashMap<>();
        Set<String> untraced = new HashSet<>();
        Map<String, String> blockers = new LinkedHashMap<>();
        Map<String, String> traffic = new LinkedHashMap<>();
        List<Expectation> hazards = new ArrayList<>();
        List<Expectation> diffs = new ArrayList<>();
        List<Expectation> failed = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.trim();
            if (line.startsWith("#")) {
                description = description == null ? line.substring(1).trim() : description;
                continue;
            }
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            String head = line.substring(0, colon).trim();
            String rest = line.substring(colon + 1).trim();
            String[] words = head.split("\\s+");
            switch (words[0]) {
                case "settings" -> {
                    for (String kv : rest.split("\\s+")) {
                        settings.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                    }
                }
                case "untraced" -> untraced.addAll(List.of(rest.split("\\s+")));
                case "blocker" -> blockers.put(words[1], rest);
                case "traffic" -> traffic.put(words[1], rest);
                case "diff" -> diffs.add(new Expectation(words[1], words.length > 2 ? words[2] : "", tokens(rest)));
                case "failed" -> failed.add(new Expectation("", words.length > 1 ? words[1] : "", tokens(rest)));
                default -> hazards.add(new Expectation(words[0], words.length > 1 ? words[1] : "", tokens(rest)));
            }
        }
        return new CorpusCase(name, description == null ? name : description, settings, steps, untraced, blockers, traffic,
                hazards, diffs, failed);
    }

    private static List<String> tokens(String rest) {
        if (rest.isEmpty() || rest.equals("none")) {
            return List.of();
        }
        return List.of(rest.split("\\s+"));
    }

    TraceSettings traceSettings() {
        TraceSettings s = TraceSettings.defaults().withStepTimeout(Duration.ofSeconds(20));
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String v = e.getValue();
            s = switch (e.getKey()) {
                case "stepTimeout" -> s.withStepTimeout(Durations.parse("stepTimeout", v));
                case "lockTimeout" -> s.withLockTimeout(Durations.parse("lockTimeout", v), s.lockRetries());
                case "lockRetries" -> s.withLockTimeout(s.lockTimeout(), Integer.parseInt(v));
                case "batchRows" -> s.withBatchRows(Long.parseLong(v));
                case "mixed" -> s.withMixed(Boolean.parseBoolean(v));
                case "maxLockWait" -> s.withMaxLockWait(Durations.parse("maxLockWait", v));
                default -> throw new IllegalArgumentException(name + ": unknown setting " + e.getKey());
            };
        }
        return s;
    }

    /** The expectation for {@code step} on {@code major}: a major-specific line wins over the plain one. */
    static List<String> expected(List<Expectation> list, String step, int major) {
        List<String> plain = null;
        for (Expectation e : list) {
            if (!e.step().equals(step)) {
                continue;
            }
            if (!e.filter().isEmpty() && e.matches(major)) {
                return e.tokens();
            }
            if (e.filter().isEmpty()) {
                plain = e.tokens();
            }
        }
        return plain;
    }

    boolean expectedToFail(String step, int major) {
        List<String> plain = List.of();
        for (Expectation e : failed) {
            if (!e.filter().isEmpty() && e.matches(major)) {
                return e.tokens().contains(step);
            }
            if (e.filter().isEmpty()) {
                plain = e.tokens();
            }
        }
        return plain.contains(step);
    }

    static String stepKey(MigrationStep s) {
        return s.fileName().substring(0, s.fileName().indexOf("__"));
    }

    @Override
    public String toString() {
        return name + ": " + description;
    }
}
