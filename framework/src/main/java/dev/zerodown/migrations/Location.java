package dev.zerodown.migrations;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import dev.zerodown.config.ConfigurationException;

/**
 * A migrations location as Flyway users write it: {@code classpath:db/migration},
 * {@code filesystem:src/main/resources/db/migration} or a plain folder path.
 *
 * @param classpath true for {@code classpath:} locations
 * @param path      the folder: a classpath path without leading or trailing {@code /}, or a file system path
 * @param written   the location as the user wrote it, for messages
 */
record Location(boolean classpath, String path, String written) {
    static final String ACCEPTED = "a folder path, filesystem:<path> or classpath:<path>";

    /** Parses every location; each entry may itself hold several, separated by commas. */
    static List<Location> parseAll(List<String> locations) {
        List<Location> out = new ArrayList<>();
        for (String entry : locations == null ? List.<String>of() : locations) {
            for (String one : (entry == null ? "" : entry).split(",")) {
                if (!one.isBlank()) {
                    out.add(parse(one.strip()));
                }
            }
        }
        if (out.isEmpty()) {
            throw new ConfigurationException("No migrations location given; set migrations to " + ACCEPTED);
        }
        return out;
    }

    static Location parse(String written) {
        String lower = written.toLowerCase(Locale.ROOT);
        if (lower.startsWith("classpath:")) {
            String p = written.substring("classpath:".length()).strip();
            while (p.startsWith("/")) {
                p = p.substring(1);
            }
            while (p.endsWith("/")) {
                p = p.substring(0, p.length() - 1);
            }
            return new Location(true, p, written);
        }
        if (lower.startsWith("filesystem:")) {
            return new Location(false, written.substring("filesystem:".length()).strip(), written);
        }
        int colon = written.indexOf(':');
        if (colon > 1 && written.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            throw new ConfigurationException("Migrations location '" + written + "' has the unsupported prefix '"
                    + written.substring(0, colon + 1) + "'; write " + ACCEPTED);
        }
        return new Location(false, written, written);
    }

    /** The file system folder of a non-classpath location. */
    Path folder() {
        return Path.of(path.isEmpty() ? "." : path);
    }
}
