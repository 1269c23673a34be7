package dev.zerodown.migrations;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import dev.zerodown.config.ConfigurationException;

/**
 * The guard in front of {@link LiquibaseLibrary}: Liquibase is an optional dependency, read from the user's
 * class path (the Maven plugin and the CLI bring their own), so nothing loads a Liquibase type before this
 * class has found it.
 */
final class LiquibaseClasspath {
    static final String MARKER_CLASS = "liquibase.changelog.DatabaseChangeLog";

    private LiquibaseClasspath() {
    }

    static boolean present() {
        try {
            Class.forName(MARKER_CLASS, false, LiquibaseClasspath.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The coordinates to add, with the version Zerodown is built and tested with. */
    static String coordinates() {
        Properties p = new Properties();
        try (InputStream in = LiquibaseClasspath.class.getResourceAsStream("liquibase.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            return "org.liquibase:liquibase-core";
        }
        return "org.liquibase:liquibase-core:" + p.getProperty("version");
    }

    /**
     * Fails with one line naming the dependency to add when Liquibase is not on the class path.
     *
     * @param where the file that needs it, for the message
     * @param why   what needs it ({@code reading XML, YAML and JSON changelogs})
     */
    static void require(String where, String why) {
        if (!present()) {
            throw new ConfigurationException(where + ": " + why + " needs Liquibase on the class path, but "
                    + MARKER_CLASS + " is missing; add the dependency " + coordinates()
                    + " (test scope for the JUnit extension; the Maven plugin and the CLI bring it), or write the"
                    + " changelog as Liquibase formatted SQL, which Zerodown reads on its own");
        }
    }
}
