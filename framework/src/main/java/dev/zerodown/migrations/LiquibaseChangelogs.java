package dev.zerodown.migrations;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.EnvironmentException;

/**
 * A Liquibase {@code migrations} location: one changelog file, or a folder whose changelogs are read in path
 * order, as {@code includeAll} reads them. Formatted SQL is read by {@link LiquibaseChangelog} (no Liquibase
 * needed); XML, YAML and JSON by {@link LiquibaseLibrary}, with the user's Liquibase.
 */
final class LiquibaseChangelogs {
    private static final List<String> LIBRARY_ONLY = List.of(".xml", ".yaml", ".yml", ".json");

    private LiquibaseChangelogs() {
    }

    /** A file only Liquibase reads (XML, YAML, JSON), which the other formats' scans leave out. */
    static boolean onlyLiquibase(String fileName) {
        String f = fileName.toLowerCase(Locale.ROOT);
        return LIBRARY_ONLY.stream().anyMatch(f::endsWith);
    }

    static boolean isChangelog(String fileName) {
        return onlyLiquibase(fileName) || fileName.toLowerCase(Locale.ROOT).endsWith(".sql");
    }

    /** Whether the location names one changelog (a file, or a class path resource with a changelog's extension). */
    static boolean isFile(Location location) {
        return location.classpath() ? isChangelog(location.path()) : Files.isRegularFile(location.folder());
    }

    /** The one changelog a location names. */
    static LocationScanner.ScriptFile file(Location location, ClassLoader classLoader) {
        String name = location.path().substring(location.path().lastIndexOf('/') + 1);
        if (!location.classpath()) {
            Path p = location.folder();
            try {
                return new LocationScanner.ScriptFile(p.getFileName().toString(), location.path(),
                        p.toAbsolutePath().toString(), Files.readAllBytes(p));
            } catch (IOException e) {
                throw new EnvironmentException("Cannot read changelog " + p.toAbsolutePath() + ": " + e.getMessage()
                        + "; check that the file is readable", e);
            }
        }
        ClassLoader loader = classLoader != null ? classLoader : LiquibaseChangelogs.class.getClassLoader();
        URL url = loader.getResource(location.path());
        if (url == null) {
            throw new ConfigurationException("Migrations location '" + location.written() + "': no such changelog on"
                    + " the class path; put it in src/main/resources/" + location.path() + " (or src/test/resources/"
                    + location.path() + "), or set migrations to where it is");
        }
        try (InputStream in = url.openStream()) {
            return new LocationScanner.ScriptFile(name, "classpath:" + location.path(), url.toString(), in.readAllBytes());
        } catch (IOException e) {
            throw new EnvironmentException("Cannot read changelog " + url + ": " + e.getMessage(), e);
        }
    }

    /** Every changeset of the location's changelogs that an {@code update} with {@code filter} runs, in order. */
    static List<FormatLoader.Unit> units(Location location, List<LocationScanner.ScriptFile> files,
                                         LiquibaseFilter filter, ClassLoader classLoader) {
        boolean single = isFile(location);
        List<LocationScanner.ScriptFile> sorted = new ArrayList<>(files.stream()
                .filter(f -> isChangelog(f.fileName())).toList());
        sorted.sort((a, b) -> a.relativePath().compareTo(b.relativePath()));
        List<FormatLoader.Unit> out = new ArrayList<>();
        Map<String, String> includedBy = new HashMap<>();
        Set<String> roots = new HashSet<>();
        for (LocationScanner.ScriptFile f : sorted) {
            if (!onlyLiquibase(f.fileName())) {
                out.addAll(LiquibaseChangelog.changelog(f, filter));
                continue;
            }
            LiquibaseClasspath.require(f.displayPath(), "reading a Liquibase " + kind(f.fileName()) + " changelog");
            LiquibaseLibrary.Root root = root(location, f, single);
            roots.add(root.fileName(root.path()));
            for (FormatLoader.Unit u : LiquibaseLibrary.changesets(root, filter, classLoader)) {
                if (!u.fileName().equals(root.fileName(root.path()))) {
                    includedBy.putIfAbsent(u.fileName(), f.displayPath());
                }
                out.add(u);
            }
        }
        for (String r : roots) {
            if (includedBy.containsKey(r)) {
                throw new ConfigurationException((location.classpath() ? "classpath:" : "")
                        + LiquibaseLibrary.join(location.path(), r) + " is in the migrations"
                        + " folder and is also included by " + includedBy.get(r) + ", so its changesets would run twice;"
                        + " set migrations to the master changelog (" + includedBy.get(r) + ") instead of the folder");
            }
        }
        return out;
    }

    private static LiquibaseLibrary.Root root(Location location, LocationScanner.ScriptFile f, boolean single) {
        if (location.classpath()) {
            String base = single ? location.path().substring(0, Math.max(0, location.path().lastIndexOf('/')))
                    : location.path();
            return new LiquibaseLibrary.Root(single ? location.path() : LiquibaseLibrary.join(base, f.relativePath()),
                    null, base);
        }
        if (single) {
            Path parent = location.folder().toAbsolutePath().normalize().getParent();
            String written = location.path().replace('\\', '/');
            String displayFolder = written.contains("/") ? written.substring(0, written.lastIndexOf('/')) : "";
            return new LiquibaseLibrary.Root(f.fileName(), parent, displayFolder);
        }
        return new LiquibaseLibrary.Root(f.relativePath(), location.folder(), location.path());
    }

    private static String kind(String fileName) {
        String f = fileName.toLowerCase(Locale.ROOT);
        return f.endsWith(".xml") ? "XML" : f.endsWith(".json") ? "JSON" : "YAML";
    }
}
