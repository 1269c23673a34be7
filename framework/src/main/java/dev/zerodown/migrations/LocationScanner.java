package dev.zerodown.migrations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.EnvironmentException;

/**
 * Reads every {@code .sql} and {@code .sql.conf} file under a location, subfolders included (as
 * Flyway does), from folders and from jars on the class path; Liquibase's {@code .xml}, {@code .yaml},
 * {@code .yml} and {@code .json} changelogs too (only the Liquibase format keeps them). Files are read whole:
 * scripts are small. Classes and sources named like Flyway Java migrations are listed too, without their content.
 */
final class LocationScanner {
    private LocationScanner() {
    }

    /**
     * A file found in a location.
     *
     * @param relativePath the path below the location, with {@code /}
     * @param displayPath  the file as shown in messages ({@code classpath:db/migration/V1__a.sql} or a path)
     * @param origin       where exactly it was read (a path, or a jar and entry)
     * @param content      the bytes
     */
    record ScriptFile(String relativePath, String displayPath, String origin, byte[] content) {
        String fileName() {
            return relativePath.substring(relativePath.lastIndexOf('/') + 1);
        }
    }

    static List<ScriptFile> scan(Location location, ClassLoader classLoader) {
        return location.classpath() ? scanClasspath(location, classLoader) : scanFolder(location);
    }

    private static List<ScriptFile> scanFolder(Location location) {
        Path folder = location.folder();
        Path absolute = folder.toAbsolutePath().normalize();
        if (!Files.exists(folder)) {
            throw new ConfigurationException("Migrations location '" + location.written() + "': no such folder "
                    + absolute + "; set migrations to the folder that holds your V<version>__<description>.sql files");
        }
        if (!Files.isDirectory(folder)) {
            throw new ConfigurationException("Migrations location '" + location.written() + "' is a file, not a folder ("
                    + absolute + "); set migrations to the folder that holds your V<version>__<description>.sql files");
        }
        try {
            return walk(folder, location.path().isEmpty() ? "" : location.path());
        } catch (IOException | UncheckedIOException e) {
            throw new EnvironmentException("Cannot read migrations location '" + location.written() + "' ("
                    + absolute + "): " + e.getMessage() + "; check that the folder and its files are readable", e);
        }
    }

    /** Every script file below {@code folder}; display paths start with {@code displayPrefix}. */
    private static List<ScriptFile> walk(Path folder, String displayPrefix) throws IOException {
        List<ScriptFile> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                String rel = folder.relativize(p).toString().replace('\\', '/');
                if (Files.isRegularFile(p) && (scriptOrConf(rel) || javaMigration(rel))) {
                    String display = displayPrefix.isEmpty() ? rel : join(displayPrefix, rel);
                    out.add(new ScriptFile(rel, display, p.toAbsolutePath().toString(),
                            javaMigration(rel) ? new byte[0] : Files.readAllBytes(p)));
                }
            }
        }
        return out;
    }

    private static List<ScriptFile> scanClasspath(Location location, ClassLoader classLoader) {
        ClassLoader loader = classLoader != null ? classLoader : LocationScanner.class.getClassLoader();
        List<URL> roots;
        try {
            roots = Collections.list(loader.getResources(location.path()));
        } catch (IOException e) {
            throw new EnvironmentException("Cannot scan migrations location '" + location.written()
                    + "' on the class path: " + e.getMessage(), e);
        }
        if (roots.isEmpty()) {
            throw new ConfigurationException("Migrations location '" + location.written()
                    + "': no such folder on the class path; put your V<version>__<description>.sql files in"
                    + " src/main/resources/" + location.path() + " (or src/test/resources/" + location.path()
                    + "), or set migrations to where they are");
        }
        List<ScriptFile> out = new ArrayList<>();
        String display = "classpath:" + location.path();
        for (URL root : roots) {
            try {
                out.addAll(scanRoot(root, location.path(), display));
            } catch (IOException | UncheckedIOException | URISyntaxException e) {
                throw new EnvironmentException("Cannot read migrations location '" + location.written() + "' from "
                        + root + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static List<ScriptFile> scanRoot(URL root, String path, String display)
            throws IOException, URISyntaxException {
        switch (root.getProtocol()) {
            case "file":
                return walk(Path.of(root.toURI()), display);
            case "jar":
                return scanJar((JarURLConnection) root.openConnection(), path, display);
            default:
                throw new EnvironmentException("Cannot scan migrations location 'classpath:" + path + "' in " + root
                        + ": only folders and jar files are supported; use filesystem:<path> instead");
        }
    }

    private static List<ScriptFile> scanJar(JarURLConnection connection, String path, String display)
            throws IOException, URISyntaxException {
        Path jar = Path.of(connection.getJarFileURL().toURI());
        String prefix = path.isEmpty() ? "" : path + "/";
        List<ScriptFile> out = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            List<JarEntry> matching = new ArrayList<>();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (!e.isDirectory() && e.getName().startsWith(prefix)
                        && (scriptOrConf(e.getName()) || javaMigration(e.getName()))) {
                    matching.add(e);
                }
            }
            matching.sort((a, b) -> a.getName().compareTo(b.getName()));
            for (JarEntry e : matching) {
                String rel = e.getName().substring(prefix.length());
                try (InputStream in = file.getInputStream(e)) {
                    out.add(new ScriptFile(rel, join(display, rel), jar + "!/" + e.getName(),
                            javaMigration(rel) ? new byte[0] : in.readAllBytes()));
                }
            }
        }
        return out;
    }

    private static boolean scriptOrConf(String name) {
        return name.endsWith(".sql.conf") || name.toLowerCase(Locale.ROOT).endsWith(".sql")
                || LiquibaseChangelogs.onlyLiquibase(name)
                || name.equals("metadata.toml") || name.endsWith("/metadata.toml");
    }

    /** A class or source named like a Flyway Java migration: read by name only, to refuse it. */
    private static boolean javaMigration(String name) {
        return JavaMigrations.isCandidate(name.substring(name.lastIndexOf('/') + 1));
    }

    private static String join(String prefix, String rel) {
        return prefix.endsWith("/") || prefix.endsWith(":") ? prefix + rel : prefix + "/" + rel;
    }
}
