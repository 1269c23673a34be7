package dev.zerodown.settings;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import dev.zerodown.config.Durations;

/** One setting's value as the text a report shows; passwords redacted. */
final class SettingsText {
    /** {@code password=...} in a JDBC URL's query. */
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    /** {@code user:password@} in a URL's authority. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]+:)[^/@]*@");

    private SettingsText() {
    }

    static String of(String name, Object value) {
        if (value == null) {
            return null;
        }
        if ("jdbcUrl".equals(name)) {
            String redacted = PASSWORD.matcher(value.toString()).replaceAll("$1***");
            return USER_INFO.matcher(redacted).replaceAll("$1***@");
        }
        if (value instanceof Duration d) {
            return Durations.format(d);
        }
        if (value instanceof FailOn f) {
            return f.id();
        }
        if (value instanceof dev.zerodown.postgres.ProviderKind p) {
            return p.id();
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        if (value instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
        }
        if ("rate".equals(name) && value instanceof Double d && d == Settings.RATE_FROM_PROFILE) {
            return "profile";
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return String.valueOf(d.longValue());
        }
        return value.toString();
    }
}
