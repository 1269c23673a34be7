package dev.zerodown.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Decides what the browser test does when Chromium or its driver is missing: on a developer's machine it is
 * skipped with the reason and the install command (the README promises only Java and Maven); where
 * {@code CI=true} it fails, so CI (whose {@code .ci/run} installs both) can never skip it silently.
 * {@code -Dzerodown.skipBrowserTests=true} skips it everywhere, on purpose.
 */
record BrowserPrerequisite(Path chromium, Path chromedriver, boolean ci, boolean skipRequested) {

    enum Decision { RUN, SKIP, FAIL }

    static BrowserPrerequisite fromEnvironment(Path chromium, Path chromedriver) {
        return new BrowserPrerequisite(chromium, chromedriver, "true".equalsIgnoreCase(System.getenv("CI")),
                Boolean.getBoolean("zerodown.skipBrowserTests"));
    }

    Decision decision() {
        if (skipRequested) {
            return Decision.SKIP;
        }
        if (missing().isEmpty()) {
            return Decision.RUN;
        }
        return ci ? Decision.FAIL : Decision.SKIP;
    }

    /** The one-line reason for a skip or a failure; empty when the test runs. */
    String reason() {
        if (skipRequested) {
            return "HTML report browser test skipped: -Dzerodown.skipBrowserTests=true";
        }
        Optional<String> missing = missing();
        if (missing.isEmpty()) {
            return "";
        }
        String install = "install the Debian packages chromium and chromium-driver"
                + " (apt-get install -y chromium chromium-driver), or point -Dzerodown.chromium and"
                + " -Dzerodown.chromedriver at them";
        return ci
                ? "HTML report browser test cannot run on CI (CI=true): " + missing.get() + "; " + install
                : "HTML report browser test skipped: " + missing.get() + "; " + install
                        + " to run it (-Dzerodown.skipBrowserTests=true skips it on purpose)";
    }

    private Optional<String> missing() {
        boolean browser = Files.isExecutable(chromium);
        boolean driver = Files.isExecutable(chromedriver);
        if (browser && driver) {
            return Optional.empty();
        }
        if (!browser && !driver) {
            return Optional.of("Chromium (" + chromium + ") and chromedriver (" + chromedriver + ") are missing");
        }
        return Optional.of(browser ? "chromedriver (" + chromedriver + ") is missing"
                : "Chromium (" + chromium + ") is missing");
    }
}
