package dev.zerodown.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrendMojoTest {
    @TempDir
    Path dir;

    @Test
    void should_write_the_trend_page_and_fail_on_a_regression_when_asked() throws Exception {
        String line = "{\"historyVersion\":1,\"record\":\"transition\",\"runId\":\"%s\",\"run\":\"shop\","
                + "\"postgresMajor\":17,\"transition\":\"V2__add under [v1]\",\"maxLockWaitMs\":%d,"
                + "\"failedRequests\":0,\"p99Ms\":{\"v1\":4.0}}\n";
        Files.writeString(dir.resolve("history.jsonl"), String.format(line, "night-1", 10)
                + String.format(line, "night-2", 12) + String.format(line, "night-3", 80));
        TrendMojo mojo = new TrendMojo();
        set(mojo, "history", dir.toFile());
        set(mojo, "trendPage", dir.resolve("trend.html").toFile());
        set(mojo, "regressionRatio", 2.0);
        set(mojo, "failOnRegression", true);

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("1 figures regressed past 2.0x the median of the previous runs; see ");
        assertThat(Files.readString(dir.resolve("trend.html"))).contains("V2__add under [v1]", "max lock wait ms",
                "\u25B2 regression: 7.3\u00D7 the median");
    }

    private static void set(Object target, String name, Object value) throws Exception {
        Field f = TrendMojo.class.getDeclaredField(name);
        f.setAccessible(true);
        f.set(target, value);
    }
}
