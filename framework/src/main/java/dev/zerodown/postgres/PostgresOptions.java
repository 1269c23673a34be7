package dev.zerodown.postgres;

import dev.zerodown.config.ConfigurationException;
import org.apiguardian.api.API;

/**
 * Which PostgreSQL to use for one major version: the settings {@code provider}, one entry of
 * {@code postgresVersions}, {@code jdbcUrl}, {@code allowExternal} and {@code image}, already
 * resolved (annotation attribute &gt; system property &gt; default) by whoever reads them.
 *
 * @param provider      where PostgreSQL comes from; {@code null} means {@link ProviderKind#EMBEDDED}
 * @param major         the PostgreSQL major, 13 to 18
 * @param jdbcUrl       for {@code external}: {@code jdbc:postgresql://host[:port]/database?user=..&password=..}
 * @param allowExternal for {@code external}: the opt-in, naming exactly the database of {@code jdbcUrl},
 *                      to run in that database itself (it is not reset between runs)
 * @param image         for {@code testcontainers} (and {@code auto}): the image, {@code {major}} replaced by the
 *                      major; {@code null} means {@code postgres:<major>}
 * @param dataDirectory for {@code embedded}: {@code auto} (also for {@code null}: memory where it has room, else disk),
 *                      {@code disk}, or a folder; servers of one major with different folders are different servers
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record PostgresOptions(ProviderKind provider, int major, String jdbcUrl, String allowExternal, String image,
                              String dataDirectory, String cloneStrategy) {
    /** The major used when {@code postgresVersions} is not set. */
    public static final int DEFAULT_MAJOR = 17;

    public PostgresOptions {
        provider = provider == null ? ProviderKind.EMBEDDED : provider;
        PostgresBinaries.checkSupported(major);
        jdbcUrl = blankToNull(jdbcUrl);
        allowExternal = blankToNull(allowExternal);
        image = blankToNull(image);
        dataDirectory = blankToNull(dataDirectory) == null ? "auto" : dataDirectory.trim();
        cloneStrategy = blankToNull(cloneStrategy) == null ? TEMPLATE : cloneStrategy.trim();
        if (provider == ProviderKind.EXTERNAL && jdbcUrl == null) {
            throw new ConfigurationException("provider=external needs a jdbcUrl (property zerodown.jdbcUrl), in the form "
                    + ExternalUrl.FORM);
        }
        if (provider == ProviderKind.EXTERNAL) {
            ExternalUrl.parse(jdbcUrl);
        }
    }

    /** Clone strategy {@value #TEMPLATE}: an opted-in external database is copied for each run. */
    public static final String TEMPLATE = "template";
    /** Clone strategy {@value #IN_PLACE}: runs go into the opted-in external database itself. */
    public static final String IN_PLACE = "in-place";

    /** Without a data directory: {@code auto}. */
    public PostgresOptions(ProviderKind provider, int major, String jdbcUrl, String allowExternal, String image) {
        this(provider, major, jdbcUrl, allowExternal, image, null, null);
    }

    /** With the template clone strategy. */
    public PostgresOptions(ProviderKind provider, int major, String jdbcUrl, String allowExternal, String image,
                           String dataDirectory) {
        this(provider, major, jdbcUrl, allowExternal, image, dataDirectory, null);
    }

    /** The embedded server of this major. */
    public static PostgresOptions embedded(int major) {
        return new PostgresOptions(ProviderKind.EMBEDDED, major, null, null, null);
    }

    /** A provider and major with nothing else set. */
    public static PostgresOptions of(ProviderKind provider, int major) {
        return new PostgresOptions(provider, major, null, null, null);
    }

    /** An external server. */
    public static PostgresOptions external(int major, String jdbcUrl, String allowExternal) {
        return new PostgresOptions(ProviderKind.EXTERNAL, major, jdbcUrl, allowExternal, null);
    }

    public PostgresOptions withProvider(ProviderKind provider) {
        return new PostgresOptions(provider, major, jdbcUrl, allowExternal, image, dataDirectory, cloneStrategy);
    }

    public PostgresOptions withMajor(int major) {
        return new PostgresOptions(provider, major, jdbcUrl, allowExternal, image, dataDirectory, cloneStrategy);
    }

    public PostgresOptions withImage(String image) {
        return new PostgresOptions(provider, major, jdbcUrl, allowExternal, image, dataDirectory, cloneStrategy);
    }

    /** For {@code external} with {@code allowExternal}: {@value #TEMPLATE} or {@value #IN_PLACE}. */
    public PostgresOptions withCloneStrategy(String cloneStrategy) {
        return new PostgresOptions(provider, major, jdbcUrl, allowExternal, image, dataDirectory, cloneStrategy);
    }

    /** For {@code embedded}: {@code auto}, {@code disk} or a folder for the server's data directory. */
    public PostgresOptions withDataDirectory(String dataDirectory) {
        return new PostgresOptions(provider, major, jdbcUrl, allowExternal, image, dataDirectory, cloneStrategy);
    }

    /** The image Testcontainers pulls: {@code image} with {@code {major}} replaced, or {@code postgres:<major>}. */
    public String effectiveImage() {
        return image == null ? "postgres:" + major : image.replace("{major}", Integer.toString(major));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
