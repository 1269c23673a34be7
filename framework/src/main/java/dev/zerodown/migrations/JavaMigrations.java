package dev.zerodown.migrations;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.zerodown.config.ConfigurationException;

/**
 * Flyway's Java migrations ({@code V3__Fill.class}, {@code V3__Fill.java} in a location) are code Zerodown does
 * not run: a clear configuration error instead of a step silently left out.
 */
final class JavaMigrations {
    /** A class or source named like a Flyway Java migration (inner classes, with {@code $}, are not). */
    private static final Pattern NAME = Pattern.compile(
            "((?:[VBU]\\d+(?:_\\d+)*|R)__[A-Za-z0-9_]*)\\.(class|java|kt)");

    private JavaMigrations() {
    }

    static boolean isCandidate(String fileName) {
        return NAME.matcher(fileName).matches();
    }

    static void reject(LocationScanner.ScriptFile f, Location location) {
        Matcher m = NAME.matcher(f.fileName());
        if (!m.matches()) {
            throw new IllegalArgumentException(f.fileName());
        }
        String simple = m.group(1);
        String className = m.group(2).equals("class") && location.classpath() ? qualified(location, f, simple) : simple;
        throw new ConfigurationException(f.displayPath() + ": a Java migration (class " + className + "), and Zerodown"
                + " runs SQL migrations only; write what it does as SQL in " + simple + ".sql and remove the class"
                + " from the migrations location");
    }

    private static String qualified(Location location, LocationScanner.ScriptFile f, String simple) {
        String rel = f.relativePath();
        String folder = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/')) : "";
        String pkg = String.join("/", java.util.stream.Stream.of(location.path(), folder).filter(p -> !p.isEmpty()).toList());
        return (pkg.isEmpty() ? "" : pkg.replace('/', '.') + ".") + simple;
    }
}
