package dev.zerodown.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Every setting is described once ({@link Setting}): the names, parsing and defaults of {@link Settings}
 * come from there, and docs/configuration.md's cross-reference table is generated from there. A test
 * fails when the docs and the descriptions disagree; refresh with
 * {@code mvn test -pl framework -Dtest=SettingsDocsTest -Dzerodown.updateDocs=true}.
 */
class SettingsDocsTest {
    private static final Path DOC = dev.zerodown.report.ProjectRoot.find().resolve("docs/configuration.md");
    private static final String START = "<!-- generated: settings (SettingsDocsTest; refresh with mvn test -pl framework"
            + " -Dtest=SettingsDocsTest -Dzerodown.updateDocs=true) -->\n";
    private static final String END = "<!-- end: settings -->\n";

    static String table() {
        StringBuilder b = new StringBuilder("| setting | annotation attribute | system property | plugin parameter"
                + " | CLI option | default | meaning |\n|---|---|---|---|---|---|---|\n");
        for (Setting<?> s : Setting.all()) {
            b.append("| ").append(s.name()).append(" | ").append(s.annotationText()).append(" | `").append(s.property())
                    .append("` | `").append(s.name()).append("` | `--").append(s.name()).append("` | ")
                    .append(s.defaultText()).append(" | ").append(s.doc()).append(" |\n");
        }
        return b.toString();
    }

    @Test
    void should_generate_the_configuration_table_from_the_descriptions() throws IOException {
        String doc = Files.readString(DOC);
        int start = doc.indexOf(START);
        int end = doc.indexOf(END);
        assertThat(start).as("generated block in %s", DOC).isNotNegative();
        String expected = table();
        if (Boolean.getBoolean("zerodown.updateDocs")) {
            Files.writeString(DOC, doc.substring(0, start + START.length()) + expected + doc.substring(end));
            return;
        }
        assertThat(doc.substring(start + START.length(), end))
                .as("docs/configuration.md's table is out of date; refresh it with mvn test -pl framework"
                        + " -Dtest=SettingsDocsTest -Dzerodown.updateDocs=true")
                .isEqualTo(expected);
    }

    @Test
    void should_derive_the_names_and_the_defaults_from_the_descriptions() {
        assertThat(Settings.NAMES).containsExactlyElementsOf(Setting.all().stream().map(Setting::name).toList());
        Settings defaults = Settings.defaults();
        for (Setting<?> s : Setting.all()) {
            assertThat(defaults.value(s.name())).as(s.name()).isEqualTo(s.defaultValue());
        }
    }

    @Test
    void should_set_a_typed_value_beside_the_string_form() {
        Settings typed = Settings.defaults().with(Setting.SOAK, Duration.ofMillis(500)).with(Setting.CLIENTS, 2);
        Settings text = Settings.defaults().with("soak", "500ms").with("clients", "2");

        assertThat(typed).isEqualTo(text);
        assertThat(typed.soak()).isEqualTo(Duration.ofMillis(500));
        assertThat(typed.clients()).isEqualTo(2);
    }

    @Test
    void should_apply_a_typed_preset_as_the_string_form_does() {
        assertThat(Settings.defaults().with(Setting.PRESET, Preset.NIGHTLY))
                .isEqualTo(Settings.defaults().with("preset", "nightly"));
    }

    @Test
    void should_accept_every_setting_through_the_same_door_names() {
        for (Setting<?> s : Setting.all()) {
            assertThat(s.property()).isEqualTo("zerodown." + s.name());
            assertThat(s.doors()).contains(Setting.Door.PROPERTY, Setting.Door.PLUGIN, Setting.Door.CLI);
        }
    }
}
