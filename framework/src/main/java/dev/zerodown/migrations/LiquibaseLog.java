package dev.zerodown.migrations;

import java.util.logging.Level;
import liquibase.logging.Logger;
import liquibase.logging.core.AbstractLogService;
import liquibase.logging.core.AbstractLogger;
import org.slf4j.LoggerFactory;

/**
 * Liquibase's log on SLF4J, so that it lands where Zerodown's own lines go instead of java.util.logging's
 * console: its warnings as warnings, everything else (it reports every resource it reads) at debug.
 */
final class LiquibaseLog extends AbstractLogService {
    @Override
    public int getPriority() {
        return PRIORITY_SPECIALIZED;
    }

    @Override
    public Logger getLog(Class clazz) {
        org.slf4j.Logger log = LoggerFactory.getLogger("liquibase." + clazz.getSimpleName());
        return new AbstractLogger() {
            @Override
            public void log(Level level, String message, Throwable e) {
                if (level.intValue() >= Level.WARNING.intValue()) {
                    log.warn("Liquibase: {}", message, e);
                } else {
                    log.debug("Liquibase: {}", message, e);
                }
            }
        };
    }
}
