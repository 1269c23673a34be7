package dev.zerodown.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zerodown.load.SyntheticTraffic;
import dev.zerodown.plan.Rollout;
import dev.zerodown.report.History;
import dev.zerodown.report.Trend;
import dev.zerodown.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@code history} set, every run appends its figures; the trend page flags a figure that grew. */
class HistoryRunTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void should_append_each_run_and_flag_a_regression_on_the_trend_page() throws IOException {
        Files.writeString(dir.resolve("V1__accounts.sql"), "create table accounts (id int primary key, name text not null);");
        Files.writeString(dir.resolve("V2__rewrite.sql"), "set lock_timeout = '1s';\nalter table accounts alter column id type bigint;");
        Path seed = dir.resolve("seed.sql");
        Files.writeString(seed, "insert into accounts select g, 'n' || g from generate_series(1, 20000) g;");
        Path history = dir.resolve("history");
        Settings s = Settings.defaults().with(Map.of("migrations", "filesystem:" + dir, "soak", "300ms", "clients", "2",
                "seed", seed.toString(), "history", history.toString(), "reportDirectory", dir.resolve("reports").toString(),
                "jdbcUrl", "jdbc:postgresql://h/db?user=u&password=secret"));
        CompatibilityRun run = CompatibilityRun.of("history", Rollout.startWith("v1", new SyntheticTraffic()).migrate("V2"))
                .settings(s);

        run.run(17);
        CompatibilityRun.RunOutcome second = run.run(17);

        List<JsonNode> records = History.read(history);
        assertThat(records.stream().map(r -> r.get("runId").asText()).distinct()).hasSize(2);
        JsonNode transition = records.get(0);
        assertThat(transition.get("historyVersion").asInt()).isEqualTo(1);
        assertThat(transition.get("record").asText()).isEqualTo("transition");
        assertThat(transition.get("verdict").asText()).isEqualTo("unsafe");
        assertThat(transition.get("p99Ms").get("v1").isNumber()).isTrue();
        assertThat(transition.get("commit").asText()).matches("[0-9a-f]{40}"); // the worktree's .git, read without git
        assertThat(transition.get("postgresVersion").asText()).startsWith("17.");
        JsonNode alter = records.stream().filter(r -> r.get("record").asText().equals("statement")
                && r.get("sql").asText().startsWith("alter table")).findFirst().orElseThrow();
        assertThat(alter.get("file").asText()).isEqualTo("V2__rewrite.sql");
        assertThat(alter.get("maxLockHoldMs").asLong()).isPositive();
        assertThat(alter.get("rewriteMs").isNumber()).isTrue();
        Path trendPage = dir.resolve("reports").resolve("trend.html");
        assertThat(Files.readString(trendPage)).as("rendered by the run into its report directory")
                .contains("2 runs in the history").contains("href=\"index.html\"");
        assertThat(Files.readString(second.reports().index())).contains("<a href=\"trend.html\" id=\"zd-trend\">");
        assertThat(Files.readString(second.reports().html())).contains("<a href=\"../../trend.html\" id=\"zd-trend\">");
        JsonNode report = MAPPER.readTree(second.reports().json().toFile());
        assertThat(report.get("settings").get("soak").asText()).isEqualTo("300ms");
        assertThat(report.get("settings").get("history").asText()).isEqualTo(history.toString());
        assertThat(report.get("settings").get("jdbcUrl").asText()).isEqualTo("jdbc:postgresql://h/db?user=u&password=***");

        // a third night in which the rewrite held its lock ten times longer
        StringBuilder third = new StringBuilder();
        for (JsonNode r : records.subList(records.size() / 2, records.size())) {
            ObjectNode copy = r.deepCopy();
            copy.put("runId", "night-3");
            if (copy.get("record").asText().equals("statement") && copy.get("sql").asText().startsWith("alter")) {
                copy.put("maxLockHoldMs", alter.get("maxLockHoldMs").asLong() * 10 + 100);
            }
            third.append(MAPPER.writeValueAsString(copy)).append('\n');
        }
        Files.writeString(history.resolve(History.FILE), third, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Path page = dir.resolve("trend.html");

        Trend.Result trend = Trend.render(history, page);

        String html = Files.readString(page);
        assertThat(trend.runs()).isEqualTo(3);
        assertThat(trend.regressions()).singleElement().asString()
                .contains("V2__rewrite.sql:2 alter table accounts alter column id type bigint", "lock hold ms");
        assertThat(html).contains("\u2717 1 regression", "\u25B2 regression: ", "3 runs in the history")
                .doesNotContain("<script", "<link rel=\"stylesheet\"", "src=\"http", "href=\"http");
    }
}
