package dev.zerodown.hazards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerodown.config.ConfigurationException;
import org.junit.jupiter.api.Test;

class SeveritiesTest {

    @Test
    void should_use_the_default_of_each_id() {
        Severities s = Severities.defaults();

        assertThat(s.of(HazardId.TABLE_REWRITE)).isEqualTo(Severity.ERROR);
        assertThat(s.of(HazardId.STRONG_LOCK)).isEqualTo(Severity.WARNING);
        assertThat(s.of(HazardId.DESTRUCTIVE)).isEqualTo(Severity.WARNING);
        assertThat(s.of(HazardId.LOCK_HELD_ACROSS_STATEMENTS)).isEqualTo(Severity.WARNING);
    }

    @Test
    void should_parse_id_level_pairs_with_spaces_and_any_case() {
        Severities s = Severities.parse(" strong-lock = ERROR , destructive=off,");

        assertThat(s.of(HazardId.STRONG_LOCK)).isEqualTo(Severity.ERROR);
        assertThat(s.of(HazardId.DESTRUCTIVE)).isEqualTo(Severity.OFF);
        assertThat(s.of(HazardId.TABLE_REWRITE)).isEqualTo(Severity.ERROR);
        assertThat(s).hasToString("strong-lock=error,destructive=off");
    }

    @Test
    void should_treat_blank_as_defaults() {
        assertThat(Severities.parse("  ")).isEqualTo(Severities.defaults());
        assertThat(Severities.parse(null)).isEqualTo(Severities.defaults());
    }

    @Test
    void should_reject_an_unknown_id_listing_the_accepted_ones() {
        assertThatThrownBy(() -> Severities.parse("table-rewrites=off"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("setting `severities` (property zerodown.severities): `table-rewrites` is not a hazard id; write one of "
                        + HazardId.accepted());
    }

    @Test
    void should_reject_an_unknown_level() {
        assertThatThrownBy(() -> Severities.parse("strong-lock=fatal"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("setting `severities` (property zerodown.severities): `fatal` is not a severity; write error, warning or off");
    }

    @Test
    void should_reject_an_entry_without_a_level() {
        assertThatThrownBy(() -> Severities.parse("strong-lock"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is not a list of id=level entries (`strong-lock` has no =)");
    }

    @Test
    void should_reject_an_id_listed_twice() {
        assertThatThrownBy(() -> Severities.parse("strong-lock=off,strong-lock=error"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("setting `severities` (property zerodown.severities): `strong-lock=off,strong-lock=error` is not a list"
                        + " of distinct hazard ids (`strong-lock` is listed twice); write one entry per hazard id");
    }

    @Test
    void should_return_a_new_instance_from_with() {
        Severities base = Severities.defaults();
        Severities changed = base.with(HazardId.DESTRUCTIVE, Severity.ERROR);

        assertThat(base.of(HazardId.DESTRUCTIVE)).isEqualTo(Severity.WARNING);
        assertThat(changed.of(HazardId.DESTRUCTIVE)).isEqualTo(Severity.ERROR);
    }

    @Test
    void should_keep_the_measured_level_unless_one_is_configured() {
        Severities s = Severities.parse("table-rewrite=warning");

        assertThat(s.effective(HazardId.TABLE_REWRITE, Severity.ERROR)).isEqualTo(Severity.WARNING);
        assertThat(s.effective(HazardId.LOCK_HELD_ACROSS_STATEMENTS, Severity.ERROR)).isEqualTo(Severity.ERROR);
    }

    @Test
    void should_let_an_explicit_level_override_an_escalation() {
        Severities s = Severities.parse("lock-held-across-statements=off");

        assertThat(s.effective(HazardId.LOCK_HELD_ACROSS_STATEMENTS, Severity.ERROR)).isEqualTo(Severity.OFF);
        assertThat(s.configured(HazardId.LOCK_HELD_ACROSS_STATEMENTS)).isTrue();
        assertThat(s.configured(HazardId.STRONG_LOCK)).isFalse();
    }

    @Test
    void should_have_a_recipe_for_every_id() {
        for (HazardId id : HazardId.values()) {
            assertThat(Recipes.of(id)).as(id.id()).isNotBlank().endsWith(".");
        }
    }

}
