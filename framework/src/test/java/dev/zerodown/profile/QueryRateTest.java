package dev.zerodown.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The query mix's calls per second from profile.json, and a reason whenever the profile cannot tell. */
class QueryRateTest {
    private static ProductionProfile profile(String queries, String queryStats) {
        return ProductionProfile.parse("""
                {"profileVersion": 1, "serverVersion": "17.6", "capturedAt": "2026-12-04T18:56:51Z", "tables": [],
                 "queries": %s %s}""".formatted(queries, queryStats == null ? "" : ", \"queryStats\": " + queryStats), "test");
    }

    private static final String MIX = """
            [{"query": "select 1 from t where id = $1", "calls": 54000, "meanMs": 0.1, "rows": 54000},
             {"query": "update t set a = $1 where id = $2", "calls": 18000, "meanMs": 0.2, "rows": 18000}]""";

    @Test
    void should_divide_the_captured_calls_by_the_seconds_pg_stat_statements_counted_them() {
        QueryRate r = profile(MIX, """
                {"since": "2026-12-04T08:56:51Z", "seconds": 3600, "deallocations": 0}""").queryRate();

        assertThat(r.value()).hasValue(72_000 / 3600.0);
        assertThat(r.explanation()).isEqualTo("72,000 calls of 2 statements in 1h 00m (pg_stat_statements since"
                + " 2026-12-04T08:56:51Z, captured 2026-12-04T18:56:51Z)");
    }

    @Test
    void should_call_the_rate_a_lower_bound_when_statements_were_evicted() {
        QueryRate r = profile(MIX, """
                {"since": "2026-12-04T08:56:51Z", "seconds": 7200, "deallocations": 3}""").queryRate();

        assertThat(r.value()).hasValue(10.0);
        assertThat(r.explanation()).endsWith("; pg_stat_statements evicted its least-called statements 3 times since,"
                + " so this is a lower bound");
    }

    @Test
    void should_say_why_when_the_profile_cannot_tell() {
        assertThat(profile("[]", null).queryRate().explanation())
                .isEqualTo("the profile has no query mix (no pg_stat_statements where it was captured)");
        assertThat(profile(MIX, null).queryRate().explanation()).startsWith("the profile does not say since when its 2"
                + " statements' calls were counted (no queryStats: captured from PostgreSQL 13");
        QueryRate young = profile(MIX, """
                {"since": "2026-12-04T18:56:21Z", "seconds": 30, "deallocations": 0}""").queryRate();
        assertThat(young.value()).isEmpty();
        assertThat(young.explanation()).isEqualTo("pg_stat_statements counted its calls for only 30 s before the capture"
                + " (reset at 2026-12-04T18:56:21Z), under the 60 s a rate needs");
    }
}
