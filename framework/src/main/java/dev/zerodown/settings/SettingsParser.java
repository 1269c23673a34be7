package dev.zerodown.settings;

import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.Durations;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import dev.zerodown.hazards.Severities;

/** Parses one setting's text; every error names the setting and lists what is accepted. */
final class SettingsParser {
    /** A placeholder name. */
    private static final Pattern NAME = Pattern.compile("[\\w.:-]+");
    /** A comma followed by {@code name=}: where the next placeholder entry starts. */
    private static final Pattern ENTRY_START = Pattern.compile(",(?=\\s*[\\w.:-]+\\s*=)");

    private final String name;
    private final String value;

    SettingsParser(String name, String value) {
        this.name = name;
        this.value = value;
    }

    /** The text as given. */
    String value() {
        return value;
    }

    String text() {
        return value == null || value.isBlank() ? null : value.trim();
    }

    List<String> list() {
        return Settings.split(value);
    }

    boolean bool() {
        String v = value == null ? "" : value.trim();
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw bad("a boolean", "true or false");
    }

    long number(long min, long max) {
        try {
            long n = Long.parseLong(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        throw bad("a whole number from " + min + (max == Long.MAX_VALUE ? " on" : " to " + max),
                "digits only, such as " + Math.max(min, 1));
    }

    double decimal() {
        try {
            double d = Double.parseDouble(value.trim());
            if (d >= 0 && Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        throw bad("a number of at least 0", "requests per second, such as 200 (0 = closed loop), or profile");
    }

    /** {@link #decimal()}, or {@code profile}: the profile's calls per second, resolved when a run starts. */
    double rate() {
        return value != null && value.trim().equalsIgnoreCase("profile") ? Settings.RATE_FROM_PROFILE : decimal();
    }

    /** {@code auto} (also for blank), {@code memory}, {@code disk}, or a folder as given. */
    String cloneStrategy() {
        String t = text();
        if (t == null) {
            return "template";
        }
        String lower = t.strip().toLowerCase(java.util.Locale.ROOT);
        if (!List.of("template", "in-place").contains(lower)) {
            throw bad("a clone strategy", "template (each run in a copy of the allowExternal database) or in-place (in"
                    + " that database itself)");
        }
        return lower;
    }

    String dataDirectory() {
        String t = text();
        if (t == null) {
            return "auto";
        }
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        return List.of("auto", "memory", "disk").contains(lower) ? lower : t;
    }

    Duration duration() {
        return Durations.parse(name, value);
    }

    Duration positiveDuration() {
        Duration d = duration();
        if (d.isZero()) {
            throw bad("a duration above zero", "500ms, 2s or 1m");
        }
        return d;
    }

    List<Integer> majors() {
        return dev.zerodown.postgres.Postgres.parseMajors(value);
    }

    /**
     * {@code name=value} entries, comma-separated; a comma starts a new entry only where a {@code name=} follows
     * it, so a value may hold commas ({@code grants=select,insert,owner=admin} is two entries).
     */
    Map<String, String> map() {
        Map<String, String> m = new LinkedHashMap<>();
        if (value == null) {
            return m;
        }
        for (String entry : ENTRY_START.split(value)) {
            String pair = entry.trim();
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0 || !NAME.matcher(pair.substring(0, eq).trim()).matches()) {
                throw bad("a list of name=value entries", "name=value entries, comma-separated, such as"
                        + " schema=app,grants=select,insert (a comma starts a new entry only when name= follows it)");
            }
            m.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return m;
    }


    /**
     * A Liquibase context or label expression ({@code prod, eu}, {@code !test and (eu or us)}), or null: its
     * parentheses must pair up and no operator may stand without an operand, where Liquibase's matcher would fail
     * or match nothing.
     */
    String liquibaseExpression(String what) {
        String t = text();
        if (t == null) {
            return null;
        }
        int depth = 0;
        for (char c : t.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0) {
                break;
            }
        }
        String words = " " + t.toLowerCase(java.util.Locale.ROOT).replaceAll("[(),!]", " $0 ") + " ";
        boolean dangling = words.matches(".*(^\\s*(and|or|,)\\s|\\s(and|or|,|not|!)\\s*$"
                + "|\\s(and|or|,)\\s+(and|or|,|\\))\\s|\\(\\s+(and|or|,)\\s).*");
        if (depth != 0 || dangling) {
            throw bad("a Liquibase " + what + " expression", "names joined by `,`, `and`, `or`, with `!` or `not` and"
                    + " parentheses, as Liquibase's --" + what + "s takes them (e.g. `prod, eu` or `!test and (eu or us)`)");
        }
        return t;
    }

    Severities severities() {
        return Severities.parse(value);
    }

    private ConfigurationException bad(String what, String write) {
        return ConfigurationException.badValue(name, value, what, write);
    }
}
