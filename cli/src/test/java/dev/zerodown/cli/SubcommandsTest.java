package dev.zerodown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** merge, capture and trend end to end, in this JVM: their exit codes and lines, on real runs and a real database. */
class SubcommandsTest {
    @TempDir
    Path project;

    @Test
    void should_merge_two_real_shards_with_exit_0_and_refuse_a_missing_one_with_exit_2() throws IOException {
        Path db = Files.createDirectories(project.resolve("db"));
        Files.writeString(db.resolve("V1__create_accounts.sql"), "create table accounts (id bigserial primary key);\n");
        Files.writeString(db.resolve("V2__add_nickname.sql"), "set lock_timeout = '2s';\nalter table accounts add column nickname text;\n");
        String name = project.getFileName().toString();
        int runs = dev.zerodown.settings.Shard.of(name, 0, 2); // the shard that gets the one run; the other gets none
        int empty = 3 - runs;

        Run first = run("check", "--soak", "300ms", "--clients", "2", "--project-dir", project.toString(),
                "--migrations", "db", "--shard", runs + "/2", "--reportDirectory", "shards/" + runs);
        Run second = run("check", "--project-dir", project.toString(), "--migrations", "db", "--soak", "300ms",
                "--clients", "2", "--shard", empty + "/2", "--reportDirectory", "shards/" + empty);
        Run merged = run("merge", "--project-dir", project.toString(), "shards");
        Run missing = run("merge", "--project-dir", project.toString(), "--reportDirectory", "partial",
                "shards/" + empty);

        assertThat(first.code).as(first.out + first.err).isEqualTo(0);
        assertThat(second.code).as(second.out + second.err).isEqualTo(0);
        assertThat(second.out).contains("Zerodown: shard " + empty + "/2 had no runs: " + name + " has 1 run and 2"
                + " shards; " + name + "/pg17 on " + runs + "/2").doesNotContain("Checking 2 migration(s)");
        assertThat(merged.code).as(merged.out + merged.err).isEqualTo(0);
        assertThat(merged.out).contains("Merged 1 run of 2 shards (" + name + ") into " + project.resolve("target/zerodown"))
                .contains("Zerodown: " + name + " is safe on PostgreSQL 17.");
        assertThat(project.resolve("target/zerodown/" + name + "/pg17/TEST-zerodown-" + name + "-pg17.xml")).exists();
        assertThat(project.resolve("target/zerodown/summary.md")).content()
                .startsWith("## \u2705 Zerodown: all 1 runs **safe**, merged from 2 shards");
        assertThat(missing.code).isEqualTo(2);
        assertThat(missing.err).isEqualTo("error: Shard " + runs + "/2 of " + name + " is missing: found " + empty
                + "/2 in " + project.resolve("shards/" + empty) + "; its runs " + name + "/pg17 are not merged, and a"
                + " set without it is not complete. Download every shard's report directory (a failed or cancelled"
                + " shard job leaves none), or rerun shard " + runs + "/2\n");
        assertThat(project.resolve("partial")).doesNotExist();
    }

    @Test
    void should_exit_2_on_a_bad_shard_value() {
        Run run = run("check", "--project-dir", project.toString(), "--migrations", "db", "--shard", "5/4");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).isEqualTo("error: setting `shard` (property zerodown.shard): `5/4` is not a shard of 4"
                + " (i from 1 to 4); write 1/4 to 4/4\n");
    }

    @Test
    void should_capture_a_profile_with_exit_0_and_exit_2_without_a_url() throws Exception {
        try (Database db = Postgres.embedded(17).createDatabase("cli_capture")) {
            try (Connection c = db.connect("setup"); Statement s = c.createStatement()) {
                s.execute("create table orders (id bigint primary key, total numeric);"
                        + " insert into orders select i, i from generate_series(1, 500) i; analyze orders");
            }
            Run run = run(Map.of("PGUSER", db.user(), "PGPASSWORD", db.password()), "capture", "--project-dir",
                    project.toString(), "--captureUrl", db.jdbcUrl());

            assertThat(run.code).as(run.out + run.err).isEqualTo(0);
            Path profile = project.resolve("src/test/zerodown/profile.json");
            assertThat(run.out).contains("(read-only)").contains("Wrote " + profile + ": ").contains(", no row values");
            assertThat(profile).content().contains("\"orders\"");
        }
        Run none = run("capture", "--project-dir", project.toString());

        assertThat(none.code).isEqualTo(2);
        assertThat(none.err).isEqualTo("error: Setting 'captureUrl' (zerodown.captureUrl) must be a JDBC URL"
                + " jdbc:postgresql://host[:port]/database, but is unset\n");
    }

    @Test
    void should_render_the_trend_with_exit_0_and_exit_1_on_a_regression_when_asked() throws IOException {
        String line = "{\"historyVersion\":1,\"record\":\"transition\",\"runId\":\"%s\",\"run\":\"shop\","
                + "\"postgresMajor\":17,\"transition\":\"V2__add under [v1]\",\"maxLockWaitMs\":%d,"
                + "\"failedRequests\":0,\"p99Ms\":{\"v1\":4.0}}\n";
        Path history = Files.createDirectories(project.resolve("history"));
        Files.writeString(history.resolve("history.jsonl"), String.format(line, "night-1", 10)
                + String.format(line, "night-2", 12) + String.format(line, "night-3", 80));

        Run warned = run("trend", "--project-dir", project.toString(), "--history", "history");
        Run failed = run("trend", "--project-dir", project.toString(), "--history", "history", "--trendPage",
                "out/trend.html", "--failOnRegression", "true");
        Run unnamed = run("trend", "--project-dir", project.toString());
        Run badRatio = run("trend", "--project-dir", project.toString(), "--history", "history",
                "--regressionRatio", "1");

        assertThat(warned.code).as(warned.out + warned.err).isEqualTo(0);
        assertThat(warned.out).contains("Trend of 3 runs in " + history + ": " + project.resolve("target/zerodown/trend.html"))
                .contains("WARNING: Regression: ");
        assertThat(project.resolve("target/zerodown/trend.html")).content().contains("V2__add under [v1]");
        assertThat(failed.code).isEqualTo(1);
        assertThat(failed.out).contains("1 figures regressed past 2.0x the median of the previous runs; see "
                + project.resolve("out/trend.html"));
        assertThat(unnamed.code).isEqualTo(2);
        assertThat(unnamed.err).isEqualTo("error: zerodown:trend needs the history folder: -Dzerodown.history=<dir>"
                + " (CLI: trend --history <dir>), the folder every check with history=<dir> appends history.jsonl to\n");
        assertThat(badRatio.code).isEqualTo(2);
        assertThat(badRatio.err).isEqualTo("error: setting `regressionRatio` (property zerodown.regressionRatio): `1`"
                + " is not a number above 1; write 2 (twice the median)\n");
    }

    @Test
    void should_list_every_subcommand_in_the_help() {
        Run run = run("--help");

        assertThat(run.code).isEqualTo(0);
        assertThat(run.out).contains("check").contains("merge").contains("capture").contains("trend");
    }

    private static Run run(String... args) {
        return run(Map.of(), args);
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Run(int code, String out, String err) {
    }
}
