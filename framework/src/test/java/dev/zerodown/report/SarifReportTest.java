package dev.zerodown.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.hazards.Severity;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.TransitionResult;
import org.junit.jupiter.api.Test;

/**
 * The schema is the SARIF 2.1.0 JSON schema (its final "rtm.5" text, draft-04), vendored from the npm
 * package {@code @microsoft/jest-sarif} 1.0.0-beta.0 ({@code lib/schemas/sarif-2.1.0-rtm.5.json}, MIT):
 * tests cannot download it.
 */
class SarifReportTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SourceFiles SOURCES = SourceFiles.of(Path.of("/repo"), Map.of(
            "V2__index_users_email.sql", "/repo/db/migration/V2__index_users_email.sql",
            "V3__rename_user_name.sql", "/repo/db/migration/V3__rename_user_name.sql"));

    @Test
    void should_be_valid_sarif_2_1_0() throws Exception {
        Schema schema;
        try (InputStream in = getClass().getResourceAsStream("sarif-2.1.0-rtm.5.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        }
        for (RunResult run : List.of(ReportFixtures.unsafe(), ReportFixtures.safe(), ReportFixtures.hostile(),
                ReportFixtures.stopped(), ReportFixtures.docsExample())) {
            JsonNode sarif = MAPPER.readTree(SarifReport.toSarif(run, SOURCES));

            assertThat(schema.validate(sarif)).as(run.name()).isEmpty();
        }
        assertThat(schema.validate(MAPPER.readTree("{\"version\": \"2.1.0\", \"runs\": [{\"results\": []}]}")))
                .as("a run without its tool is not SARIF").isNotEmpty();
    }

    @Test
    void should_give_one_result_per_error_or_warning_hazard_on_its_file_and_line() throws Exception {
        RunResult run = ReportFixtures.unsafe();
        JsonNode results = MAPPER.readTree(SarifReport.toSarif(run, SOURCES)).at("/runs/0/results");

        long hazards = run.transitions().stream().flatMap(t -> t.hazards().stream())
                .filter(h -> h.severity() != Severity.OFF).count();
        assertThat(results).hasSize((int) hazards);
        JsonNode first = results.get(0);
        assertThat(first.get("ruleId").asText()).isEqualTo("non-concurrent-index");
        assertThat(first.get("level").asText()).isEqualTo("error");
        assertThat(first.at("/message/text").asText()).startsWith(
                "Index users_email_idx on pre-existing public.users was built without CONCURRENTLY."
                        + " (V2__index_users_email under [v1], PostgreSQL 17)");
        assertThat(first.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("db/migration/V2__index_users_email.sql");
        assertThat(first.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(2);
    }

    @Test
    void should_describe_every_hazard_id_as_a_rule() throws Exception {
        JsonNode rules = MAPPER.readTree(SarifReport.toSarif(ReportFixtures.safe(), SourceFiles.NONE))
                .at("/runs/0/tool/driver/rules");

        assertThat(rules).hasSize(HazardId.values().length);
        assertThat(rules.get(HazardId.NON_CONCURRENT_INDEX.ordinal()).at("/shortDescription/text").asText())
                .isEqualTo("An index on a pre-existing table was created, dropped or rebuilt without CONCURRENTLY (a drop is"
                        + " judged by how long it held the lock).");
        assertThat(rules.get(HazardId.STRONG_LOCK.ordinal()).at("/defaultConfiguration/level").asText())
                .isEqualTo("warning");
    }

    @Test
    void should_keep_the_fingerprint_when_lines_timings_and_counts_change() {
        TransitionResult t = ReportFixtures.unsafe().transitions().get(0);
        Hazard h = t.hazards().get(1);
        Hazard later = new Hazard(h.id(), h.severity(), h.relation(), h.file(), h.line() + 5, h.statement(),
                h.message().replace("37", "52").replace("1,843", "2,011"), "other evidence", h.recipe(), false, null,
                h.atMs() + 900);
        Hazard otherStatement = new Hazard(h.id(), h.severity(), h.relation(), h.file(), h.line(),
                "create index users_name_idx on users (name)", h.message(), h.evidence(), h.recipe(), false, null,
                h.atMs());

        String path = SOURCES.path(h.file());
        assertThat(SarifReport.fingerprint(later, t, path)).isEqualTo(SarifReport.fingerprint(h, t, path));
        assertThat(SarifReport.fingerprint(otherStatement, t, path)).isNotEqualTo(SarifReport.fingerprint(h, t, path));
    }

    @Test
    void should_name_files_it_cannot_place_as_they_are() {
        assertThat(SourceFiles.NONE.path("V9__x.sql")).isEqualTo("V9__x.sql");
        assertThat(SarifReport.uri("db/V1__a b.sql")).isEqualTo("db/V1__a%20b.sql");
    }
}
