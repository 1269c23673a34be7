package dev.zerodown.profile;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import dev.zerodown.config.ConfigurationException;
import org.apiguardian.api.API;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Where a profile is captured from: a JDBC URL and credentials taken, in this order, from the URL's
 * {@code user}/{@code password} parameters, a credentials pair given by the caller (Maven's
 * {@code <server>}), or {@code PGUSER}/{@code PGPASSWORD}. The password never appears in
 * {@link #toString()} or {@link #redactedUrl()}.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class CaptureSource {
    private final String redactedUrl;
    private final String user;
    private final String password;

    private CaptureSource(String redactedUrl, String user, String password) {
        this.redactedUrl = redactedUrl;
        this.user = user;
        this.password = password;
    }

    /**
     * @param jdbcUrl        {@code jdbc:postgresql://host[:port]/database[?user=…&password=…]}
     * @param serverUser     user of Maven's {@code <server>}, or null
     * @param serverPassword password of Maven's {@code <server>}, or null
     * @param env            the environment ({@code PGUSER}, {@code PGPASSWORD})
     */
    public static CaptureSource of(String jdbcUrl, String serverUser, String serverPassword, Map<String, String> env) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new ConfigurationException("Setting 'captureUrl' (zerodown.captureUrl) must be a JDBC URL "
                    + "jdbc:postgresql://host[:port]/database, but is " + (jdbcUrl == null ? "unset" : "'" + redact(jdbcUrl) + "'"));
        }
        String user = null;
        String password = null;
        List<String> kept = new ArrayList<>();
        int q = jdbcUrl.indexOf('?');
        String base = q < 0 ? jdbcUrl : jdbcUrl.substring(0, q);
        if (q >= 0) {
            for (String pair : jdbcUrl.substring(q + 1).split("&")) {
                String key = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                String value = pair.contains("=") ? URLDecoder.decode(pair.substring(pair.indexOf('=') + 1), StandardCharsets.UTF_8) : "";
                switch (key) {
                    case "user" -> user = value;
                    case "password" -> password = value;
                    default -> kept.add(pair);
                }
            }
        }
        if (user == null && serverUser != null) {
            user = serverUser;
            password = password == null ? serverPassword : password;
        }
        if (user == null) {
            user = env.get("PGUSER");
        }
        if (password == null) {
            password = env.get("PGPASSWORD");
        }
        String clean = kept.isEmpty() ? base : base + "?" + String.join("&", kept);
        return new CaptureSource(clean, user, password);
    }

    /** The URL without user and password. */
    public String redactedUrl() {
        return redactedUrl;
    }

    /** The user connecting, or null for the driver's default. */
    public String user() {
        return user;
    }

    /** A read-only-minded, non-pooling DataSource (the capture itself makes every session read-only). */
    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(redactedUrl);
        if (user != null) {
            ds.setUser(user);
        }
        if (password != null) {
            ds.setPassword(password);
        }
        ds.setApplicationName("zerodown-capture");
        ds.setReadOnly(true);
        ds.setOptions("-c default_transaction_read_only=on");
        return ds;
    }

    /** A URL with any {@code password=} value replaced by {@code ***}. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("//[^/@]*:[^/@]*@", "//***@");
    }

    @Override
    public String toString() {
        return redactedUrl + (user == null ? "" : " as " + user);
    }
}
