package dev.zerodown.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.hazards.Severity;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.Timeline;
import dev.zerodown.result.TransitionKind;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.Verdict;
import dev.zerodown.settings.FailOn;
import org.junit.jupiter.api.Test;

class BuildVerdictTest {

    @Test
    void should_fail_an_unsafe_run_listing_its_error_hazards() {
        RunResult unsafe = run(Verdict.UNSAFE, hazard(HazardId.NON_CONCURRENT_INDEX, Severity.ERROR));

        assertThat(BuildVerdict.failure(List.of(unsafe), FailOn.ERROR)).hasValueSatisfying(m -> assertThat(m)
                .contains("shop is unsafe on PostgreSQL 17.11")
                .contains("non-concurrent-index at V2__index.sql:3"));
    }

    @Test
    void should_pass_a_safe_run_with_warnings_when_failing_on_errors() {
        RunResult safe = run(Verdict.SAFE, hazard(HazardId.STRONG_LOCK, Severity.WARNING));

        assertThat(BuildVerdict.failure(List.of(safe), FailOn.ERROR)).isEmpty();
    }

    @Test
    void should_fail_a_safe_run_with_a_warning_when_failing_on_warnings() {
        RunResult safe = run(Verdict.SAFE, hazard(HazardId.STRONG_LOCK, Severity.WARNING));

        assertThat(BuildVerdict.failure(List.of(safe), FailOn.WARNING)).hasValueSatisfying(m -> assertThat(m)
                .startsWith("Zerodown: shop is safe on PostgreSQL 17.11 but has 1 warning-level hazard, and failOn=warning:")
                .contains("V2__index under [old]: strong-lock at V2__index.sql:3: took a strong lock"));
    }

    @Test
    void should_ignore_acknowledged_warnings_when_failing_on_warnings() {
        RunResult safe = run(Verdict.SAFE, hazard(HazardId.STRONG_LOCK, Severity.WARNING).acknowledge("brief"));

        assertThat(BuildVerdict.failure(List.of(safe), FailOn.WARNING)).isEmpty();
    }

    @Test
    void should_never_fail_when_failing_on_nothing() {
        RunResult unsafe = run(Verdict.UNSAFE, hazard(HazardId.FAILED_REQUESTS, Severity.ERROR));

        assertThat(BuildVerdict.failure(List.of(unsafe), FailOn.NEVER)).isEmpty();
    }

    @Test
    void should_list_every_unsafe_major() {
        RunResult unsafe = run(Verdict.UNSAFE, hazard(HazardId.FAILED_REQUESTS, Severity.ERROR));

        assertThat(BuildVerdict.failure(List.of(unsafe, unsafe), FailOn.ERROR))
                .hasValueSatisfying(m -> assertThat(m.split("is unsafe on PostgreSQL", -1)).hasSize(3));
    }

    private static Hazard hazard(HazardId id, Severity severity) {
        return new Hazard(id, severity, "public.orders", "V2__index.sql", 3, "create index i on orders (ref)",
                "took a strong lock", "ShareLock held 420 ms", "use CONCURRENTLY", false, null, 10);
    }

    private static RunResult run(Verdict verdict, Hazard hazard) {
        TransitionResult t = new TransitionResult("V2__index under [old]", "V2__index.sql", TransitionKind.MIGRATE,
                List.of("old"), List.of(), verdict, List.of(hazard), Map.of(), List.of(), 0, 500, Timeline.empty());
        return new RunResult("shop", "17.11", 17, "embedded", 42, verdict, List.of(t), Instant.EPOCH);
    }
}
