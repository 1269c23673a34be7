package dev.zerodown.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerodown.report.BrowserPrerequisite.Decision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BrowserPrerequisiteTest {
    private static final String INSTALL = "install the Debian packages chromium and chromium-driver"
            + " (apt-get install -y chromium chromium-driver), or point -Dzerodown.chromium and"
            + " -Dzerodown.chromedriver at them";

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(true, true, false, false, Decision.RUN, ""),
                Arguments.of(true, true, true, false, Decision.RUN, ""),
                Arguments.of(false, false, false, false, Decision.SKIP, "HTML report browser test skipped:"
                        + " Chromium (DIR/chromium) and chromedriver (DIR/chromedriver) are missing; " + INSTALL
                        + " to run it (-Dzerodown.skipBrowserTests=true skips it on purpose)"),
                Arguments.of(true, false, false, false, Decision.SKIP, "HTML report browser test skipped:"
                        + " chromedriver (DIR/chromedriver) is missing; " + INSTALL
                        + " to run it (-Dzerodown.skipBrowserTests=true skips it on purpose)"),
                Arguments.of(false, true, true, false, Decision.FAIL, "HTML report browser test cannot run on CI"
                        + " (CI=true): Chromium (DIR/chromium) is missing; " + INSTALL),
                Arguments.of(false, false, true, false, Decision.FAIL, "HTML report browser test cannot run on CI"
                        + " (CI=true): Chromium (DIR/chromium) and chromedriver (DIR/chromedriver) are missing; "
                        + INSTALL),
                Arguments.of(false, false, true, true, Decision.SKIP,
                        "HTML report browser test skipped: -Dzerodown.skipBrowserTests=true"),
                Arguments.of(true, true, false, true, Decision.SKIP,
                        "HTML report browser test skipped: -Dzerodown.skipBrowserTests=true"));
    }

    @ParameterizedTest(name = "chromium={0} driver={1} CI={2} skip={3} -> {4}")
    @MethodSource("cases")
    void should_run_skip_or_fail_by_what_is_installed_and_where(boolean browser, boolean driver, boolean ci,
            boolean skip, Decision expected, String reason) throws IOException {
        Path chromium = dir.resolve("chromium");
        Path chromedriver = dir.resolve("chromedriver");
        if (browser) {
            executable(chromium);
        }
        if (driver) {
            executable(chromedriver);
        }

        BrowserPrerequisite prerequisite = new BrowserPrerequisite(chromium, chromedriver, ci, skip);

        assertThat(prerequisite.decision()).isEqualTo(expected);
        assertThat(prerequisite.reason()).isEqualTo(reason.replace("DIR", dir.toString()));
    }

    private static void executable(Path file) throws IOException {
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
