package dev.zerodown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-contained jar as a user runs it: {@code java -jar} in a fresh folder, with an empty local
 * Maven repository, so the PostgreSQL binaries can only come from inside the jar.
 */
class CliJarIT {
    @TempDir
    Path dir;

    @Test
    void should_run_from_a_fresh_folder_with_the_binaries_inside_the_jar() throws Exception {
        Path jar = Path.of(System.getProperty("zerodown.cli.jar"));
        Path db = Files.createDirectories(dir.resolve("project/db"));
        Files.writeString(db.resolve("V1__create_accounts.sql"),
                "create table accounts (id bigserial primary key, display_name text not null);\n");
        Files.writeString(db.resolve("V2__rename_display_name.sql"),
                "alter table accounts rename column display_name to name;\n");
        Path emptyRepo = Files.createDirectories(dir.resolve("empty-repo"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");

        Process p = new ProcessBuilder(List.of(java.toString(), "-Dmaven.repo.local=" + emptyRepo,
                "-Duser.home=" + dir, "-jar", jar.toString(), "check", "--migrations", "db", "--soak", "300ms",
                "--clients", "2"))
                .directory(dir.resolve("project").toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .start();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String out = Files.readString(dir.resolve("out.txt"));

        assertThat(p.exitValue()).as(out).isEqualTo(1);
        assertThat(out).contains("is unsafe on PostgreSQL 17").contains("backward-incompatible");
        assertThat(dir.resolve("project/target/zerodown/project/pg17/report.sarif")).exists();
        try (var files = Files.list(emptyRepo)) {
            assertThat(files).as("nothing was resolved into " + emptyRepo + File.separator).isEmpty();
        }
    }

    @Test
    void should_read_an_xml_liquibase_changelog_with_the_liquibase_inside_the_jar() throws Exception {
        Path jar = Path.of(System.getProperty("zerodown.cli.jar"));
        Path db = Files.createDirectories(dir.resolve("project/db"));
        Files.createDirectories(db.resolve("changes"));
        String head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<databaseChangeLog"
                + " xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog"
                + " http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd\">\n";
        Files.writeString(db.resolve("changelog.xml"), head
                + "  <changeSet id=\"create\" author=\"alice\">\n"
                + "    <createTable tableName=\"accounts\">\n"
                + "      <column name=\"id\" type=\"bigint\" autoIncrement=\"true\"><constraints primaryKey=\"true\"/></column>\n"
                + "      <column name=\"display_name\" type=\"text\"/>\n"
                + "    </createTable>\n"
                + "  </changeSet>\n"
                + "  <include file=\"changes/rename.yaml\" relativeToChangelogFile=\"true\"/>\n"
                + "</databaseChangeLog>\n");
        Files.writeString(db.resolve("changes/rename.yaml"), "databaseChangeLog:\n"
                + "  - changeSet:\n      id: test-data\n      author: alice\n      context: test\n"
                + "      changes:\n        - sql: {sql: insert into accounts (display_name) values ('test')}\n"
                + "  - changeSet:\n      id: rename\n      author: alice\n"
                + "      changes:\n        - renameColumn: {tableName: accounts, oldColumnName: display_name, newColumnName: name}\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");

        Process p = new ProcessBuilder(List.of(java.toString(), "-Duser.home=" + dir, "-jar", jar.toString(), "check",
                "--migrationsFormat", "liquibase", "--migrations", "db/changelog.xml", "--liquibaseContexts", "prod",
                "--soak", "300ms", "--clients", "2"))
                .directory(dir.resolve("project").toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .start();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String out = Files.readString(dir.resolve("out.txt"));

        assertThat(p.exitValue()).as(out).isEqualTo(1);
        assertThat(out).contains("is unsafe on PostgreSQL 17").contains("backward-incompatible")
                .contains("alice:rename under [old]").contains("changes/rename.yaml:12")
                .contains("changeset alice:test-data is not run: Context does not match 'prod'")
                .doesNotContain("alice:test-data under");
    }
}
