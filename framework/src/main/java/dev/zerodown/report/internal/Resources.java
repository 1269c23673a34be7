package dev.zerodown.report.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The report's own CSS and JavaScript, shipped in the jar and inlined into every page. */
final class Resources {
    private Resources() {
    }

    public static String load(String name) {
        try (InputStream in = Resources.class.getResourceAsStream("/dev/zerodown/report/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Report resource missing from the jar: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
