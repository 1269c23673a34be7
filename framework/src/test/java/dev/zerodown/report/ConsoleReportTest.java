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
    void should_show_a_row_per_transition_then_every_hazard_under_the_table() {
        String text = ConsoleReport.render(ReportFixtures.unsafe(), false);

        assertThat(text).startsWith("Zerodown UsersRolloutTest on PostgreSQL 17.11 (embedded), seed 7001: UNSAFE\n"
                + "3 of 4 transitions unsafe, 7 errors, 1 warning, 1 acknowledged\n"
                + "  verdict  transition                                live          requests ok/failed   max wait\n"
                + "  UNSAFE   V2__index_users_email under [v1]          v1                         880/0     1.84 s\n"
                + "  UNSAFE   V3__rename_user_name under [v1]           v1                       692/612      10 ms\n"
                + "  UNSAFE   deploy v2 under [v1, v2]                  v1, v2                  1650/560       0 ms\n"
                + "  safe     V4__drop_legacy_flags under [v2]          v2                         800/0       0 ms\n"
                + "\n"
                + "  V2__index_users_email under [v1]:\n"
                + "    ERROR non-concurrent-index   V2__index_users_email.sql:2  Index users_email_idx on pre-existing\n"
                + "                                 public.users was built without CONCURRENTLY.\n");
        assertThat(text).contains("    ack   destructive            V4__drop_legacy_flags.sql:3  acknowledged: v1 is"
                + " retired; nothing\n                                 reads legacy_flags since V1.4\n");
        assertThat(text.lines().filter(l -> l.startsWith("  UNSAFE") || l.startsWith("  safe"))).hasSize(4);
    }

    @Test
    void should_print_every_hazard_message_in_full() {
        for (var run : List.of(ReportFixtures.unsafe(), ReportFixtures.hostile(), ReportFixtures.stopped())) {
            String joined = ConsoleReport.render(run, false).replaceAll("\n +", " ");

            run.transitions().stream().flatMap(t -> t.hazards().stream()).forEach(h -> assertThat(joined)
                    .contains(ascii(h.acknowledged() ? "acknowledged: " + h.reason() : h.message())));
            assertThat(joined).doesNotContain("...");
        }
    }

    @Test
    void should_wrap_a_long_word_without_spaces_within_100_columns() {
        var run = ReportFixtures.unsafe();
        var first = run.transitions().get(0);
        var h = first.hazards().get(0);
        String word = "x".repeat(250);
        var longOne = new dev.zerodown.result.Hazard(h.id(), h.severity(), h.relation(), h.file(), h.line(),
                h.statement(), word, h.evidence(), h.recipe(), false, null, h.atMs());
        var t = new dev.zerodown.result.TransitionResult(first.name(), first.step(), first.kind(), first.liveVersions(),
                first.canaryVersions(), first.verdict(), List.of(longOne), first.requests(), first.invariants(),
                first.startMs(), first.endMs(), first.timeline());
        var wide = new dev.zerodown.result.RunResult(run.name(), run.postgresVersion(), run.postgresMajor(),
                run.provider(), run.seed(), run.verdict(), List.of(t), run.startedAt());

        String text = ConsoleReport.render(wide, false);

        assertThat(text.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
        assertThat(text.replaceAll("\n +", "")).contains(word);
    }

    private static String ascii(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> b.append(c < 0x20 || c == 0x7f ? ' ' : c > 0x7e ? '?' : (char) c));
        return b.toString().replaceAll(" +", " ").strip();
    }
}
