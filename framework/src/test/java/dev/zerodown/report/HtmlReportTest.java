package dev.zerodown.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"zd-data\">(.*?)</script>", Pattern.DOTALL);

    @Test
    void should_be_self_contained() {
        String html = HtmlReport.render(ReportFixtures.unsafe());

        assertThat(html).doesNotContain("<link rel=\"stylesheet\"").doesNotContain(" src=")
                .doesNotContain("@import").doesNotContain("url(http");
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContainPattern("https?://");
        assertThat(html).contains("<style>").contains("<svg").contains("<script>");
    }

    @Test
    void should_show_each_transitions_sampler_gap_who_saw_its_waits_and_its_warnings() {
        var rename = ReportFixtures.unsafe().transitions().get(1);

        String html = HtmlReport.render(ReportFixtures.unsafe());

        assertThat(html).contains("<p class=\"zd-meta zd-sampler\">lock sampler: longest gap 34 ms \u00B7 lock waits seen: "
                + rename.sampledWaits() + " by the sampler, 1 only in the server&#39;s log</p>")
                .contains("<p class=\"zd-meta zd-sampler\">lock sampler: longest gap not measured \u00B7 lock waits seen: ");
        assertThat(html).contains("<p class=\"zd-note\">\u26A0 wait figures may be incomplete: the sampler paused 34 ms");
        assertThat(count(html, "class=\"zd-note\"")).isEqualTo(1);
    }

    @Test
    void should_render_hostile_text_as_text_only() {
        String html = HtmlReport.render(ReportFixtures.hostile());

        assertThat(html).doesNotContain("<img").doesNotContain("onerror=alert(1)>");
        assertThat(count(html, "</script>")).isEqualTo(2);
        assertThat(html).contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void should_escape_the_embedded_json_and_keep_its_meaning() throws Exception {
        String html = HtmlReport.render(ReportFixtures.hostile());
        Matcher m = DATA.matcher(html);
        assertThat(m.find()).isTrue();
        String json = m.group(1);

        assertThat(json).doesNotContain("<").doesNotContain(">").doesNotContain("&").contains("\\u003c/script\\u003e");
        JsonNode data = new ObjectMapper().readTree(json);
        assertThat(texts(data)).anySatisfy(s -> assertThat(s).contains(ReportFixtures.XSS));
    }

    @Test
    void should_escape_line_separators_inside_the_embedded_json() {
        var run = ReportFixtures.hostile();
        var renamed = new dev.zerodown.result.RunResult(run.name(), run.postgresVersion(), run.postgresMajor(),
                run.provider(), run.seed(), run.verdict(), List.of(renameTransition("a\u2028b\u2029c")),
                run.startedAt());

        Matcher m = DATA.matcher(HtmlReport.render(renamed));
        assertThat(m.find()).isTrue();

        assertThat(m.group(1)).doesNotContain("\u2028").doesNotContain("\u2029").contains("a\\u2028b\\u2029c");
    }

    @Test
    void should_put_a_summary_row_per_transition_above_the_timeline() {
        String html = HtmlReport.render(ReportFixtures.unsafe());

        assertThat(count(html, "<tr class=\"zd-row")).isEqualTo(4);
        assertThat(html.indexOf("id=\"summary\"")).isLessThan(html.indexOf("<svg"));
        assertThat(html).contains("<a href=\"#t-2\">V3__rename_user_name under [v1]</a>")
                .contains("<span class=\"zd-verdict zd-unsafe\">\u2717 unsafe</span>");
    }

    @Test
    void should_draw_every_statement_lock_hold_wait_and_hazard() {
        var run = ReportFixtures.unsafe();
        String html = HtmlReport.render(run);

        long statements = run.transitions().stream().mapToLong(t -> t.timeline().statements().size()).sum();
        long holds = run.transitions().stream().mapToLong(t -> t.timeline().lockHolds().size()).sum();
        long waits = run.transitions().stream().mapToLong(t -> t.timeline().lockWaits().size()).sum();
        long hazards = run.transitions().stream().mapToLong(t -> t.hazards().size()).sum();
        assertThat(count(html, "class=\"zd-stmt")).isEqualTo(statements);
        assertThat(count(html, "class=\"zd-hold\"")).isEqualTo(holds);
        assertThat(count(html, "<g class=\"zd-wait")).isEqualTo(waits);
        assertThat(count(html, "class=\"zd-hz ")).isEqualTo(hazards);
        assertThat(count(html, "class=\"zd-tr ")).isEqualTo(run.transitions().size());
    }

    @Test
    void should_attribute_waits_to_the_blocking_lock() {
        String html = HtmlReport.render(ReportFixtures.unsafe());

        Matcher m = Pattern.compile("<g class=\"zd-wait zd-wait-mig\" data-d=\"\\d+\" data-l=\"(zd-h\\d+)\"")
                .matcher(html);
        assertThat(m.find()).isTrue();
        assertThat(html).contains("<g id=\"" + m.group(1) + "\" class=\"zd-hold\"");
        assertThat(html).contains("the migration holding ShareLock on public.users (V2__index_users_email.sql:2)");
    }

    @Test
    void should_carry_meaning_without_colour() {
        String html = HtmlReport.render(ReportFixtures.unsafe());

        assertThat(html).contains("\u25B2 non-concurrent-index").contains("\u25C7 destructive")
                .contains("\u25CF strong-lock").contains(">Share</text>").contains("url(#zd-hatch)")
                .contains("AccessExclusive (AX): blocks reads and writes").contains("@media print");
    }

    private static dev.zerodown.result.TransitionResult renameTransition(String sqlSuffix) {
        var t = ReportFixtures.docsExample().transitions().get(0);
        var h = t.hazards().get(0);
        var hazard = new dev.zerodown.result.Hazard(h.id(), h.severity(), h.relation(), h.file(), h.line(),
                h.statement() + " -- " + sqlSuffix, h.message(), h.evidence(), h.recipe(), false, null, h.atMs());
        return new dev.zerodown.result.TransitionResult(t.name(), t.step(), t.kind(), t.liveVersions(),
                t.canaryVersions(), t.verdict(), List.of(hazard), t.requests(), t.invariants(), t.startMs(), t.endMs(),
                t.timeline());
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        }
        node.elements().forEachRemaining(n -> out.addAll(texts(n)));
        return out;
    }

    private static long count(String haystack, String needle) {
        long n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
