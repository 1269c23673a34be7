package dev.zerodown.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.load.SyntheticMix;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.hazards.Severity;
import dev.zerodown.postgres.ProviderKind;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void should_have_the_contract_defaults() {
        Settings s = Settings.defaults();
        assertThat(s.provider()).isEqualTo(ProviderKind.EMBEDDED);
        assertThat(s.postgresVersions()).containsExactly(17);
        assertThat(s.clients()).isEqualTo(4);
        assertThat(s.soak()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.sampleInterval()).isEqualTo(Duration.ofMillis(5));
        assertThat(s.maxLockWait()).isEqualTo(Duration.ofMillis(100));
        assertThat(s.batchRows()).isEqualTo(10_000);
        assertThat(s.stepTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.lockTimeout()).isNull();
        assertThat(s.failOn()).isEqualTo(FailOn.ERROR);
        assertThat(s.reportDirectory()).isEqualTo("target/zerodown");
        assertThat(s.severity(HazardId.STRONG_LOCK)).isEqualTo(Severity.WARNING);
        assertThat(s.severity(HazardId.TABLE_REWRITE)).isEqualTo(Severity.ERROR);
    }

    @Test
    void should_parse_every_setting_by_its_contract_name() {
        Settings s = Settings.defaults().with(Map.of(
                "postgresVersions", "13, 18", "soak", "250ms", "lockTimeout", "2s", "severities",
                "strong-lock=error,destructive=off", "placeholders", "schema=app,owner=admin", "rate", "0",
                "mixed", "true", "migrations", "filesystem:db/a, classpath:db/b"));
        assertThat(s.postgresVersions()).containsExactly(13, 18);
        assertThat(s.soak()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.lockTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.severity(HazardId.STRONG_LOCK)).isEqualTo(Severity.ERROR);
        assertThat(s.severity(HazardId.DESTRUCTIVE)).isEqualTo(Severity.OFF);
        assertThat(s.placeholders()).containsEntry("schema", "app").containsEntry("owner", "admin");
        assertThat(s.rate()).isZero();
        assertThat(s.mixed()).isTrue();
        assertThat(s.migrations()).containsExactly("filesystem:db/a", "classpath:db/b");
    }

    @Test
    void should_let_explicit_values_beat_system_properties() {
        Properties p = new Properties();
        p.setProperty("zerodown.clients", "8");
        p.setProperty("zerodown.soak", "3s");
        Settings s = Settings.defaults().withProperties(p).with(Map.of("clients", "2"));
        assertThat(s.clients()).isEqualTo(2);
        assertThat(s.soak()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void should_name_the_setting_and_the_accepted_values_on_bad_input() {
        assertThatThrownBy(() -> Settings.defaults().with("postgresVersions", "9"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("setting `postgresVersions` (property zerodown.postgresVersions): `9` is not a list of supported majors (9 is not supported); write 13");
        assertThatThrownBy(() -> Settings.defaults().with("provider", "docker"))
                .hasMessage("setting `provider` (property zerodown.provider): `docker` is not a provider; write embedded, testcontainers, external, auto");
        assertThatThrownBy(() -> Settings.defaults().with("soak", "1 minute"))
                .hasMessage("setting `soak` (property zerodown.soak): `1 minute` is not a duration; write a whole number with a"
                        + " unit ms, s, m or h, such as 500ms, 2s or 1m");
        assertThatThrownBy(() -> Settings.defaults().with("severities", "table-rewrites=off"))
                .hasMessageStartingWith("setting `severities` (property zerodown.severities): `table-rewrites` is not a hazard id;"
                        + " write one of failed-requests,");
        assertThatThrownBy(() -> Settings.defaults().with("clients", "0"))
                .hasMessage("setting `clients` (property zerodown.clients): `0` is not a whole number from 1 to 1000; write digits"
                        + " only, such as 1");
        assertThatThrownBy(() -> Settings.defaults().with("colour", "blue"))
                .hasMessageStartingWith("Unknown setting 'colour'; accepted: allowExternal, appRole, batchRows,");
        assertThatThrownBy(() -> Settings.defaults().with("syntheticMix", "70/30"))
                .hasMessage("setting `syntheticMix` (property zerodown.syntheticMix): `70/30` is not a mix; write four"
                        + " whole numbers read/update/insert/delete, such as 70/20/7/3");
        assertThatThrownBy(() -> Settings.defaults().with("syntheticMix", "0/0/0/0"))
                .hasMessage("Synthetic mix 0/0/0/0 has no weight; write four whole numbers read/update/insert/delete,"
                        + " such as 70/20/7/3");
        assertThatThrownBy(() -> Settings.defaults().with("appRole", "old=app:secret,old=other"))
                .hasMessage("setting `appRole` (property zerodown.appRole): `old=app:***,old=other` is not valid (version"
                        + " `old` is named twice); write role, role:password or version=role, such as app or"
                        + " old=app_v1,new=app_v2");
        assertThatThrownBy(() -> Settings.defaults().with("appRole", "app,other"))
                .hasMessageContaining("(it names two roles for every version)");
    }

    @Test
    void should_give_each_version_its_role_and_keep_passwords_out_of_text() {
        Settings s = Settings.defaults().with("appRole", "app:s3cret,new=app_v2");

        assertThat(s.appRole().roleOf("old")).isEqualTo("app");
        assertThat(s.appRole().roleOf("new")).isEqualTo("app_v2");
        assertThat(s.appRole().toString()).isEqualTo("app:***,new=app_v2").doesNotContain("s3cret");
        assertThat(Settings.defaults().appRole().roleOf("old")).isNull();
        assertThat(s.with("syntheticMix", "1 / 0 / 0 / 0").syntheticMix()).isEqualTo(new SyntheticMix(1, 0, 0, 0));
    }

    @Test
    void should_parse_the_profile_scale_and_its_cap() {
        Settings s = Settings.defaults().with("profile", "prod.json").with("scale", "0.25").with("maxSeedRows", "5000");

        assertThat(s.profile()).isEqualTo("prod.json");
        assertThat(s.scale().fraction()).isEqualTo(0.25);
        assertThat(s.maxSeedRows()).isEqualTo(5000);
        assertThat(Settings.defaults().scale()).isEqualTo(dev.zerodown.profile.Scale.AUTO);
        assertThat(Settings.defaults().profile()).isEqualTo("src/test/zerodown/profile.json");
        assertThat(Settings.defaults().maxSeedRows()).isEqualTo(100_000);
        assertThatThrownBy(() -> Settings.defaults().with("scale", "half"))
                .hasMessage("setting `scale` (property zerodown.scale): `half` is not a scale; write auto or a fraction of"
                        + " the profile's rows above 0, such as 0.01 or 1");
    }

    @Test
    void should_let_an_explicit_setting_win_over_the_preset_and_the_preset_over_the_default() {
        Settings nightly = Settings.defaults().with(java.util.Map.of("preset", "nightly", "clients", "3"));

        assertThat(nightly.preset()).isEqualTo(Preset.NIGHTLY);
        assertThat(nightly.soak()).isEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(nightly.scale().fraction()).isEqualTo(1.0);
        assertThat(nightly.clients()).isEqualTo(3);
        assertThat(Settings.defaults().with("soak", "5s").with("preset", "nightly").soak())
                .isEqualTo(java.time.Duration.ofSeconds(5));
        java.util.Properties props = new java.util.Properties();
        props.setProperty("zerodown.soak", "2s");
        props.setProperty("zerodown.preset", "nightly");
        assertThat(Settings.defaults().withProperties(props).soak()).isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(Settings.defaults().withProperties(props).clients()).isEqualTo(8);
        assertThatThrownBy(() -> Settings.defaults().with("preset", "weekly"))
                .hasMessage("setting `preset` (property zerodown.preset): `weekly` is not a preset; write none, nightly");
    }

    @Test
    void should_make_the_nightly_preset_production_like_and_keep_every_value_overridable() {
        Settings nightly = Settings.defaults().with("preset", "nightly");

        assertThat(nightly.maxSeedRows()).isEqualTo(100_000_000L);
        assertThat(nightly.rate()).isEqualTo(Settings.RATE_FROM_PROFILE);
        assertThat(nightly.dataDirectory()).isEqualTo("disk");
        assertThat(nightly.longTransaction()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(nightly.effective()).containsEntry("rate", "profile").containsEntry("dataDirectory", "disk")
                .containsEntry("longTransaction", "5s").containsEntry("maxSeedRows", "100000000");
        Settings overridden = Settings.defaults().with(java.util.Map.of("preset", "nightly", "rate", "50",
                "dataDirectory", "memory", "longTransaction", "0", "maxSeedRows", "1000"));
        assertThat(overridden.rate()).isEqualTo(50.0);
        assertThat(overridden.dataDirectory()).isEqualTo("memory");
        assertThat(overridden.longTransaction()).isZero();
        assertThat(overridden.maxSeedRows()).isEqualTo(1000L);
        java.util.Properties props = new java.util.Properties();
        props.setProperty("zerodown.longTransaction", "0");
        props.setProperty("zerodown.dataDirectory", "/var/tmp/zd");
        Settings propertyThenAnnotation = Settings.defaults().withProperties(props).with(java.util.Map.of("preset", "nightly"));
        assertThat(propertyThenAnnotation.longTransaction()).as("0 turns the preset's reader off from another layer").isZero();
        assertThat(propertyThenAnnotation.dataDirectory()).isEqualTo("/var/tmp/zd");
        assertThat(Settings.defaults().with("rate", "Profile").rate()).isEqualTo(Settings.RATE_FROM_PROFILE);
        assertThatThrownBy(() -> Settings.defaults().with("rate", "fast")).hasMessage("setting `rate` (property"
                + " zerodown.rate): `fast` is not a number of at least 0; write requests per second, such as 200"
                + " (0 = closed loop), or profile");
        assertThatThrownBy(() -> Settings.defaults().with("longTransaction", "5")).hasMessageStartingWith(
                "setting `longTransaction` (property zerodown.longTransaction): `5` is not a duration");
    }

    @Test
    void should_show_the_effective_settings_with_passwords_redacted() {
        Settings s = Settings.defaults().with(java.util.Map.of("jdbcUrl", "jdbc:postgresql://h/db?user=u&password=pw",
                "appRole", "app:secret", "history", "/nightly/history"));

        java.util.Map<String, String> shown = s.effective();

        assertThat(shown.keySet()).containsExactlyElementsOf(Settings.NAMES);
        assertThat(shown).containsEntry("soak", "1s").containsEntry("clients", "4").containsEntry("rate", "200")
                .containsEntry("postgresVersions", "17").containsEntry("provider", "embedded")
                .containsEntry("history", "/nightly/history").containsEntry("preset", "none")
                .containsEntry("jdbcUrl", "jdbc:postgresql://h/db?user=u&password=***");
        assertThat(shown.get("appRole")).doesNotContain("secret");
        assertThat(shown.toString()).doesNotContain("pw", "secret");
    }

    @Test
    void should_list_each_setting_once() {
        assertThat(Settings.NAMES).doesNotHaveDuplicates().contains("provider", "postgresVersions", "failOn");
        List<String> components = java.util.Arrays.stream(Settings.class.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName).toList();
        assertThat(Settings.NAMES).containsExactlyElementsOf(components);
    }
}
