package dev.zerodown.junit;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import dev.zerodown.report.ReportFiles;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a run's report files to JUnit: a report entry with the HTML path on every JUnit version, and
 * the files themselves through {@code ExtensionContext.publishFile} where the running JUnit has it
 * (5.12 and later). That API is newer than the oldest JUnit we support, so it is looked up reflectively.
 */
final class ReportPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(ReportPublisher.class);

    private ReportPublisher() {
    }

    static void publish(ExtensionContext context, ReportFiles files, int major) {
        String html = files.html().toAbsolutePath().toString();
        context.publishReportEntry("zerodown.report", html);
        LOG.info("Zerodown report (PostgreSQL {}): {}", major, html);
        publishFile(context, files.html(), "text/html");
        publishFile(context, files.json(), "application/json");
        publishFile(context, files.markdown(), "text/markdown");
    }

    private static void publishFile(ExtensionContext context, Path file, String mediaType) {
        Method publish = findPublishFile(ExtensionContext.class);
        if (publish == null) {
            return;
        }
        try {
            Object type = publish.getParameterTypes()[1].getMethod("parse", String.class).invoke(null, mediaType);
            ThrowingConsumer<Path> copy = target -> Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            publish.invoke(context, file.getFileName().toString(), type, copy);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("JUnit could not take {}: {}", file, e.toString());
        }
    }

    private static Method findPublishFile(Class<?> type) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals("publishFile") && m.getParameterCount() == 3
                    && m.getParameterTypes()[2] == ThrowingConsumer.class) {
                return m;
            }
        }
        return null;
    }
}
