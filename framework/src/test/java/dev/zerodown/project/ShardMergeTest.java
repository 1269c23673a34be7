package dev.zerodown.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.engine.CompatibilityRun.RunOutcome;
import dev.zerodown.report.MarkdownReport;
import dev.zerodown.report.ShardManifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A check of two PostgreSQL majors split over two shards, each run for real into its own report directory, then
 * merged; and every way a set of shards can be incomplete, each refused with its message.
 */
class ShardMergeTest {
    @TempDir
    static Path project;
    static final Recorder SHARD_1 = new Recorder();
    static final Recorder SHARD_2 = new Recorder();

    @TempDir
    Path elsewhere;

    @BeforeAll
    static void runBothShards() throws IOException {
        Path db = Files.createDirectories(project.resolve("db"));
        Files.writeString(db.resolve("V1__create_accounts.sql"),
                "create table accounts (id bigserial primary key, display_name text not null);\n");
        Files.writeString(db.resolve("V2__rename_display_name.sql"),
                "alter table accounts rename column display_name to name;\n");
        // CRC32("shop") is even: shop/pg16 (the first key) goes to shard 1 of 2, shop/pg17 to shard 2
        assertThat(shard("1/2", "shards/1", SHARD_1)).hasSize(1);
        assertThat(shard("2/2", "shards/2", SHARD_2)).hasSize(1);
    }

    @Test
    void should_run_each_major_on_exactly_one_shard_and_record_the_slice() {
        ShardManifest one = ShardManifest.read(project.resolve("shards/1/shop/shard.json"));
        ShardManifest two = ShardManifest.read(project.resolve("shards/2/shop/shard.json"));

        assertThat(one.runs()).extracting(ShardManifest.Run::key, ShardManifest.Run::verdict)
                .containsExactly(org.assertj.core.api.Assertions.tuple("shop/pg16", "unsafe"));
        assertThat(two.runs()).extracting(ShardManifest.Run::key, ShardManifest.Run::verdict)
                .containsExactly(org.assertj.core.api.Assertions.tuple("shop/pg17", "unsafe"));
        assertThat(one.allRuns()).containsExactly("shop/pg16", "shop/pg17").isEqualTo(two.allRuns());
        assertThat(one.inputs()).isEqualTo(two.inputs());
        assertThat(one.inputs().settings()).containsEntry("migrations", "filesystem:db")
                .doesNotContainKeys("shard", "reportDirectory", "history", "failOn", "jdbcUrl", "allowExternal");
        assertThat(one.runs().get(0).failure()).contains("shop is unsafe on PostgreSQL 16.");
        assertThat(project.resolve("shards/1/shop/pg16/report.json")).exists();
        assertThat(project.resolve("shards/1/shop/pg17")).doesNotExist();
        assertThat(project.resolve("shards/2/shop/pg16")).doesNotExist();
        assertThat(SHARD_1.lines).contains("Shard 1/2: shop/pg16 (1 of 2 runs of shop; shop/pg17 on 2/2)");
    }

    @Test
    void should_merge_the_shards_into_one_index_surefire_set_summary_and_verdict() throws IOException {
        Path out = elsewhere.resolve("merged");
        Recorder log = new Recorder();

        Optional<String> failure = new ShardMerge(log).merge(ShardMerge.folders(List.of("shards/*"), project), out, null);

        assertThat(failure).hasValueSatisfying(m -> assertThat(m).contains("shop is unsafe on PostgreSQL 16.")
                .contains("shop is unsafe on PostgreSQL 17.").contains("failed-requests"));
        assertThat(log.lines).contains("Merged 2 runs of 2 shards (shop) into " + out);
        for (String major : List.of("16", "17")) {
            Path shardRun = project.resolve("shards/" + (major.equals("16") ? 1 : 2) + "/shop/pg" + major);
            for (String file : List.of("report.json", "report.html", "report.md", "report.sarif",
                    "TEST-zerodown-shop-pg" + major + ".xml")) {
                assertThat(out.resolve("shop/pg" + major + "/" + file)).hasSameTextualContentAs(shardRun.resolve(file));
            }
        }
        String index = Files.readString(out.resolve("index.html"));
        assertThat(index).contains("shop/pg16/report.html").contains("shop/pg17/report.html")
                .contains("2 runs \u00B7 2 unsafe");
        String summary = Files.readString(out.resolve("summary.md"));
        assertThat(summary).startsWith("## \u274C Zerodown: 2 of 2 runs **unsafe**, merged from 2 shards\n")
                .contains("| \u274C unsafe | `shop/pg16` | 16.").contains("| 1/2 |\n")
                .contains("| \u274C unsafe | `shop/pg17` | 17.").contains("| 2/2 |\n")
                .contains("### \u274C Zerodown: shop is **unsafe** on PostgreSQL 16.")
                .contains("### \u274C Zerodown: shop is **unsafe** on PostgreSQL 17.");
        assertThat(summary.lines().filter(l -> l.startsWith(MarkdownReport.FULL_REPORT)))
                .hasSize(2).allSatisfy(l -> assertThat(l).contains("merged/shop/pg1"));
        assertThat(summary.indexOf("PostgreSQL 16.")).isLessThan(summary.indexOf("PostgreSQL 17."));
    }

    @Test
    void should_refuse_a_missing_shard_naming_the_runs_it_was_dealt() {
        Path out = elsewhere.resolve("merged");
        Path one = project.resolve("shards/1");

        assertThatThrownBy(() -> new ShardMerge(new Recorder()).merge(List.of(one), out, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Shard 2/2 of shop is missing: found 1/2 in " + one + "; its runs shop/pg17 are not"
                        + " merged, and a set without it is not complete. Download every shard's report directory (a"
                        + " failed or cancelled shard job leaves none), or rerun shard 2/2");
        assertThat(out).doesNotExist();
    }

    @Test
    void should_refuse_a_shard_given_twice() throws IOException {
        Path copy = copy(project.resolve("shards/1"), elsewhere.resolve("again/1"));

        assertThatThrownBy(() -> new ShardMerge(new Recorder()).merge(List.of(project.resolve("shards"),
                elsewhere.resolve("again")), elsewhere.resolve("merged"), null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Shard 1/2 of shop is there twice: " + project.resolve("shards/1/shop/shard.json")
                        + " and " + copy.resolve("shop/shard.json") + "; give each shard's report directory once");
    }

    @Test
    void should_refuse_shards_that_ran_other_settings_or_migrations() throws IOException {
        Path two = copy(project.resolve("shards/2"), elsewhere.resolve("two"));
        edit(two.resolve("shop/shard.json"), "\"soak\": \"300ms\"", "\"soak\": \"2s\"");
        String migrations = ShardManifest.read(two.resolve("shop/shard.json")).inputs().migrations();
        edit(two.resolve("shop/shard.json"), migrations, (migrations.startsWith("0") ? "1" : "0") + migrations.substring(1));

        assertThatThrownBy(() -> new ShardMerge(new Recorder()).merge(List.of(project.resolve("shards/1"), two),
                elsewhere.resolve("merged"), null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Shard 2/2 of shop (" + two.resolve("shop/shard.json") + ") ran other inputs than shard 1/2 ("
                        + project.resolve("shards/1/shop/shard.json") + "): setting soak is `2s` there but `300ms` in"
                        + " 1/2; the migrations differ; merge the shards of one pipeline run");
    }

    @Test
    void should_refuse_shards_split_into_a_different_number() throws IOException {
        Path two = copy(project.resolve("shards/2"), elsewhere.resolve("two"));
        edit(two.resolve("shop/shard.json"), "\"of\": 2", "\"of\": 3");
        Path one = project.resolve("shards/1");

        assertThatThrownBy(() -> new ShardMerge(new Recorder()).merge(List.of(one, two), elsewhere.resolve("merged"), null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("The shards were split differently (n=2: 1/2 of shop (" + one.resolve("shop/shard.json")
                        + "); n=3: 2/3 of shop (" + two.resolve("shop/shard.json") + ")); merge the shards of one"
                        + " pipeline run, all with the same n");
    }

    @Test
    void should_refuse_a_folder_without_any_shard_manifest() {
        assertThatThrownBy(() -> new ShardMerge(new Recorder()).merge(List.of(elsewhere), project.resolve("out"), null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("No shard manifest (shard.json) below [" + elsewhere + "]: merge takes the report"
                        + " directories of checks run with shard=i/n (property zerodown.shard)");
    }

    @Test
    void should_refuse_to_merge_into_a_folder_that_holds_other_reports() throws IOException {
        Path out = elsewhere.resolve("merged");
        Files.createDirectories(out.resolve("OrdersTest/pg17"));
        Files.writeString(out.resolve("OrdersTest/pg17/report.json"), "{}");

        assertThatThrownBy(() -> new ShardMerge(new Recorder()).merge(List.of(project.resolve("shards")), out, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("reportDirectory " + out + " already holds reports no shard wrote (OrdersTest/pg17);"
                        + " merge into an empty folder, or remove them");
    }

    @Test
    void should_refuse_to_merge_into_a_shard_folder() {
        Path shards = project.resolve("shards");

        assertThatThrownBy(() -> new ShardMerge(new Recorder()).merge(List.of(shards), shards.resolve("1"), null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("reportDirectory " + shards.resolve("1") + " and the shard report folder " + shards
                        + " overlap; merge into a folder of its own (the merge would write over a shard's reports)");
        assertThat(shards.resolve("1/shop/pg16/report.json")).exists();
    }

    @Test
    void should_name_the_reports_no_manifest_lists_and_leave_them_out() throws IOException {
        Path shards = copy(project.resolve("shards"), elsewhere.resolve("shards"));
        copy(shards.resolve("1/shop/pg16"), shards.resolve("1/ShopRolloutTest/pg17"));
        Recorder log = new Recorder();

        new ShardMerge(log).merge(List.of(shards), elsewhere.resolve("merged"), null);

        assertThat(log.lines).contains("WARNING: Left out 1 report that no shard manifest lists (a JUnit test class,"
                + " or a check run without shard): " + shards.resolve("1/ShopRolloutTest/pg17"));
        assertThat(elsewhere.resolve("merged/ShopRolloutTest")).doesNotExist();
    }

    @Test
    void should_say_so_when_a_shard_has_no_runs() throws IOException {
        Recorder log = new Recorder();

        // CRC32("shop") is a multiple of 3: of 3 shards, 1/3 runs shop/pg16, 2/3 shop/pg17 and 3/3 nothing
        List<RunOutcome> outcomes = shard("3/3", "shards-of-3/3", log);

        assertThat(outcomes).isEmpty();
        assertThat(log.lines).contains("Zerodown: shard 3/3 had no runs: shop has 2 runs and 3 shards; shop/pg16 on"
                + " 1/3, shop/pg17 on 2/3");
        assertThat(ShardManifest.read(project.resolve("shards-of-3/3/shop/shard.json")).runs()).isEmpty();
        assertThat(Files.readString(project.resolve("shards-of-3/3/index.html")))
                .contains("\u2013 NO RUNS").contains("Shard 3/3 had no runs: the 2 runs of shop are on the other shards");
    }

    @Test
    void should_find_the_folders_a_glob_names_and_refuse_one_that_matches_none() {
        assertThat(ShardMerge.folders(List.of("shards/*"), project))
                .containsExactly(project.resolve("shards/1"), project.resolve("shards/2"));
        assertThatThrownBy(() -> ShardMerge.folders(List.of("downloads/shard-*"), project))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("`downloads/shard-*` (shardReports) matches no folder in " + project
                        + "; name the folders the shards' report directories were downloaded to");
    }

    private static List<RunOutcome> shard(String shard, String reports, Recorder log) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("migrations", "db");
        parameters.put("postgresVersions", "16,17");
        parameters.put("soak", "300ms");
        parameters.put("clients", "2");
        parameters.put("shard", shard);
        parameters.put("reportDirectory", reports);
        CheckInputs inputs = CheckInputs.read(parameters, project);
        Check check = Check.prepare("shop", inputs, ShardMergeTest.class.getClassLoader(), log);
        return check.run(new PrintStream(OutputStream.nullOutputStream()));
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    static final class Recorder implements CheckLog {
        final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void info(String line) {
            lines.add(line);
        }

        @Override
        public synchronized void warn(String line) {
            lines.add("WARNING: " + line);
        }
    }
}
