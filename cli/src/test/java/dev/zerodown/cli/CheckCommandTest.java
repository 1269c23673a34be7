package dev.zerodown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end, in this JVM, on a real embedded PostgreSQL. */
class CheckCommandTest {
    static final String[] FAST = {"--soak", "300ms", "--clients", "2"};

    @TempDir
    Path project;

    @Test
    void should_exit_0_on_a_safe_folder_and_write_every_report() throws IOException {
        migrations("V1__create_accounts.sql", "create table accounts (id bigserial primary key, name text not null);",
                "V2__add_nickname.sql", "set lock_timeout = '2s';\nalter table accounts add column nickname text;");

        Run run = check("--project-dir", project.toString(), "--migrations", "db");

        assertThat(run.code).as(run.out + run.err).isEqualTo(0);
        Path reports = project.resolve("target/zerodown/" + project.getFileName() + "/pg17");
        assertThat(reports.resolve("report.json")).exists();
        assertThat(reports.resolve("report.html")).exists();
        assertThat(reports.resolve("report.md")).exists();
        assertThat(reports.resolve("report.sarif")).exists();
        assertThat(reports.resolve("TEST-zerodown-" + project.getFileName() + "-pg17.xml")).exists();
        assertThat(run.out).contains("is safe on PostgreSQL 17");
    }

    @Test
    void should_exit_1_on_a_naive_rename_under_synthetic_traffic() throws IOException {
        migrations("V1__create_accounts.sql", "create table accounts (id bigserial primary key, display_name text not null);",
                "V2__rename_display_name.sql", "alter table accounts rename column display_name to name;");

        Run run = check("--project-dir", project.toString(), "--migrations", "db", "--reportDirectory", "out");

        assertThat(run.code).as(run.out + run.err).isEqualTo(1);
        assertThat(run.out).contains("is unsafe on PostgreSQL 17").contains("backward-incompatible")
                .contains("42703");
        String sarif = Files.readString(project.resolve("out/" + project.getFileName() + "/pg17/report.sarif"));
        assertThat(sarif).contains("\"ruleId\": \"backward-incompatible\"").contains("\"uri\": \"db/V2__rename_display_name.sql\"");
    }

    @Test
    void should_exit_2_with_the_settings_message_on_one_line() throws IOException {
        migrations("V1__create_accounts.sql", "create table accounts (id bigserial primary key);");

        Run run = check("--project-dir", project.toString(), "--migrations", "db", "--soak", "3x");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).isEqualTo("error: setting `soak` (property zerodown.soak): `3x` is not a duration; write a"
                + " whole number with a unit ms, s, m or h, such as 500ms, 2s or 1m\n");
        assertThat(project.resolve("target")).doesNotExist();
    }

    @Test
    void should_exit_2_on_an_unknown_option() {
        Run run = check("--project-dir", project.toString(), "--soakk", "1s");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).isEqualTo("error: Unknown options: '--soakk', '1s' (see check --help)\n");
    }

    @Test
    void should_exit_2_when_the_project_has_no_migrations() {
        Run run = check("--project-dir", project.toString());

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).isEqualTo("error: No migrations at " + project.resolve("src/main/resources/db/migration")
                + "; name the folder with --migrations <folder> (relative to " + project + ")\n");
    }

    @Test
    void should_take_the_locations_and_placeholders_from_the_projects_flyway_toml() throws IOException {
        migrations("V1__create_accounts.sql", "create table ${owner}_accounts (id bigserial primary key, name text not null);",
                "V2__add_nickname.sql", "set lock_timeout = '2s';\nalter table ${owner}_accounts add column nickname text;");
        Files.writeString(project.resolve("flyway.toml"), """
                [environments.default]
                url = "jdbc:postgresql://prod.example.com/shop"
                password = "s3cret"

                [flyway]
                locations = ["filesystem:db"]

                [flyway.placeholders]
                owner = "shop"
                """);

        Run run = check("--project-dir", project.toString());

        assertThat(run.code).as(run.out + run.err).isEqualTo(0);
        assertThat(run.out).contains("Flyway configuration read from flyway.toml: migrations=filesystem:db, placeholders (1)")
                .contains("is safe on PostgreSQL 17").doesNotContain("s3cret");
        assertThat(run.err).doesNotContain("s3cret");
    }

    @Test
    void should_exit_2_on_a_workload_file_named_after_no_version_with_the_plugin_s_message() throws IOException {
        migrations("V1__create_accounts.sql", "create table accounts (id bigserial primary key);",
                "V2__add_nickname.sql", "alter table accounts add column nickname text;");
        Path workloads = Files.createDirectories(project.resolve("src/test/zerodown"));
        Files.writeString(workloads.resolve("old.sql"), "select id from accounts;\n");
        Files.writeString(workloads.resolve("New.sql"), "select id, nickname from accounts;\n");

        Run run = check("--project-dir", project.toString(), "--migrations", "db");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).isEqualTo("error: Workload file New.sql in " + workloads + " (setting `workloads`) is named"
                + " after no version of the rollout (versions: old, new); rename it to new.sql, or move it out of the"
                + " folder\n");
        assertThat(project.resolve("target")).doesNotExist();
    }

    @Test
    void should_exit_2_on_a_workloads_folder_that_does_not_exist() throws IOException {
        migrations("V1__create_accounts.sql", "create table accounts (id bigserial primary key);");

        Run run = check("--project-dir", project.toString(), "--migrations", "db", "--workloads", "load");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).isEqualTo("error: Setting 'workloads' (zerodown.workloads) names " + project.resolve("load")
                + ", which is not a folder; fix the path or remove the setting to use the default\n");
    }

    @Test
    void should_offer_every_setting_as_an_option_with_its_default() {
        Run run = check("check", "--help");

        assertThat(run.code).isEqualTo(0);
        for (String name : dev.zerodown.settings.Settings.NAMES) {
            assertThat(run.out).contains("--" + name + "=<value>");
        }
        assertThat(run.out).contains("Property zerodown.soak. Default: 1s.")
                .contains("src/main/resources/db/migration (plugin).");
    }

    private void migrations(String... nameAndSql) throws IOException {
        Path db = Files.createDirectories(project.resolve("db"));
        for (int i = 0; i < nameAndSql.length; i += 2) {
            Files.writeString(db.resolve(nameAndSql[i]), nameAndSql[i + 1] + "\n");
        }
    }

    private static Run check(String... args) {
        List<String> all = new ArrayList<>();
        if (!args[0].equals("check")) {
            all.add("check");
            all.addAll(List.of(FAST));
        }
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Run(int code, String out, String err) {
    }
}
