package dev.zerodown.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class JUnitXmlReportTest {
    @Test
    void should_write_one_suite_with_a_testcase_per_transition() throws Exception {
        Document doc = parse(JUnitXmlReport.render(ReportFixtures.unsafe()));

        Element suite = doc.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo("zerodown.UsersRolloutTest.pg17");
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("3");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        assertThat(suite.getAttribute("time")).isEqualTo("10.500");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(4);
        Element first = (Element) cases.item(0);
        assertThat(first.getAttribute("name")).isEqualTo("V2__index_users_email under [v1]");
        assertThat(first.getAttribute("classname")).isEqualTo("zerodown.UsersRolloutTest.pg17");
        assertThat(first.getAttribute("time")).isEqualTo("3.200");
    }

    @Test
    void should_fail_unsafe_transitions_with_their_error_level_hazards() throws Exception {
        Document doc = parse(JUnitXmlReport.render(ReportFixtures.unsafe()));

        Element rename = (Element) doc.getElementsByTagName("testcase").item(1);
        Element failure = (Element) rename.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("unsafe: backward-incompatible, failed-requests");
        assertThat(failure.getAttribute("type")).isEqualTo("zerodown.unsafe");
        assertThat(failure.getTextContent())
                .contains("backward-incompatible at V3__rename_user_name.sql:1 on public.users")
                .contains("statement: alter table users rename column user_name to full_name")
                .contains("safe recipe: Do not rename in place")
                .doesNotContain("strong-lock");
        assertThat(rename.getElementsByTagName("system-out").item(0).getTextContent())
                .contains("warning strong-lock at V3__rename_user_name.sql:1");
    }

    @Test
    void should_pass_safe_transitions() throws Exception {
        Document doc = parse(JUnitXmlReport.render(ReportFixtures.safe()));

        assertThat(doc.getElementsByTagName("failure").getLength()).isZero();
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("0");
    }

    @Test
    void should_stay_well_formed_with_hostile_text_and_control_characters() throws Exception {
        var run = ReportFixtures.hostile();
        var renamed = new dev.zerodown.result.RunResult("bad\u0001name\"&<>", run.postgresVersion(),
                run.postgresMajor(), run.provider(), run.seed(), run.verdict(), run.transitions(), run.startedAt());

        Document doc = parse(JUnitXmlReport.render(renamed));

        assertThat(doc.getDocumentElement().getAttribute("name")).isEqualTo("zerodown.bad\uFFFDname\"&<>.pg17");
        assertThat(doc.getElementsByTagName("failure").item(1).getTextContent()).contains(ReportFixtures.XSS);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }
}
