package dev.zerodown.engine;

import static dev.zerodown.engine.FormatRuns.hazard;
import static dev.zerodown.engine.FormatRuns.verdicts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerodown.hazards.HazardId;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.Verdict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * XML (with {@code include} and {@code includeAll}), YAML and JSON Liquibase changelogs of five changesets (a
 * baseline, an expand, a {@code CREATE INDEX CONCURRENTLY} with {@code runInTransaction="false"}, a plain index and
 * a column rename), rendered by Liquibase 4.33 and run on real PostgreSQL under synthetic traffic: the same
 * verdicts and hazard ids per transition as a Flyway folder holding the SQL Liquibase renders, with each
 * hazard at its changelog file and line. Files: {@code src/test/resources/engine/liquibase-changelogs}.
 */
class LiquibaseChangelogsOnPostgresTest {
    static final String FOLDER = "engine/liquibase-changelogs/";
    static List<String> flyway;

    @BeforeAll
    static void flywayFirst() {
        RunResult r = run("classpath:" + FOLDER + "flyway", "flyway", "V2");
        flyway = verdicts(r);
        assertThat(r.verdict()).isEqualTo(Verdict.UNSAFE);
        assertThat(flyway).containsExactly(
                "migrate unsafe [lock-held-across-statements, missing-lock-timeout, strong-lock]",
                "migrate safe []",
                "migrate unsafe [missing-lock-timeout, non-concurrent-index, strong-lock]",
                "migrate unsafe [backward-incompatible, failed-requests, missing-lock-timeout, strong-lock]",
                "deploy unsafe [failed-requests]");
        assertThat(r.transitions().get(0).name()).startsWith("V2__expand under");
        assertThat(hazard(r, HazardId.NON_CONCURRENT_INDEX).file()).isEqualTo("V4__index_email.sql");
    }

    @Test
    void an_xml_changelog_with_include_and_include_all_judges_as_the_flyway_folder() {
        RunResult r = run("classpath:" + FOLDER + "xml/master.xml", "liquibase", "bob:expand");

        assertThat(verdicts(r)).isEqualTo(flyway);
        assertThat(r.transitions()).extracting(TransitionResult::name).map(n -> n.replaceAll(" under.*", ""))
                .containsExactly("bob:expand", "carol:index-nickname", "carol:index-email", "alice:rename-display-name",
                        "deploy new");
        Hazard index = hazard(r, HazardId.NON_CONCURRENT_INDEX);
        assertThat(index.file()).isEqualTo("indexes/2-email.yaml");
        assertThat(index.line()).isEqualTo(6);
        assertThat(r.transitions().get(1).hazards()).as("CREATE INDEX CONCURRENTLY outside a transaction").isEmpty();
        assertThat(r.transitions().get(3).hazards()).filteredOn(h -> h.file() != null)
                .as("the rename's statement hazards point at <renameColumn> in master.xml")
                .isNotEmpty().allSatisfy(h -> assertThat(h.file() + ":" + h.line()).isEqualTo("master.xml:19"));
    }

    @Test
    void a_yaml_changelog_judges_as_the_flyway_folder() {
        RunResult r = run(resource("changelog.yaml"), "liquibase", "2");

        assertThat(verdicts(r)).isEqualTo(flyway);
        Hazard index = hazard(r, HazardId.NON_CONCURRENT_INDEX);
        assertThat(index.file()).isEqualTo("changelog.yaml");
        assertThat(index.line()).isEqualTo(38);
    }

    @Test
    void a_json_changelog_judges_as_the_flyway_folder() {
        RunResult r = run(resource("changelog.json"), "liquibase", "bob:expand");

        assertThat(verdicts(r)).isEqualTo(flyway);
        Hazard index = hazard(r, HazardId.NON_CONCURRENT_INDEX);
        assertThat(index.file()).isEqualTo("changelog.json");
        assertThat(index.line()).isEqualTo(23);
    }

    /** A changelog on the file system (the test resources as copied to target/test-classes). */
    private static String resource(String name) {
        try {
            return "filesystem:" + Path.of(LiquibaseChangelogsOnPostgresTest.class.getClassLoader()
                    .getResource(FOLDER + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RunResult run(String migrations, String format, String since) {
        return FormatRuns.run(migrations, format, since, "no-workloads");
    }
}
