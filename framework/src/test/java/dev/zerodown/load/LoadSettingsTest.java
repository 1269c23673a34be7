package dev.zerodown.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerodown.config.ConfigurationException;
import org.junit.jupiter.api.Test;

class LoadSettingsTest {

    @Test
    void should_default_to_four_clients_at_a_moderate_open_loop_rate() {
        LoadSettings d = LoadSettings.defaults();

        assertThat(d).isEqualTo(new LoadSettings(4, 200, 42));
        assertThat(d.openLoop()).isTrue();
        assertThat(d.withRate(0).openLoop()).isFalse();
    }

    @Test
    void should_name_the_setting_and_the_accepted_range_for_bad_clients() {
        assertThatThrownBy(() -> LoadSettings.defaults().withClients(0))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Setting 'clients' has value 0; use a whole number from 1 to 64 (clients per live version)");
    }

    @Test
    void should_name_the_setting_and_the_accepted_range_for_a_bad_rate() {
        assertThatThrownBy(() -> LoadSettings.defaults().withRate(-1))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Setting 'rate' has value -1.0; use requests per second per live version from 0 to 1000000"
                        + " (0 = closed loop)");
    }
}
