package dev.zerodown.maven;

import java.nio.file.Path;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.EnvironmentException;
import dev.zerodown.project.ProfileCapture;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.apiguardian.api.API;

/**
 * Captures a production profile ({@code profile.json}): row counts, sizes, column statistics,
 * indexes, constraints and the {@code pg_stat_statements} query mix of the database at
 * {@code captureUrl}, over a read-only session. No row values unless {@code captureValues}. Run it
 * against a replica or staging clone now and then, and commit the file; {@code zerodown:check} then
 * seeds the baseline to it. Credentials never reach the file or the log.
 */
@API(status = API.Status.INTERNAL)
@Mojo(name = "capture", requiresProject = false, threadSafe = true)
public class CaptureMojo extends AbstractMojo {

    /**
     * JDBC URL of the database to profile, {@code jdbc:postgresql://host[:port]/database}. User and
     * password come from its {@code user}/{@code password} parameters, else from the {@code <server>}
     * {@code captureServer} of settings.xml, else from {@code PGUSER}/{@code PGPASSWORD}. Default: none (required).
     */
    @Parameter(property = "zerodown.captureUrl")
    private String captureUrl;

    /** The file to write. Default: {@code src/test/zerodown/profile.json}. */
    @Parameter(property = "zerodown.profile", defaultValue = ProfileCapture.DEFAULT_PROFILE)
    private String profile;

    /** Also store most-common values and histogram bounds (row values!). Default: {@code false}. */
    @Parameter(property = "zerodown.captureValues", defaultValue = "false")
    private boolean captureValues;

    /** At most this many statements of the query mix (those covering 95 % of calls). Default: {@code 200}. */
    @Parameter(property = "zerodown.captureQueries", defaultValue = "200")
    private int captureQueries;

    /** The id of the settings.xml {@code <server>} holding the credentials. Default: {@code captureServer}. */
    @Parameter(property = "zerodown.captureServer", defaultValue = "captureServer")
    private String captureServer;

    @Parameter(defaultValue = "${project}", readonly = true)
    private MavenProject project;

    @Parameter(defaultValue = "${settings}", readonly = true)
    private Settings settings;

    @Component
    private SettingsDecrypter decrypter;

    @Override
    public void execute() throws MojoExecutionException {
        try {
            Server server = server();
            Path base = project != null && project.getBasedir() != null ? project.getBasedir().toPath() : Path.of("");
            ProfileCapture.capture(captureUrl, server == null ? null : server.getUsername(),
                    server == null ? null : server.getPassword(), System.getenv(), base.resolve(profile).normalize(),
                    captureValues, captureQueries, MavenLog.of(getLog()));
        } catch (ConfigurationException e) {
            throw new MojoExecutionException(e.getMessage());
        } catch (EnvironmentException e) {
            throw new MojoExecutionException("environment: " + e.getMessage(), e);
        }
    }

    private Server server() {
        Server s = settings == null ? null : settings.getServer(captureServer);
        if (s == null || decrypter == null) {
            return s;
        }
        SettingsDecryptionResult r = decrypter.decrypt(new DefaultSettingsDecryptionRequest(s));
        for (SettingsProblem problem : r.getProblems()) {
            getLog().warn("settings.xml server " + captureServer + ": " + problem.getMessage());
        }
        return r.getServer();
    }
}
