package dev.zerodown.maven;

import dev.zerodown.project.CheckLog;
import org.apache.maven.plugin.logging.Log;

/** The project's lines on Maven's log. */
final class MavenLog {
    private MavenLog() {
    }

    static CheckLog of(Log log) {
        return new CheckLog() {
            @Override
            public void info(String line) {
                log.info(line);
            }

            @Override
            public void warn(String line) {
                log.warn(line);
            }
        };
    }
}
