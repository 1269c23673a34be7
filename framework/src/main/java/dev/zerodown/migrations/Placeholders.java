package dev.zerodown.migrations;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.zerodown.config.ConfigurationException;

/**
 * Flyway's {@code ${name}} placeholders: names are case-insensitive, replaced everywhere in the
 * script (strings and comments included), and a name without a value is an error. Dollar quotes
 * ({@code $$}, {@code $tag$}) are not placeholders and stay as they are.
 */
final class Placeholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}\\r\\n]*)}");

    private final Map<String, String> values;

    /** @param values name to value; names compare case-insensitively, as in Flyway */
    Placeholders(Map<String, String> values) {
        TreeMap<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        m.putAll(values);
        this.values = m;
    }

    /** Flyway's format of {@code ${flyway:timestamp}}: when the script was read. */
    static final java.time.format.DateTimeFormatter TIMESTAMP = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * These placeholders plus Flyway's built-ins for one script, as Flyway 13 fills them (compared with Flyway in
     * the tests): {@code flyway:filename}, {@code flyway:table}, {@code flyway:defaultSchema} ({@code public}
     * unless configured), {@code flyway:timestamp}, {@code flyway:workingDirectory}; {@code flyway:user} comes from
     * the run (the connecting user). A value given by the user wins.
     */
    Placeholders forScript(String fileName) {
        TreeMap<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        m.put("flyway:filename", fileName);
        m.put("flyway:table", "flyway_schema_history");
        m.put("flyway:defaultSchema", "public");
        m.put("flyway:timestamp", java.time.LocalDateTime.now().format(TIMESTAMP));
        m.put("flyway:workingDirectory", java.nio.file.Paths.get("").toAbsolutePath().toString());
        m.putAll(values);
        return new Placeholders(m);
    }

    /**
     * The script with every placeholder replaced, and for each line of the result the line of the
     * original it came from (a value with line breaks must not shift later line numbers).
     */
    Replaced replace(String script, String displayPath) {
        Matcher m = PLACEHOLDER.matcher(script);
        StringBuilder out = new StringBuilder(script.length());
        LineMap lines = new LineMap();
        int last = 0;
        int line = 1;
        while (m.find()) {
            line = lines.copy(script, last, m.start(), out, line);
            String name = m.group(1);
            String value = values.get(name);
            if (value == null && name.equalsIgnoreCase("flyway:database")) {
                throw new ConfigurationException(displayPath + ":" + line + ": placeholder ${flyway:database} is the"
                        + " database Flyway migrates, and Zerodown runs each check in a scratch database of its own whose name"
                        + " it cannot know while reading the scripts; write current_database() where the SQL allows it, or set"
                        + " placeholders=flyway:database=<name>");
            }
            if (value == null) {
                throw new ConfigurationException(displayPath + ":" + line + ": placeholder ${" + name
                        + "} has no value; defined: " + String.join(", ", values.keySet())
                        + "; set it in placeholders, or add placeholderReplacement=false to " + displayPath + ".conf");
            }
            lines.insert(value, out, line);
            last = m.end();
        }
        lines.copy(script, last, script.length(), out, line);
        return new Replaced(out.toString(), lines.toArray());
    }

    /**
     * @param text         the script after replacement
     * @param originalLine for each line of {@code text} (index 0 = line 1), its line in the file
     */
    record Replaced(String text, int[] originalLine) {
        static Replaced unchanged(String text) {
            int n = (int) text.chars().filter(c -> c == '\n').count() + 1;
            int[] lines = new int[n];
            for (int i = 0; i < n; i++) {
                lines[i] = i + 1;
            }
            return new Replaced(text, lines);
        }

        /** The file line of a 1-based line of {@link #text()}. */
        int fileLine(int line) {
            return originalLine[Math.max(0, Math.min(line, originalLine.length) - 1)];
        }
    }

    /** Builds the output-line to file-line table while text is appended. */
    private static final class LineMap {
        private int[] map = new int[64];
        private int size = 1;

        LineMap() {
            map[0] = 1;
        }

        /** Copies original text; returns the file line reached. */
        int copy(String script, int from, int to, StringBuilder out, int line) {
            int l = line;
            for (int i = from; i < to; i++) {
                char c = script.charAt(i);
                out.append(c);
                if (c == '\n') {
                    add(++l);
                }
            }
            return l;
        }

        /** Appends a value: its own line breaks stay on the same file line. */
        void insert(String value, StringBuilder out, int line) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                out.append(c);
                if (c == '\n') {
                    add(line);
                }
            }
        }

        private void add(int fileLine) {
            if (size == map.length) {
                map = java.util.Arrays.copyOf(map, size * 2);
            }
            map[size++] = fileLine;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(map, size);
        }
    }
}
