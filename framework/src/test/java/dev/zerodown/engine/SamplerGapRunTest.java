package dev.zerodown.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import dev.zerodown.engine.apps.Customers;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.judge.TransitionJudge;
import dev.zerodown.plan.Rollout;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.Timeline;
import dev.zerodown.result.TransitionResult;
import org.junit.jupiter.api.Test;

/** A transition's sampler gap and the waits the server's log saw, on real PostgreSQL under real traffic. */
class SamplerGapRunTest {
    @Test
    void should_report_the_sampler_gap_and_the_logged_waits_of_a_transition_with_a_blocking_wait() {
        // given a step stuck about 1.5 s behind a long transaction, v1's reads queued behind it
        Rollout rollout = Rollout.startWith("v1", Customers.V1::new)
                .longTransaction("customers", Duration.ofMillis(1500))
                .migrate("V2");

        // when
        RunResult r = CompatibilityRunTest.run("long-tx", rollout, List.of());

        // then the gap is measured, and much shorter than the wait the sampler had to see
        TransitionResult t = r.transitions().get(0);
        long longest = t.timeline().lockWaits().stream().mapToLong(Timeline.LockWait::durationMs).max().orElse(0);
        System.out.printf("samplerMaxGapMs %.2f, sampledWaits %d, serverLogWaits %d, longest wait %d ms, warnings %s%n",
                t.samplerMaxGapMs(), t.sampledWaits(), t.serverLogWaits(), longest, t.warnings());
        assertThat(t.hazards(HazardId.BLOCKED_REQUESTS)).isNotEmpty();
        assertThat(longest).isGreaterThanOrEqualTo(1000);
        assertThat(t.samplerMaxGapMs()).isFinite().isPositive().isLessThan(longest / 4.0);
        assertThat(t.sampledWaits()).isPositive();
        assertThat(t.sampledWaits() + t.serverLogWaits()).isEqualTo(t.timeline().lockWaits().size());
        assertThat(t.warnings()).isEqualTo(TransitionJudge.samplerWarnings(t.samplerMaxGapMs(), true, t.serverLogWaits()));
    }
}
