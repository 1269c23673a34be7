package dev.zerodown.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zerodown.engine.apps.Customers;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.plan.Rollout;
import dev.zerodown.result.NotRunTransition;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.TransitionKind;
import dev.zerodown.result.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a migration-failed step the run stops; every transition it never reached is reported as not-run. */
class NotRunTest {
    private static final String REASON = "V2__add_failing_check.sql failed (migration-failed): the rollout stops"
            + " at a failed step (the release is stuck); fix it and run again";

    @TempDir
    static Path reports;
    static CompatibilityRun.RunOutcome outcome;

    @BeforeAll
    static void runARolloutWhoseSecondStepFails() {
        Rollout rollout = Rollout.startWith("v1", Customers.V1::new).migrate("V2")
                .deploy("v2", Customers.V1::new).migrate("V3");
        outcome = CompatibilityRun.of("stuck", rollout)
                .settings(CompatibilityRunTest.settings("stuck", "reportDirectory", reports.toString()))
                .run(17);
    }

    @Test
    void should_list_every_transition_after_the_failed_step_as_not_run_with_the_reason() {
        RunResult r = outcome.result();

        assertThat(r.verdict()).isEqualTo(Verdict.UNSAFE);
        assertThat(r.transitions()).hasSize(1);
        assertThat(r.transitions().get(0).hazards(HazardId.MIGRATION_FAILED)).isNotEmpty();
        assertThat(r.notRun()).containsExactly(
                new NotRunTransition("deploy v2 under [v1, v2]", null, TransitionKind.DEPLOY, List.of("v1", "v2"),
                        List.of(), REASON),
                new NotRunTransition("V3__add_email under [v1, v2]", "V3__add_email.sql", TransitionKind.MIGRATE,
                        List.of("v1", "v2"), List.of(), REASON));
    }

    @Test
    void should_write_the_not_run_transitions_into_report_json() throws Exception {
        JsonNode json = new ObjectMapper().readTree(outcome.reports().json().toFile());

        assertThat(json.get("summary").get("notRun").asInt()).isEqualTo(2);
        JsonNode notRun = json.get("notRun");
        assertThat(notRun).hasSize(2);
        assertThat(notRun.get(1).toString()).isEqualTo("{\"name\":\"V3__add_email under [v1, v2]\","
                + "\"step\":\"V3__add_email.sql\",\"kind\":\"migrate\",\"liveVersions\":[\"v1\",\"v2\"],"
                + "\"canaryVersions\":[],\"verdict\":\"not-run\",\"reason\":\"" + REASON + "\"}");
    }

    @Test
    void should_write_the_not_run_transitions_as_skipped_surefire_test_cases() throws Exception {
        String xml = Files.readString(outcome.reports().junitXml());

        assertThat(xml).contains("tests=\"3\"", "skipped=\"2\"")
                .contains("<testcase name=\"deploy v2 under [v1, v2]\" classname=\"zerodown.stuck.pg17\" time=\"0.000\">\n"
                        + "    <skipped message=\"not-run: " + REASON + "\"/>\n  </testcase>\n")
                .contains("<testcase name=\"V3__add_email under [v1, v2]\"");
    }

    @Test
    void should_show_the_not_run_transitions_in_the_html_summary() throws Exception {
        String html = Files.readString(outcome.reports().html());

        assertThat(html).contains("<tr class=\"zd-notrun\"><td class=\"num\">3</td><td>V3__add_email under [v1, v2]</td>")
                .contains("\u2013 not run</span>");
    }
}
