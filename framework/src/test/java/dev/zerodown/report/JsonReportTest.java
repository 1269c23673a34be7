package dev.zerodown.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zerodown.result.InvariantResult;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.TransitionResult;
import org.junit.jupiter.api.Test;

class JsonReportTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void should_write_the_contract_fields_in_a_stable_order() throws Exception {
        JsonNode json = MAPPER.readTree(JsonReport.toJson(ReportFixtures.unsafe()));

        assertThat(names(json)).containsExactly("schemaVersion", "name", "verdict", "startedAt", "durationMs",
                "postgres", "seed", "baseline", "summary", "transitions", "notRun");
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("baseline").isNull()).as("a result built without its baseline").isTrue();
        assertThat(names(MAPPER.readTree(JsonReport.toJson(ReportFixtures.docsExample())).get("baseline")))
                .containsExactly("steps", "reused", "template", "fromDisk", "prepareMs");
        assertThat(names(json.get("postgres"))).containsExactly("version", "major", "provider");
        JsonNode t = json.get("transitions").get(0);
        assertThat(names(t)).containsExactly("name", "step", "kind", "liveVersions", "canaryVersions", "verdict",
                "startMs", "endMs", "maxLockWaitMs", "samplerMaxGapMs", "sampledWaits", "serverLogWaits", "warnings", "hazards", "requests", "invariants", "timeline");
        assertThat(names(t.get("hazards").get(0))).containsExactly("id", "severity", "relation", "file", "line",
                "statement", "message", "evidence", "recipe", "acknowledged", "reason", "atMs", "predicted");
        assertThat(names(t.get("requests").get("v1"))).containsSubsequence("total", "failed", "failuresBySqlState",
                "p50Ms", "p99Ms", "maxMs", "synthetic");
        assertThat(names(json.get("transitions").get(2).get("invariants").get(0)))
                .containsSubsequence("name", "discrepancies", "sample");
    }

    @Test
    void should_write_a_prediction_whose_fit_reads_back_the_predicted_duration() throws Exception {
        JsonNode hazards = MAPPER.readTree(JsonReport.toJson(ReportFixtures.predicted())).get("transitions").get(0)
                .get("hazards");

        JsonNode p = hazards.get(0).get("predicted");
        assertThat(names(p)).containsExactly("table", "rows", "ms", "limitMs", "fit", "intercept", "slope", "r2",
                "measuredAt");
        assertThat(p.get("limitMs").asDouble()).isEqualTo(100);
        double n = p.get("rows").asDouble();
        double x = "nlogn".equals(p.get("fit").asText()) ? n * Math.log(n) : n;
        assertThat(p.get("intercept").asDouble() + p.get("slope").asDouble() * x)
                .isCloseTo(p.get("ms").asDouble(), org.assertj.core.api.Assertions.within(0.01));
        JsonNode constant = hazards.get(1).get("predicted");
        assertThat(constant.get("fit").asText()).isEqualTo("constant");
        assertThat(constant.get("slope").asDouble()).isZero();
        assertThat(constant.get("intercept").asDouble()).isCloseTo(constant.get("ms").asDouble(),
                org.assertj.core.api.Assertions.within(0.01));
    }

    @Test
    void should_write_contract_values_as_documented() throws Exception {
        JsonNode json = MAPPER.readTree(JsonReport.toJson(ReportFixtures.unsafe()));

        assertThat(json.get("verdict").asText()).isEqualTo("unsafe");
        JsonNode rename = json.get("transitions").get(1);
        assertThat(rename.get("step").asText()).isEqualTo("V3__rename_user_name.sql");
        assertThat(rename.get("kind").asText()).isEqualTo("migrate");
        assertThat(rename.get("requests").get("v1").get("failuresBySqlState").get("42703").asLong()).isEqualTo(612);
        JsonNode deploy = json.get("transitions").get(2);
        assertThat(deploy.get("step").isNull()).isTrue();
        assertThat(deploy.get("kind").asText()).isEqualTo("deploy");
        assertThat(deploy.get("hazards").get(0).get("file").isNull()).isTrue();
        assertThat(json.get("transitions").get(3).get("hazards").get(0).get("reason").asText())
                .startsWith("v1 is retired");
    }

    @Test
    void should_write_the_sampler_gap_and_its_warning_per_transition() throws Exception {
        JsonNode json = MAPPER.readTree(JsonReport.toJson(ReportFixtures.unsafe()));

        JsonNode quiet = json.get("transitions").get(0);
        assertThat(quiet.get("samplerMaxGapMs").isNull()).as("not measured: null").isTrue();
        assertThat(quiet.get("warnings")).isEmpty();
        JsonNode paused = json.get("transitions").get(1);
        assertThat(paused.get("samplerMaxGapMs").asDouble()).isEqualTo(34.2);
        assertThat(paused.get("serverLogWaits").asInt()).isEqualTo(1);
        assertThat(paused.get("warnings").get(0).asText())
                .startsWith("wait figures may be incomplete: the sampler paused 34 ms");
    }

    @Test
    void should_write_the_transitions_that_never_ran_after_the_ones_that_did() throws Exception {
        JsonNode json = MAPPER.readTree(JsonReport.toJson(ReportFixtures.stopped()));

        assertThat(json.get("summary").get("transitions").asInt()).isEqualTo(2);
        assertThat(json.get("summary").get("notRun").asInt()).isEqualTo(2);
        assertThat(json.get("notRun").get(0).toString()).isEqualTo("{\"name\":\"deploy v2 under [v1, v2]\","
                + "\"step\":null,\"kind\":\"deploy\",\"liveVersions\":[\"v1\",\"v2\"],\"canaryVersions\":[],"
                + "\"verdict\":\"not-run\",\"reason\":\"" + ReportFixtures.STOPPED_REASON + "\"}");
        assertThat(json.get("notRun").get(1).get("step").asText()).isEqualTo("V4__drop_legacy_flags.sql");
    }

    @Test
    void should_write_an_empty_not_run_list_when_every_transition_ran() throws Exception {
        JsonNode json = MAPPER.readTree(JsonReport.toJson(ReportFixtures.unsafe()));

        assertThat(json.get("notRun").isArray()).isTrue();
        assertThat(json.get("notRun")).isEmpty();
        assertThat(json.get("summary").get("notRun").asInt()).isZero();
    }

    @Test
    void should_list_versions_in_deploy_order() throws Exception {
        JsonNode json = MAPPER.readTree(JsonReport.toJson(ReportFixtures.unsafe()));

        assertThat(names(json.get("transitions").get(2).get("requests"))).containsExactly("v1", "v2");
    }

    @Test
    void should_write_identical_text_for_an_identical_run() {
        assertThat(JsonReport.toJson(ReportFixtures.unsafe())).isEqualTo(JsonReport.toJson(ReportFixtures.unsafe()));
    }

    @Test
    void should_keep_sample_values_typed_and_write_others_as_text() throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", 7L);
        row.put("ok", true);
        row.put("amount", new BigDecimal("12.50"));
        row.put("token", UUID.fromString("00000000-0000-0000-0000-000000000001"));
        row.put("note", null);
        RunResult run = withInvariant(new InvariantResult("typed", 1, List.of(row), 10));

        JsonNode sample = MAPPER.readTree(JsonReport.toJson(run)).get("transitions").get(0).get("invariants").get(0)
                .get("sample").get(0);

        assertThat(names(sample)).containsExactly("id", "ok", "amount", "token", "note");
        assertThat(sample.get("id").isIntegralNumber()).isTrue();
        assertThat(sample.get("ok").isBoolean()).isTrue();
        assertThat(sample.get("amount").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(sample.get("token").asText()).isEqualTo("00000000-0000-0000-0000-000000000001");
        assertThat(sample.get("note").isNull()).isTrue();
    }

    private static RunResult withInvariant(InvariantResult inv) {
        RunResult run = ReportFixtures.docsExample();
        TransitionResult t = run.transitions().get(0);
        TransitionResult changed = new TransitionResult(t.name(), t.step(), t.kind(), t.liveVersions(),
                t.canaryVersions(), t.verdict(), t.hazards(), t.requests(), List.of(inv), t.startMs(), t.endMs(),
                t.timeline());
        return new RunResult(run.name(), run.postgresVersion(), run.postgresMajor(), run.provider(), run.seed(),
                run.verdict(), List.of(changed), run.startedAt());
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
