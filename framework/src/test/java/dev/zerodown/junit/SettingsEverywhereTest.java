package dev.zerodown.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import dev.zerodown.settings.Settings;
import org.junit.jupiter.api.Test;

/**
 * Pins that every setting reaches the annotation, the JUnit mapping and both tables of docs/configuration.md
 * (the plugin side is pinned by the plugin's CheckMojoParametersTest).
 */
class SettingsEverywhereTest {
    /** Settings the annotation does not offer (JUnit has its own way, Java rollout and @Invariant, or no use), from their descriptions. */
    private static final List<String> NOT_ON_THE_ANNOTATION = dev.zerodown.settings.Setting.all().stream()
            .filter(s -> !s.doors().contains(dev.zerodown.settings.Setting.Door.ANNOTATION))
            .map(dev.zerodown.settings.Setting::name).toList();

    @Test
    void should_offer_every_setting_as_an_annotation_attribute_mapped_under_its_name() throws Exception {
        List<String> expected = new ArrayList<>(Settings.NAMES);
        expected.removeAll(NOT_ON_THE_ANNOTATION);
        List<String> attributes = Arrays.stream(MigrationCompatibility.class.getDeclaredMethods())
                .map(Method::getName).toList();

        assertThat(attributes).containsAll(expected);

        MigrationCompatibility everything = (MigrationCompatibility) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {MigrationCompatibility.class},
                (proxy, method, args) -> method.getReturnType() == String[].class
                        ? new String[] {"value-of-" + method.getName()} : "value-of-" + method.getName());
        Method attributesOf = ClassRun.class.getDeclaredMethod("attributes", MigrationCompatibility.class);
        attributesOf.setAccessible(true);
        @SuppressWarnings("unchecked")
        Map<String, String> mapped = (Map<String, String>) attributesOf.invoke(null, everything);

        assertThat(mapped.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        mapped.forEach((name, value) -> assertThat(value).as(name).isEqualTo("value-of-" + name));
    }

    @Test
    void should_document_every_setting_in_both_tables_of_the_configuration_reference() throws Exception {
        String doc = Files.readString(Path.of("../docs/configuration.md"));

        for (String name : Settings.NAMES) {
            assertThat(doc).as("row of %s in its section", name).contains("| `" + name + "` |");
            assertThat(doc).as("row of %s at a glance", name).contains("\n| " + name + " | ");
        }
    }
}
