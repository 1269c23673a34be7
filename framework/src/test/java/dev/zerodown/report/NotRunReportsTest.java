package dev.zerodown.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A run that stopped at a failed step lists the transitions it never reached in every report, with the reason. */
class NotRunReportsTest {
    private static final String REASON = ReportFixtures.STOPPED_REASON;

    @Test
    void should_print_not_run_rows_and_the_reason_on_the_console() {
        String text = ConsoleReport.render(ReportFixtures.stopped(), false);

        assertThat(text).contains("1 of 2 transitions unsafe, 1 error, 0 warnings, 0 acknowledged, 2 not run\n")
                .contains("  UNSAFE   V3__add_email_check under [v1]            v1                         800/0       0 ms\n"
                        + "  not run  deploy v2 under [v1, v2]                  v1, v2                         -          -\n"
                        + "  not run  V4__drop_legacy_flags under [v2]          v2                             -          -\n"
                        + "  not run: V3__add_email_check.sql failed (migration-failed): the rollout stops at a failed step\n"
                        + "  (the release is stuck); fix it and run again\n\n");
    }

    @Test
    void should_write_skipped_test_cases_into_the_surefire_xml() {
        String xml = JUnitXmlReport.render(ReportFixtures.stopped());

        assertThat(xml).contains("tests=\"4\" errors=\"0\" skipped=\"2\" failures=\"1\"")
                .contains("  <testcase name=\"V4__drop_legacy_flags under [v2]\" classname=\"zerodown.StuckRolloutTest.pg17\""
                        + " time=\"0.000\">\n    <skipped message=\"not-run: " + REASON + "\"/>\n  </testcase>\n");
    }

    @Test
    void should_add_not_run_rows_to_the_markdown_table() {
        String md = MarkdownReport.render(ReportFixtures.stopped(), null);
        String reason = REASON.replace("_", "\\_");

        assertThat(md).contains("| \u23F9 not run | `deploy v2 under [v1, v2]` | v1, v2 | \u2014 | \u2014 | \u2014 | \u2014 | "
                + reason + " |\n"
                + "| \u23F9 not run | `V4__drop_legacy_flags under [v2]` | v2 | \u2014 | \u2014 | \u2014 | \u2014 | " + reason + " |\n");
    }

    @Test
    void should_end_the_failure_message_with_the_transitions_that_never_ran() {
        String message = FailureMessage.of(ReportFixtures.stopped());

        assertThat(message).endsWith("\n\nNot run (" + REASON + "):\n  - deploy v2 under [v1, v2]\n"
                + "  - V4__drop_legacy_flags under [v2]");
    }

    @Test
    void should_show_greyed_not_run_rows_in_the_html_summary() {
        String html = HtmlReport.render(ReportFixtures.stopped());

        assertThat(html).contains("<tr class=\"zd-notrun\"><td class=\"num\">4</td><td>V4__drop_legacy_flags under [v2]</td>"
                + "<td>v2</td><td><span class=\"zd-verdict zd-notrun\">\u2013 not run</span></td><td>" + REASON
                + "</td><td class=\"num\">\u2014</td><td class=\"num\">\u2014</td></tr>");
    }
}
