package dev.zerodown.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import dev.zerodown.settings.Settings;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Pins the contract: one parameter per setting, same name, property zerodown.&lt;name&gt;, documented. */
class CheckMojoParametersTest {

    @Test
    void should_offer_every_setting_as_a_documented_parameter_with_its_user_property() throws Exception {
        Map<String, Element> parameters = descriptorParameters();
        Map<String, String> expressions = descriptorExpressions();

        List<String> names = new ArrayList<>(Settings.NAMES);
        names.add("skip");
        for (String name : names) {
            assertThat(parameters).as("parameter %s", name).containsKey(name);
            assertThat(expressions.get(name)).as("property of %s", name).isEqualTo("${zerodown." + name + "}");
            String description = text(parameters.get(name), "description");
            assertThat(description).as("javadoc of %s", name).isNotBlank().contains("Default");
        }
    }

    @Test
    void should_pass_every_setting_to_the_engine_under_its_contract_name() throws Exception {
        CheckMojo mojo = new CheckMojo();
        for (String name : Settings.NAMES) {
            Field f = CheckMojo.class.getDeclaredField(name);
            f.setAccessible(true);
            f.set(mojo, "value-of-" + name);
        }
        Method parameters = CheckMojo.class.getDeclaredMethod("parameters");
        parameters.setAccessible(true);

        @SuppressWarnings("unchecked")
        Map<String, String> given = (Map<String, String>) parameters.invoke(mojo);

        assertThat(given.keySet()).containsExactlyInAnyOrderElementsOf(Settings.NAMES);
        given.forEach((name, value) -> assertThat(value).isEqualTo("value-of-" + name));
    }

    @Test
    void should_leave_unset_parameters_to_the_defaults() throws Exception {
        Method parameters = CheckMojo.class.getDeclaredMethod("parameters");
        parameters.setAccessible(true);

        assertThat((Map<?, ?>) parameters.invoke(new CheckMojo())).isEmpty();
    }

    private static Document descriptor() throws Exception {
        Path xml = Path.of("target/classes/META-INF/maven/plugin.xml");
        assertThat(xml).as("the generated plugin descriptor").exists();
        try (var in = Files.newInputStream(xml)) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    private static Element checkMojo() throws Exception {
        NodeList mojos = descriptor().getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            if ("check".equals(text(mojo, "goal"))) {
                return mojo;
            }
        }
        throw new AssertionError("no check goal in plugin.xml");
    }

    private static Map<String, Element> descriptorParameters() throws Exception {
        Map<String, Element> out = new HashMap<>();
        NodeList list = ((Element) checkMojo().getElementsByTagName("parameters").item(0))
                .getElementsByTagName("parameter");
        for (int i = 0; i < list.getLength(); i++) {
            Element p = (Element) list.item(i);
            out.put(text(p, "name"), p);
        }
        return out;
    }

    private static Map<String, String> descriptorExpressions() throws Exception {
        Map<String, String> out = new HashMap<>();
        NodeList config = ((Element) checkMojo().getElementsByTagName("configuration").item(0)).getChildNodes();
        for (int i = 0; i < config.getLength(); i++) {
            if (config.item(i) instanceof Element e) {
                out.put(e.getTagName(), e.getTextContent().trim());
            }
        }
        return out;
    }

    private static String text(Element parent, String tag) {
        NodeList l = parent.getElementsByTagName(tag);
        return l.getLength() == 0 ? null : l.item(0).getTextContent().trim();
    }
}
