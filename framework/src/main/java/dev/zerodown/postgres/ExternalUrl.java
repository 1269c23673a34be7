package dev.zerodown.postgres;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.zerodown.config.ConfigurationException;

/**
 * The setting {@code jdbcUrl}, split into the server (hosts, other parameters, credentials) and the
 * database it names.
 *
 * @param server   the server, with user and password taken out of the parameters
 * @param database the database of the URL, decoded
 */
record ExternalUrl(ServerAddress server, String database) {
    static final String FORM = "jdbc:postgresql://host[:port]/database?user=NAME&password=SECRET";
    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/?#]+)/([^/?#]+)(?:\\?(.*))?");
    private static final Pattern HOST = Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9._-]+)(:\\d{1,5})?");

    static ExternalUrl parse(String url) {
        Matcher m = URL.matcher(url == null ? "" : url.trim());
        if (!m.matches() || !validHosts(m.group(1))) {
            throw malformed(url);
        }
        String user = null;
        String password = "";
        List<String> others = new ArrayList<>();
        for (String param : m.group(3) == null ? new String[0] : m.group(3).split("&")) {
            if (param.isEmpty()) {
                continue;
            }
            int eq = param.indexOf('=');
            String key = eq < 0 ? param : param.substring(0, eq);
            String value = eq < 0 ? "" : decode(param.substring(eq + 1), url);
            switch (key) {
                case "user" -> user = value;
                case "password" -> password = value;
                default -> others.add(param);
            }
        }
        if (user == null || user.isEmpty()) {
            throw new ConfigurationException("jdbcUrl (property zerodown.jdbcUrl) names no user; write it as " + FORM);
        }
        return new ExternalUrl(new ServerAddress(m.group(1), String.join("&", others), user, password), decode(m.group(2), url));
    }

    private static boolean validHosts(String hosts) {
        for (String h : hosts.split(",", -1)) {
            Matcher hm = HOST.matcher(h);
            if (!hm.matches() || hm.group(2) != null && Integer.parseInt(hm.group(2).substring(1)) > 65535) {
                return false;
            }
        }
        return true;
    }

    private static String decode(String s, String url) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed(url);
        }
    }

    private static ConfigurationException malformed(String url) {
        return new ConfigurationException("jdbcUrl (property zerodown.jdbcUrl) '" + redact(url)
                + "' is not a PostgreSQL JDBC URL; accepted form: " + FORM);
    }

    /** The URL with any password replaced, safe to print. */
    static String redact(String url) {
        return url == null ? "" : url.replaceAll("(?i)(password=)[^&]*", "$1***").lines().findFirst().orElse("");
    }
}
