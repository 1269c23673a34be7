package dev.zerodown.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import dev.zerodown.result.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {
    @TempDir
    Path dir;

    @Test
    void should_write_every_report_of_a_run_into_its_folder() throws Exception {
        ReportFiles files = Reports.write(ReportFixtures.unsafe(), dir);

        Path run = dir.resolve("UsersRolloutTest/pg17");
        assertThat(files).isEqualTo(new ReportFiles(run.resolve("report.json"), run.resolve("report.html"),
                run.resolve("report.md"), run.resolve("TEST-zerodown-UsersRolloutTest-pg17.xml"),
                dir.resolve("index.html"), run.resolve("report.sarif")));
        assertThat(Files.readString(files.sarif())).isEqualTo(SarifReport.toSarif(ReportFixtures.unsafe(), SourceFiles.NONE));
        assertThat(Files.readString(files.json())).isEqualTo(JsonReport.toJson(ReportFixtures.unsafe()));
        assertThat(Files.readString(files.html())).isEqualTo(HtmlReport.render(ReportFixtures.unsafe()));
        assertThat(Files.readString(files.junitXml())).isEqualTo(JUnitXmlReport.render(ReportFixtures.unsafe()));
        assertThat(Files.readString(files.markdown())).contains("report.html");
        try (var listing = Files.list(run)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("report.json",
                    "report.html", "report.md", "report.sarif", "TEST-zerodown-UsersRolloutTest-pg17.xml");
        }
    }

    @Test
    void should_list_every_run_with_its_verdict_in_the_index() throws Exception {
        Reports.write(ReportFixtures.unsafe(), dir);
        Reports.write(ReportFixtures.safe(), dir);

        String index = Files.readString(dir.resolve("index.html"));

        assertThat(index).contains("<a href=\"AddNicknameTest/pg17/report.html\">AddNicknameTest</a>")
                .contains("<a href=\"UsersRolloutTest/pg17/report.html\">UsersRolloutTest</a>")
                .contains("2 runs \u00B7 1 unsafe").as("no trend page here, no link").doesNotContain("zd-trend");
        assertThat(index.indexOf("AddNicknameTest")).isLessThan(index.indexOf("UsersRolloutTest"));
        assertThat(index.substring(index.indexOf("UsersRolloutTest</a>"))).contains("\u2717 unsafe");
    }

    @Test
    void should_link_the_trend_page_from_the_index_once_the_trend_goal_writes_it_beside_it() throws Exception {
        ReportFiles files = Reports.write(ReportFixtures.safe(), dir);
        Path history = dir.resolve("history");
        History.append(ReportFixtures.safe(), history, "auto", "none");
        List<String> lines = new ArrayList<>();

        dev.zerodown.project.TrendRun.render(history, dir.resolve(Reports.TREND_PAGE), Trend.DEFAULT_RATIO, false,
                new dev.zerodown.project.CheckLog() {
                    @Override
                    public void info(String line) {
                        lines.add(line);
                    }

                    @Override
                    public void warn(String line) {
                        lines.add(line);
                    }
                });

        assertThat(lines).containsExactly("Trend of 1 runs in " + history + ": " + dir.resolve(Reports.TREND_PAGE));
        assertThat(Files.readString(files.index())).contains("<a href=\"trend.html\" id=\"zd-trend\">Trend across runs</a>");
        assertThat(Files.readString(dir.resolve(Reports.TREND_PAGE))).contains("<a href=\"index.html\" id=\"zd-index\">");
    }

    @Test
    void should_keep_runs_written_by_another_jvm_in_the_index() throws Exception {
        RunResult other = renamed(ReportFixtures.safe(), "WrittenElsewhere", 16);
        JsonReport.write(other, dir.resolve("WrittenElsewhere/pg16/report.json"));

        Reports.write(ReportFixtures.unsafe(), dir);

        assertThat(Files.readString(dir.resolve("index.html")))
                .contains("<a href=\"WrittenElsewhere/pg16/report.html\">WrittenElsewhere</a>");
    }

    @Test
    void should_list_each_postgres_major_of_a_run() throws Exception {
        Reports.write(ReportFixtures.unsafe(), dir);
        Reports.write(renamed(ReportFixtures.unsafe(), "UsersRolloutTest", 13), dir);

        String index = Files.readString(dir.resolve("index.html"));

        assertThat(index).contains("UsersRolloutTest/pg13/report.html").contains("UsersRolloutTest/pg17/report.html");
        assertThat(index.indexOf("pg13")).isLessThan(index.indexOf("pg17"));
    }

    @Test
    void should_list_an_unreadable_report_without_failing() throws Exception {
        Files.createDirectories(dir.resolve("Broken/pg17"));
        Files.writeString(dir.resolve("Broken/pg17/report.json"), "{ not json");

        Reports.write(ReportFixtures.safe(), dir);

        assertThat(Files.readString(dir.resolve("index.html"))).contains(">Broken</a>").contains("? unreadable");
    }

    @Test
    void should_include_every_run_when_written_from_several_threads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ReportFiles>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                RunResult run = renamed(ReportFixtures.safe(), "Parallel" + i, 17);
                futures.add(pool.submit(() -> Reports.write(run, dir)));
            }
            for (Future<ReportFiles> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        String index = Files.readString(dir.resolve("index.html"));
        for (int i = 0; i < 8; i++) {
            assertThat(index).contains("Parallel" + i + "/pg17/report.html");
        }
    }

    @Test
    void should_name_folders_safely() {
        RunResult run = renamed(ReportFixtures.safe(), "../com.example.Odd Name/x", 17);

        assertThat(Reports.runDirectory(run, dir)).isEqualTo(dir.resolve("com.example.Odd-Name-x/pg17"));
    }

    static RunResult renamed(RunResult run, String name, int major) {
        return new RunResult(name, major + ".1", major, run.provider(), run.seed(), run.verdict(), run.transitions(),
                run.startedAt());
    }
}
