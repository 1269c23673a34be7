package dev.zerodown.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import dev.zerodown.locks.LockMonitor;
import dev.zerodown.postgres.Database;
import dev.zerodown.result.Hazard;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The hazard corpus: every case under src/test/resources/corpus, traced on PostgreSQL 13 and 18,
 * must report exactly the expected hazards (id, relation, acknowledgement), catalog diff and failure.
 */
class CorpusTest {
    static final int[] MAJORS = {13, 18};

    @TestFactory
    Stream<DynamicNode> corpus() {
        String only = System.getProperty("corpus.only", "");
        List<CorpusCase> cases = CorpusCase.all().stream()
                .filter(c -> only.isBlank() || List.of(only.split(",")).contains(c.name())).toList();
        return java.util.Arrays.stream(MAJORS).mapToObj(major -> DynamicContainer.dynamicContainer("PostgreSQL " + major,
                cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c, major)))));
    }

    static void check(CorpusCase c, int major) throws Exception {
        try (Database db = CorpusDatabases.withBaseline(major, c.steps().get(0));
             LockMonitor monitor = LockMonitor.start(db, Duration.ofMillis(5), System.nanoTime())) {
            LockSource locks = LockSource.of(monitor);
            for (CorpusRunner.StepResult r : CorpusRunner.run(c, db, locks)) {
                String step = CorpusCase.stepKey(r.step());
                List<String> expected = CorpusCase.expected(c.hazards(), step, major);
                assertThat(expected).as("%s: expected.txt has no line for %s", c.name(), step).isNotNull();
                assertThat(tokens(r.hazards(), expected))
                        .as("%s %s on PostgreSQL %d (%s)%n%s", c.name(), step, major, c.description(), describe(r))
                        .containsExactlyInAnyOrderElementsOf(expected);
                List<String> diff = CorpusCase.expected(c.diffs(), step, major);
                if (diff != null) {
                    assertThat(r.trace().diff().changes().stream()
                            .map(d -> d.kind().name().toLowerCase(Locale.ROOT).replace('_', '-') + "@" + d.object()).toList())
                            .as("%s %s diff on PostgreSQL %d", c.name(), step, major).containsExactlyInAnyOrderElementsOf(diff);
                }
                assertThat(r.trace().failed()).as("%s %s failed on PostgreSQL %d%n%s", c.name(), step, major, describe(r))
                        .isEqualTo(c.expectedToFail(step, major));
            }
        }
    }

    static List<String> tokens(List<Hazard> hazards) {
        return tokens(hazards, List.of());
    }

    /**
     * {@code id@relation!ack}; with {@code ~severity} appended where an expected token of the same hazard
     * names a severity ({@code non-concurrent-index@public.users_email_idx~warning}).
     */
    static List<String> tokens(List<Hazard> hazards, List<String> expected) {
        java.util.Set<String> withSeverity = new java.util.HashSet<>();
        for (String e : expected) {
            if (e.contains("~")) {
                withSeverity.add(e.substring(0, e.indexOf('~')));
            }
        }
        List<String> out = new ArrayList<>();
        for (Hazard h : hazards) {
            String token = h.id().id() + (h.relation() == null ? "" : "@" + h.relation()) + (h.acknowledged() ? "!ack" : "");
            out.add(withSeverity.contains(token) ? token + "~" + h.severity().id() : token);
        }
        return out;
    }

    static String describe(CorpusRunner.StepResult r) {
        StringBuilder b = new StringBuilder();
        for (Hazard h : r.hazards()) {
            b.append("  ").append(h.id()).append(' ').append(h.relation()).append(' ').append(h.where()).append(": ")
                    .append(h.message()).append(" [").append(h.evidence()).append("]\n");
        }
        r.trace().statements().forEach(s -> b.append("  span ").append(s).append('\n'));
        return b.toString();
    }
}
