package dev.zerodown.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of docs/migration-formats.md, read from the page itself, load as the page says. */
class MigrationFormatsDocExampleTest {
    private static final Path PAGE = Path.of("../docs/migration-formats.md");

    @TempDir
    Path dir;

    /** The first ```sql block after the heading {@code ## <section>}. */
    private static String sqlBlock(String section) throws IOException {
        String page = Files.readString(PAGE);
        int at = page.indexOf("\n## " + section + "\n");
        assertThat(at).as("section %s", section).isPositive();
        int start = page.indexOf("```sql\n", at) + "```sql\n".length();
        return page.substring(start, page.indexOf("```", start));
    }

    private List<MigrationStep> load(MigrationsFormat format) {
        return new MigrationLoader().load(format, List.of(dir.toString()), Map.of(), null);
    }

    @Test
    void diesel_example() throws IOException {
        Files.createDirectories(dir.resolve("2024-01-02-090000_index_users"));
        Files.writeString(dir.resolve("2024-01-02-090000_index_users/up.sql"), sqlBlock("diesel"));
        Files.writeString(dir.resolve("2024-01-02-090000_index_users/metadata.toml"), "run_in_transaction = false\n");

        MigrationStep step = load(MigrationsFormat.DIESEL).get(0);
        assertThat(step.fileName()).isEqualTo("2024-01-02-090000_index_users/up.sql");
        assertThat(step.runsInTransaction()).isFalse();
    }

    @Test
    void dbmate_example() throws IOException {
        Files.writeString(dir.resolve("20240102090000_index_users.sql"), sqlBlock("dbmate"));

        MigrationStep step = load(MigrationsFormat.DBMATE).get(0);
        assertThat(step.statements()).extracting(SqlStatement::line).containsExactly(2);
        assertThat(step.runsInTransaction()).isFalse();
    }

    @Test
    void liquibase_example() throws IOException {
        Files.writeString(dir.resolve("changelog.sql"), sqlBlock("Liquibase formatted SQL"));

        List<MigrationStep> steps = load(MigrationsFormat.LIQUIBASE);
        assertThat(steps).extracting(MigrationStep::name)
                .containsExactly("alice:create-users", "alice:index-users", "alice:touch-function");
        assertThat(steps).extracting(MigrationStep::runsInTransaction).containsExactly(true, false, true);
        assertThat(steps.get(2).statements()).singleElement()
                .satisfies(s -> assertThat(s.sql()).startsWith("create function touch()").endsWith("end $$"));
    }

    /** Every {@code ```<kind>} block of the section {@code ## <section>}. */
    private static List<String> blocks(String section, String kind) throws IOException {
        String page = Files.readString(PAGE);
        int at = page.indexOf("\n## " + section + "\n");
        int end = page.indexOf("\n## ", at + 1);
        assertThat(at).as("section %s", section).isPositive();
        List<String> out = new java.util.ArrayList<>();
        for (int start = page.indexOf("```" + kind + "\n", at); start > 0 && start < end;
             start = page.indexOf("```" + kind + "\n", start + 1)) {
            int from = start + kind.length() + 4;
            out.add(page.substring(from, page.indexOf("```", from)));
        }
        return out;
    }

    @Test
    void liquibase_xml_and_yaml_examples_are_the_changelogs_the_postgres_test_runs() throws IOException {
        Path folder = Path.of("src/test/resources/engine/liquibase-changelogs/xml");
        String changelogs = Files.readString(folder.resolve("master.xml"))
                + Files.readString(folder.resolve("indexes/1-nickname.xml"));
        List<String> xml = blocks("Liquibase", "xml");
        assertThat(xml).hasSizeGreaterThanOrEqualTo(2);
        for (String line : (xml.get(0) + xml.get(1)).lines().toList()) {
            if (!line.contains("…")) {
                assertThat(changelogs).as("docs line").contains(line);
            }
        }
        assertThat(blocks("Liquibase", "yaml").get(0)).isEqualTo(Files.readString(folder.resolve("indexes/2-email.yaml")));
    }
}
