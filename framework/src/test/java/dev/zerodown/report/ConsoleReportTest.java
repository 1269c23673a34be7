package dev.zerodown.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleReportTest {
    @Test
    void should_stay_within_100_columns() {
        for (var run : List.of(ReportFixtures.unsafe(), ReportFixtures.safe(), ReportFixtures.hostile())) {
            String text = ConsoleReport.render(run, false);

            assertThat(text.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
        }
    }

    @Test
    void should_print_no_escape_codes_without_colour() {
        String text = ConsoleReport.render(ReportFixtures.unsafe(), false);

        assertThat(text).doesNotContain("\u001b");
    }

    @Test
    void should_colour_verdicts_when_asked() {
        String text = ConsoleReport.render(ReportFixtures.unsafe(), true);

        assertThat(text).contains("\u001b[1;31mUNSAFE").contains("\u001b[32msafe");
    }

    @Test
    void should_print_ascii_only_even_for_hostile_names() {
        String text = ConsoleReport.render(ReportFixtures.hostile(), false);

        assertThat(text.chars()).allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f));
    }

    @Test
    void should_show_a_row_per_transition_and_a_line_per_hazard() {
        String text = ConsoleReport.render(ReportFixtures.unsafe(), false);

        assertThat(text).startsWith("Zerodown UsersRolloutTest on PostgreSQL 17.11 (embedded), seed 7001: UNSAFE\n"
                + "3 of 4 transitions unsafe, 7 errors, 1 warning, 1 acknowledged\n");
        assertThat(text).contains(
                "  UNSAFE   V2__index_users_email under [v1]          v1                         880/0     1.84 s\n"
                        + "           ERROR non-concurrent-index   V2__index_users_email.sql:2  Index users_email_idx on pre...\n");
        assertThat(text).contains("  safe     V4__drop_legacy_flags under [v2]")
                .contains("ack   destructive            V4__drop_legacy_flags.sql:3  acknowledged: v1 is retired;");
        assertThat(text.lines().filter(l -> l.startsWith("  UNSAFE") || l.startsWith("  safe"))).hasSize(4);
    }
}
