package dev.zerodown.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.Prediction;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The chart of a hazard's prediction in report.html, read back as SVG geometry. */
class PredictionChartTest {
    private static final Pattern FIGURE = Pattern.compile("<figure class=\"zd-predict\">.*?</figure>", Pattern.DOTALL);

    @Test
    void should_chart_each_prediction_in_its_hazard_and_nothing_for_hazards_without_one() {
        String html = HtmlReport.render(ReportFixtures.predicted());

        assertThat(figures(html)).hasSize(2);
        assertThat(html.indexOf("built index public.orders_customer_idx")).isLessThan(html.indexOf("<figure"));
        assertThat(HtmlReport.render(ReportFixtures.unsafe())).doesNotContain("<figure");
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContainPattern("https?://")
                .doesNotContain(" src=").doesNotContain("<link rel=\"stylesheet\"");
    }

    @Test
    void should_caption_the_chart_in_words_as_docs_reports_md_shows_it() throws Exception {
        String caption = figures(HtmlReport.render(ReportFixtures.predicted())).get(0)
                .getElementsByTagName("figcaption").item(0).getTextContent();

        assertThat(caption).startsWith("Measured (\u25CF) 0.7 ms at 2,000, 4.2 ms at 6,667, 11 ms at 20,000 rows; linear fit")
                .contains("at 58,000,000 rows of public.orders; maxLockWait 100 ms");
        assertThat(java.nio.file.Files.readString(ProjectRoot.find().resolve("docs/reports.md")).replaceAll("\\s+", " "))
                .contains(caption);
    }

    @Test
    void should_put_rows_and_ms_on_log_scales() throws Exception {
        Element chart = figures(HtmlReport.render(ReportFixtures.predicted())).get(0);
        List<double[]> points = circles(chart);

        assertThat(points).hasSize(3);
        double[] a = points.get(0);
        double[] b = points.get(1);
        double[] c = points.get(2);
        assertThat((b[0] - a[0]) / (c[0] - a[0])).as("x of 2,000 / 6,667 / 20,000 rows")
                .isCloseTo(Math.log(6_667 / 2_000.0) / Math.log(10), within(0.01));
        assertThat((a[1] - b[1]) / (a[1] - c[1])).as("y of 0.7 / 4.2 / 11 ms")
                .isCloseTo(Math.log(4.2 / 0.7) / Math.log(11 / 0.7), within(0.01));
    }

    @Test
    void should_draw_the_fit_through_the_measured_rows_on_to_the_predicted_point_above_maxLockWait() throws Exception {
        Hazard orders = ReportFixtures.predicted().transitions().get(0).hazards().get(0);
        Element chart = figures(HtmlReport.render(ReportFixtures.predicted())).get(0);
        double[] predicted = diamond(chart, "zd-pc-predicted");
        double limitY = lineY(chart, "zd-pc-limit");
        List<double[]> fit = polyline(chart, "zd-pc-fit");
        List<double[]> extrapolated = polyline(chart, "zd-pc-extra");
        List<double[]> measured = circles(chart);

        assertThat(orders.predicted().ms()).isGreaterThan(orders.predicted().limitMs());
        assertThat(predicted[1]).as("the predicted point lies above the maxLockWait line").isLessThan(limitY);
        assertThat(measured).allSatisfy(p -> assertThat(p[1]).as("measured points lie below it").isGreaterThan(limitY));
        assertThat(classOf(chart, "zd-pc-predicted")).contains("zd-pc-error");
        assertThat(fit.get(0)[0]).isCloseTo(measured.get(0)[0], within(0.11));
        assertThat(fit.get(fit.size() - 1)[0]).isCloseTo(measured.get(2)[0], within(0.11));
        assertThat(extrapolated.get(0)).containsExactly(fit.get(fit.size() - 1));
        assertThat(extrapolated.get(extrapolated.size() - 1)[0]).isCloseTo(predicted[0], within(0.11));
        assertThat(extrapolated.get(extrapolated.size() - 1)[1]).isCloseTo(predicted[1], within(0.11));
        List<double[]> curve = new ArrayList<>(fit);
        curve.addAll(extrapolated);
        for (int i = 1; i < curve.size(); i++) {
            assertThat(curve.get(i)[0]).isGreaterThanOrEqualTo(curve.get(i - 1)[0]);
            assertThat(curve.get(i)[1]).as("the fit rises with the rows").isLessThanOrEqualTo(curve.get(i - 1)[1]);
        }
    }

    @Test
    void should_mark_a_prediction_under_a_tenth_of_maxLockWait_as_harmless() throws Exception {
        Prediction countries = ReportFixtures.predicted().transitions().get(0).hazards().get(1).predicted();
        Element chart = figures(HtmlReport.render(ReportFixtures.predicted())).get(1);

        assertThat(countries.ms()).isLessThan(countries.limitMs() / 10);
        assertThat(diamond(chart, "zd-pc-predicted")[1]).as("below the tenth line").isGreaterThan(lineY(chart, "zd-pc-tenth"));
        assertThat(lineY(chart, "zd-pc-tenth")).isGreaterThan(lineY(chart, "zd-pc-limit"));
        assertThat(classOf(chart, "zd-pc-predicted")).contains("zd-pc-harmless");
        assertThat(chart.getElementsByTagName("figcaption").item(0).getTextContent())
                .contains("predicted (\u25C6) 0.3 ms at 40 rows of public.countries").contains("constant fit;")
                .contains("maxLockWait 100 ms");
    }

    private static List<Element> figures(String html) {
        List<Element> out = new ArrayList<>();
        Matcher m = FIGURE.matcher(html);
        while (m.find()) {
            try {
                out.add(DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new ByteArrayInputStream(m.group().getBytes(StandardCharsets.UTF_8))).getDocumentElement());
            } catch (Exception e) {
                throw new AssertionError("the chart is not well-formed XML: " + e.getMessage() + "\n" + m.group(), e);
            }
        }
        return out;
    }

    private static List<double[]> circles(Element chart) {
        List<double[]> out = new ArrayList<>();
        NodeList ns = chart.getElementsByTagName("circle");
        for (int i = 0; i < ns.getLength(); i++) {
            Element e = (Element) ns.item(i);
            out.add(new double[] {num(e.getAttribute("cx")), num(e.getAttribute("cy"))});
        }
        return out;
    }

    private static Element byClass(Element chart, String tag, String cls) {
        NodeList ns = chart.getElementsByTagName(tag);
        for (int i = 0; i < ns.getLength(); i++) {
            Element e = (Element) ns.item(i);
            if (Arrays.asList(e.getAttribute("class").split(" ")).contains(cls)) {
                return e;
            }
        }
        throw new AssertionError("no <" + tag + " class=" + cls + ">");
    }

    private static String classOf(Element chart, String cls) {
        return byClass(chart, "path", cls).getAttribute("class");
    }

    private static double lineY(Element chart, String cls) {
        Element line = byClass(chart, "line", cls);
        assertThat(line.getAttribute("y1")).isEqualTo(line.getAttribute("y2"));
        return num(line.getAttribute("y1"));
    }

    /** The centre of the diamond {@code M x y-6 l6 6 l-6 6 l-6 -6 z}. */
    private static double[] diamond(Element chart, String cls) {
        String[] d = byClass(chart, "path", cls).getAttribute("d").substring(1).split("[ l]");
        return new double[] {num(d[0]), num(d[1]) + 6};
    }

    private static List<double[]> polyline(Element chart, String cls) {
        List<double[]> out = new ArrayList<>();
        for (String xy : byClass(chart, "polyline", cls).getAttribute("points").split(" ")) {
            String[] p = xy.split(",");
            out.add(new double[] {num(p[0]), num(p[1])});
        }
        return out;
    }

    private static double num(String s) {
        return Double.parseDouble(s);
    }
}
