package dev.zerodown.load;

import dev.zerodown.config.ConfigurationException;
import dev.zerodown.postgres.Database;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apiguardian.api.API;

/**
 * The database roles the live versions connect as (setting {@code appRole}), so a step that creates
 * a table without the GRANT a version needs, revokes a privilege or enables row-level security fails
 * that version's requests with 42501, as it would fail the application in production.
 *
 * <p>Written as comma-separated entries: {@code role} (or {@code role:password}) for every version,
 * {@code version=role[:password]} for one version; a version entry wins over the plain one. Without
 * any entry, versions connect as the server's own user (a superuser on the embedded server).
 */
@API(status = API.Status.STABLE)
public final class AppRoles {
    /** Every version connects as the server's own user. */
    public static final AppRoles NONE = new AppRoles(null, Map.of(), "");

    private final Credentials all;
    private final Map<String, Credentials> perVersion;
    private final String text;

    private record Credentials(String role, String password) {
    }

    private AppRoles(Credentials all, Map<String, Credentials> perVersion, String text) {
        this.all = all;
        this.perVersion = Map.copyOf(perVersion);
        this.text = text;
    }

    /**
     * Parses the setting's text; blank means {@link #NONE}.
     *
     * @throws ConfigurationException naming the setting and the accepted form
     */
    public static AppRoles parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        Credentials all = null;
        Map<String, Credentials> perVersion = new LinkedHashMap<>();
        for (String raw : text.split(",")) {
            String entry = raw.trim();
            int eq = entry.indexOf('=');
            String version = eq < 0 ? null : entry.substring(0, eq).trim();
            Credentials c = credentials(eq < 0 ? entry : entry.substring(eq + 1).trim(), text);
            if (version == null) {
                if (all != null) {
                    throw bad(text, "it names two roles for every version");
                }
                all = c;
            } else if (version.isEmpty() || perVersion.put(version, c) != null) {
                throw bad(text, version.isEmpty() ? "an entry has no version before `=`" : "version `" + version + "` is named twice");
            }
        }
        return new AppRoles(all, perVersion, text.trim());
    }

    private static Credentials credentials(String s, String text) {
        int colon = s.indexOf(':');
        String role = (colon < 0 ? s : s.substring(0, colon)).trim();
        if (role.isEmpty()) {
            throw bad(text, "an entry has no role");
        }
        return new Credentials(role, colon < 0 ? null : s.substring(colon + 1));
    }

    private static ConfigurationException bad(String text, String why) {
        return new ConfigurationException("setting `appRole` (property zerodown.appRole): `" + redacted(text) + "` is not"
                + " valid (" + why + "); write role, role:password or version=role, such as app or old=app_v1,new=app_v2");
    }

    /** The text with passwords replaced by {@code ***}, for messages and reports. */
    private static String redacted(String text) {
        return text.replaceAll(":[^,]*", ":***");
    }

    /** The role of a version, null for the server's own user. */
    public String roleOf(String version) {
        Credentials c = perVersion.getOrDefault(version, all);
        return c == null ? null : c.role();
    }

    /** True when no version has a role of its own. */
    public boolean none() {
        return all == null && perVersion.isEmpty();
    }

    /** A non-pooling DataSource for one version, as its role. */
    DataSource dataSource(Database db, String version, String applicationName) {
        Credentials c = perVersion.getOrDefault(version, all);
        return c == null ? db.dataSource(applicationName) : db.dataSource(applicationName, c.role(), c.password());
    }

    @Override
    public String toString() {
        return none() ? "(the server's user)" : redacted(text);
    }
}
