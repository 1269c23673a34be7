package dev.zerodown.maven;

import java.util.List;
import dev.zerodown.config.EnvironmentException;
import dev.zerodown.postgres.Postgres;
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
    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    PostgresArtifacts(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        this.system = system;
        this.session = session;
        this.repositories = repositories;
    }

    /** @param majors the majors this check runs (its shard's, when sharded) */
    void prepare(Settings settings, List<Integer> majors) {
        if (settings.provider() != ProviderKind.EMBEDDED && settings.provider() != ProviderKind.AUTO) {
            return;
        }
        for (int major : majors) {
            resolve(new DefaultArtifact(Postgres.binariesCoordinates(major)));
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
}
