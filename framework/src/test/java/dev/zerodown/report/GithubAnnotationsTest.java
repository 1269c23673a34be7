package dev.zerodown.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GithubAnnotationsTest {
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    @Test
    void should_pin_a_blocking_hazard_to_its_file_and_line() {
        List<String> lines = GithubAnnotations.lines(ReportFixtures.docsExample(), MIGRATIONS);

        assertThat(lines.get(0)).isEqualTo("::error file=src/main/resources/db/migration/V2__rename_user_name.sql,"
                + "line=1,title=failed-requests::v1: 3 of 10 requests failed after the statement ran. "
                + "(V2__rename_user_name under [v1], PostgreSQL 17)"
                + "%0AMeasured: 42703 column \"user_name\" does not exist (3x): select user_name from users where id = $1"
                + "%0ASafe recipe: Expand/contract: add the new column, dual-write from the new version, backfill, "
                + "switch reads, and rename or drop only once no live version uses the old name.");
    }

    @Test
    void should_emit_one_line_per_hazard_with_the_command_of_its_severity() {
        List<String> lines = GithubAnnotations.lines(ReportFixtures.unsafe(), MIGRATIONS);

        assertThat(lines).hasSize(9);
        assertThat(lines).filteredOn(l -> l.startsWith("::error ")).hasSize(7);
        assertThat(lines).filteredOn(l -> l.startsWith("::warning ")).singleElement().asString()
                .contains("title=strong-lock");
        assertThat(lines).filteredOn(l -> l.startsWith("::notice ")).singleElement().asString()
                .contains("title=destructive").contains("Acknowledged: v1 is retired");
    }

    @Test
    void should_leave_out_file_and_line_when_the_hazard_has_none() {
        List<String> lines = GithubAnnotations.lines(ReportFixtures.unsafe(), MIGRATIONS);

        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("::error title=failed-requests::v1: 560 of 1,120"));
    }

    @Test
    void should_keep_every_annotation_on_one_line() {
        List<String> lines = GithubAnnotations.lines(ReportFixtures.hostile(), MIGRATIONS);

        assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain("\n").doesNotContain("\r"));
    }

    @Test
    void should_escape_workflow_command_syntax() {
        assertThat(GithubAnnotations.data("50% done\r\nnext")).isEqualTo("50%25 done%0D%0Anext");
        assertThat(GithubAnnotations.property("a,b:c")).isEqualTo("a%2Cb%3Ac");
    }

    @Test
    void should_keep_file_names_when_no_base_folder_is_given() {
        List<String> lines = GithubAnnotations.lines(ReportFixtures.docsExample(), null);

        assertThat(lines.get(0)).startsWith("::error file=V2__rename_user_name.sql,line=1,");
    }
}
