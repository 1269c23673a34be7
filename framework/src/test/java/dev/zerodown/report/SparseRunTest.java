package dev.zerodown.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.hazards.Severity;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.TransitionKind;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.Verdict;
import org.junit.jupiter.api.Test;

/** Runs with little in them: every writer still produces its output. */
class SparseRunTest {
    @Test
    void should_report_a_run_without_transitions() {
        RunResult run = new RunResult("Empty", "17.11", 17, "embedded", 1, Verdict.SAFE, List.of(),
                ReportFixtures.STARTED);

        assertThat(JsonReport.toJson(run)).contains("\"transitions\": [ ]");
        assertThat(HtmlReport.render(run)).contains("<svg").contains("\u2713 SAFE");
        assertThat(ConsoleReport.render(run, false)).contains("0 of 0 transitions unsafe");
        assertThat(JUnitXmlReport.render(run)).contains("tests=\"0\"");
        assertThat(MarkdownReport.render(run, null)).contains("is **safe**");
    }

    @Test
    void should_report_a_transition_without_timeline_or_requests_and_a_bare_hazard() {
        Hazard bare = new Hazard(HazardId.MIGRATION_FAILED, Severity.ERROR, null, null, null, null, null, null, null,
                false, null, -1);
        TransitionResult t = new TransitionResult("V9__broken under [v1]", "V9__broken.sql", TransitionKind.MIGRATE,
                List.of("v1"), List.of(), Verdict.UNSAFE, List.of(bare), Map.of(), List.of(), 0, 10, null);
        RunResult run = new RunResult("Sparse", null, 17, null, 1, Verdict.UNSAFE, List.of(t), null);

        assertThat(JsonReport.toJson(run)).contains("\"id\": \"migration-failed\"").contains("\"timeline\": {");
        assertThat(HtmlReport.render(run)).contains("\u25B2 migration-failed");
        assertThat(ConsoleReport.render(run, false)).contains("ERROR migration-failed");
        assertThat(FailureMessage.of(run)).contains("- migration-failed");
        assertThat(GithubAnnotations.lines(run, Path.of("db"))).containsExactly(
                "::error title=migration-failed::migration-failed (V9__broken under [v1], PostgreSQL 17)");
        assertThat(JUnitXmlReport.render(run)).contains("message=\"unsafe: migration-failed\"");
        assertThat(MarkdownReport.render(run, null)).contains("**`migration-failed`** in `V9__broken under [v1]`");
    }
}
