package dev.zerodown.hazards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.result.Hazard;
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
                .hasMessage("Setting 'severities' names unknown hazard id 'table-rewrites'; accepted: " + HazardId.accepted());
    }

    @Test
    void should_reject_an_unknown_level() {
        assertThatThrownBy(() -> Severities.parse("strong-lock=fatal"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Setting 'severities' has unknown severity 'fatal'; accepted: error, warning, off");
    }

    @Test
    void should_reject_an_entry_without_a_level() {
        assertThatThrownBy(() -> Severities.parse("strong-lock"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Setting 'severities' has entry 'strong-lock', which is not id=level");
    }

    @Test
    void should_reject_an_id_listed_twice() {
        assertThatThrownBy(() -> Severities.parse("strong-lock=off,strong-lock=error"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Setting 'severities' lists 'strong-lock' twice; keep one entry per hazard id");
    }

    @Test
    void should_return_a_new_instance_from_with() {
        Severities base = Severities.defaults();
        Severities changed = base.with(HazardId.DESTRUCTIVE, Severity.ERROR);

        assertThat(base.of(HazardId.DESTRUCTIVE)).isEqualTo(Severity.WARNING);
        assertThat(changed.of(HazardId.DESTRUCTIVE)).isEqualTo(Severity.ERROR);
    }


    @Test
    void should_have_a_recipe_for_every_id() {
        for (HazardId id : HazardId.values()) {
            assertThat(Recipes.of(id)).as(id.id()).isNotBlank().endsWith(".");
        }
    }

    private static Hazard hazard(HazardId id, Severity s) {
        return new Hazard(id, s, "public.users", "V2__x.sql", 1, "alter table users", "m", "e", Recipes.of(id), false, null, 0);
    }
}
