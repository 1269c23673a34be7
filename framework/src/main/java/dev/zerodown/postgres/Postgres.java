package dev.zerodown.postgres;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import dev.zerodown.config.ConfigurationException;
import org.apiguardian.api.API;

/**
 * Where runs get PostgreSQL. {@link #server(PostgresOptions)} returns the one server of this JVM per
 * provider, major and location, started on first use and shared by every run; each run then asks
 * it for a fresh {@link Database}. Every server is stopped when the JVM ends (failed tests
 * included), and the data directory of an embedded server whose JVM was killed is removed the next
 * time one starts.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class Postgres {
    private static final String ACCEPTED_MAJORS = "13, 14, 15, 16, 17, 18 (one major or a comma-separated list, e.g. 17 or 13,18)";

    private Postgres() {
    }

    /** The shared embedded server of this major, started on first use. */
    public static PostgresServer embedded(int major) {
        return server(PostgresOptions.embedded(major));
    }

    /**
     * The shared server for these options, started (or connected to) on first use. {@code auto} is
     * resolved first, so it shares the server of the provider it chose. Closing a shared server is
     * allowed; the next call starts a new one.
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static PostgresServer server(PostgresOptions options) {
        return ServerRegistry.shared(options);
    }

    /**
     * The user a run connects as with these options, known before any server starts: the embedded server's
     * superuser {@code postgres}, the {@code user} of an external {@code jdbcUrl}, Testcontainers' {@code test}
     * (for Flyway's built-in {@code ${flyway:user}}). {@code auto} may become either; it answers for embedded.
     */
    @API(status = API.Status.INTERNAL)
    public static String connectingUser(PostgresOptions options) {
        return switch (options.provider()) {
            case EXTERNAL -> ExternalUrl.parse(options.jdbcUrl()).server().user();
            case TESTCONTAINERS -> "test";
            default -> "postgres";
        };
    }

    /** A new server for these options that the caller owns and closes (it is still stopped at JVM end). */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static PostgresServer start(PostgresOptions options) {
        return ServerRegistry.start(PostgresProvider.resolve(options));
    }

    /**
     * Parses the setting {@code postgresVersions}: {@code "17"}, {@code "13,18"} or {@code "13, 18"}.
     *
     * @return the majors in the order given, without duplicates
     * @throws ConfigurationException for anything else, in one line listing the accepted values
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static List<Integer> parseMajors(String setting) {
        if (setting == null || setting.isBlank()) {
            throw badMajors(setting, "it is empty");
        }
        Set<Integer> majors = new LinkedHashSet<>();
        for (String part : setting.split(",", -1)) {
            String p = part.trim();
            if (!p.matches("\\d{1,3}")) {
                throw badMajors(setting, p.isEmpty() ? "it has an empty entry" : "'" + p + "' is not a major version");
            }
            int major = Integer.parseInt(p);
            if (!PostgresBinaries.pinned().containsKey(major)) {
                throw badMajors(setting, major + " is not supported");
            }
            majors.add(major);
        }
        return List.copyOf(majors);
    }

    private static ConfigurationException badMajors(String setting, String why) {
        return ConfigurationException.badValue("postgresVersions", setting, "a list of supported majors (" + why + ")",
                ACCEPTED_MAJORS);
    }

    /**
     * The Maven coordinates ({@code groupId:artifactId:version}) of the embedded binaries of this major
     * for this machine, as pinned in this Zerodown version. Build tools resolve them before a run.
     *
     * @throws ConfigurationException for a major outside 13 to 18
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static String binariesCoordinates(int major) {
        PostgresBinaries.checkSupported(major);
        return PostgresBinaries.GROUP + ":" + PostgresBinaries.artifactId() + ":" + PostgresBinaries.pinned().get(major);
    }

    /** Stops every server this JVM started. */
    public static void stopAll() {
        ServerRegistry.stopAll();
    }
}
