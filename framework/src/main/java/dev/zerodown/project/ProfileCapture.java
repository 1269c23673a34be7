package dev.zerodown.project;

import java.nio.file.Path;
import java.util.Map;
import dev.zerodown.config.EnvironmentException;
import dev.zerodown.profile.CaptureOptions;
import dev.zerodown.profile.CaptureSource;
import dev.zerodown.profile.ProductionProfile;
import org.apiguardian.api.API;

/**
 * {@code capture}: a production profile ({@code profile.json}) read over a read-only session, with the same
 * lines in the plugin's log and the CLI's output. Credentials never reach the file or the log.
 */
@API(status = API.Status.INTERNAL)
public final class ProfileCapture {
    /** Where the profile goes unless told otherwise, relative to the project. */
    public static final String DEFAULT_PROFILE = "src/test/zerodown/profile.json";

    private ProfileCapture() {
    }

    /**
     * Captures the profile of the database at {@code captureUrl} into {@code file} and returns the file.
     *
     * @param user     a user given besides the URL (Maven's {@code <server>}), or null
     * @param password its password, or null
     * @param env      the environment ({@code PGUSER}, {@code PGPASSWORD})
     * @throws dev.zerodown.config.ConfigurationException for a bad URL
     * @throws EnvironmentException when the database cannot be read (the message has no password)
     */
    public static Path capture(String captureUrl, String user, String password, Map<String, String> env, Path file,
                               boolean captureValues, int captureQueries, CheckLog log) {
        CaptureSource source = CaptureSource.of(captureUrl, user, password, env);
        log.info("Capturing a production profile from " + source + " (read-only)");
        ProductionProfile p;
        try {
            p = ProductionProfile.capture(source.dataSource(),
                    CaptureOptions.defaults().withCaptureValues(captureValues).withMaxQueries(captureQueries));
        } catch (EnvironmentException e) {
            throw new EnvironmentException(CaptureSource.redact(String.valueOf(e.getMessage())), e);
        }
        p.warnings().forEach(log::warn);
        p.write(file);
        log.info("Wrote " + file + ": " + p.tables().size() + " tables, "
                + p.tables().stream().mapToLong(t -> t.rows()).sum() + " rows in all, " + p.queries().size()
                + " statements" + (captureValues ? ", with row values" : ", no row values"));
        return file;
    }
}
