package dev.zerodown.judge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SamplerGapWarningTest {
    @Test
    void should_not_warn_up_to_20_ms_without_a_sample() {
        assertThat(TransitionJudge.samplerWarnings(0)).isEmpty();
        assertThat(TransitionJudge.samplerWarnings(5.3)).isEmpty();
        assertThat(TransitionJudge.samplerWarnings(20.0)).isEmpty();
        assertThat(TransitionJudge.samplerWarnings(Double.NaN)).as("not measured").isEmpty();
    }

    @Test
    void should_warn_that_the_wait_figures_may_be_incomplete_beyond_20_ms() {
        assertThat(TransitionJudge.samplerWarnings(20.6)).singleElement().asString()
                .startsWith("wait figures may be incomplete: the sampler paused 21 ms");
        assertThat(TransitionJudge.samplerWarnings(330.4)).singleElement().asString()
                .startsWith("wait figures may be incomplete: the sampler paused 330 ms (more than 20 ms without a sample");
    }

    @Test
    void should_say_when_the_server_log_filled_the_gap() {
        assertThat(TransitionJudge.samplerWarnings(120, true, 2)).singleElement().asString()
                .startsWith("wait figures may be incomplete: the sampler paused 120 ms")
                .contains("the server's log of lock waits filled the gap for waits of 10 ms or more (2 waits seen only there)");
    }
}
