package dev.zerodown.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import dev.zerodown.result.TransitionResult;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {
    private static final Path HTML = Path.of("target/zerodown/UsersRolloutTest/pg17/report.html");

    @Test
    void should_start_with_the_verdict() {
        String md = MarkdownReport.render(ReportFixtures.unsafe(), HTML);

        assertThat(md).startsWith("### \u274C Zerodown: UsersRolloutTest is **unsafe** on PostgreSQL 17.11\n\n"
                + "3 of 4 transitions unsafe \u00B7 7 errors \u00B7 1 warning \u00B7 1 acknowledged \u00B7 "
                + "provider embedded \u00B7 seed 7001\n");
    }

    @Test
    void should_have_a_table_row_per_transition() {
        String md = MarkdownReport.render(ReportFixtures.unsafe(), HTML);

        assertThat(md).contains("| \u274C unsafe | `V2__index_users_email under [v1]` | v1 | 880 / 0 | 1.84 s | not measured"
                + " | 7 / 0 | `non-concurrent-index` `blocked-requests` `missing-lock-timeout` |\n");
        assertThat(md).contains("| \u2705 safe | `V4__drop_legacy_flags under [v2]` | v2 | 800 / 0 | 0 ms | not measured | 0 / 0 | "
                + "`destructive` (acknowledged) |\n");
    }

    @Test
    void should_show_the_sampler_gap_and_who_saw_the_waits_and_warn_under_the_table() {
        TransitionResult rename = ReportFixtures.unsafe().transitions().get(1);

        String md = MarkdownReport.render(ReportFixtures.unsafe(), HTML);

        assertThat(rename.warnings()).hasSize(1);
        assertThat(md).contains("| `V3__rename_user_name under [v1]` | v1 | ")
                .contains(" | 34 ms \u26A0 | " + rename.sampledWaits() + " / " + rename.serverLogWaits() + " | ")
                .contains("\n\u26A0 `V3__rename_user_name under [v1]`: wait figures may be incomplete: the sampler paused 34 ms");
    }

    @Test
    void should_give_each_error_level_hazard_its_statement_and_recipe() {
        String md = MarkdownReport.render(ReportFixtures.unsafe(), HTML);

        assertThat(md).contains("**`backward-incompatible`** in `V3__rename_user_name under [v1]` at "
                        + "`V3__rename_user_name.sql:1` on `public.users`  \n")
                .contains("```sql\nalter table users rename column user_name to full_name\n```\n")
                .contains("*Safe recipe:* Do not rename in place");
        assertThat(md.split("\\*\\*`", -1)).hasSize(8);
    }

    @Test
    void should_point_to_the_html_report() {
        String md = MarkdownReport.render(ReportFixtures.unsafe(), HTML);

        assertThat(md).endsWith("\nFull report with the timeline: `target/zerodown/UsersRolloutTest/pg17/report.html`\n");
    }

    @Test
    void should_render_hostile_text_as_text() {
        String md = MarkdownReport.render(ReportFixtures.hostile(), HTML);

        String outsideCodeBlocks = md.replaceAll("(?s)```sql\n.*?\n```\n", "");
        assertThat(outsideCodeBlocks).doesNotContain("<img").doesNotContain("</script>");
        assertThat(md).contains("Hostile&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;")
                .contains("```sql\n-- " + ReportFixtures.XSS + "\nalter table users");
    }

    @Test
    void should_fence_statements_that_contain_backticks() {
        var run = ReportFixtures.docsExample();
        var t = run.transitions().get(0);
        var h = t.hazards().get(0);
        var hazard = new dev.zerodown.result.Hazard(h.id(), h.severity(), h.relation(), h.file(), h.line(),
                "select 1 -- ```\n```\nselect 2", h.message(), h.evidence(), h.recipe(), false, null, h.atMs());
        var changed = new dev.zerodown.result.TransitionResult(t.name(), t.step(), t.kind(), t.liveVersions(),
                t.canaryVersions(), t.verdict(), java.util.List.of(hazard), t.requests(), t.invariants(), t.startMs(),
                t.endMs(), t.timeline());
        var hostile = new dev.zerodown.result.RunResult(run.name(), run.postgresVersion(), run.postgresMajor(),
                run.provider(), run.seed(), run.verdict(), java.util.List.of(changed), run.startedAt());

        String md = MarkdownReport.render(hostile, null);

        assertThat(md).contains("````sql\nselect 1 -- ```\n```\nselect 2\n````\n");
    }
}
