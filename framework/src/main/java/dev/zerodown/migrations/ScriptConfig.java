package dev.zerodown.migrations;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import dev.zerodown.config.ConfigurationException;

/**
 * A script's {@code <file>.sql.conf} (Flyway's script configuration): {@code key=value} lines,
 * {@code #} comments.
 *
 * @param executeInTransaction   the {@code executeInTransaction} value; null when not set
 * @param encoding               the script's encoding ({@code encoding}, UTF-8 by default)
 * @param placeholderReplacement false when {@code placeholderReplacement=false}
 */
record ScriptConfig(Boolean executeInTransaction, Charset encoding, boolean placeholderReplacement) {
    static final ScriptConfig DEFAULT = new ScriptConfig(null, StandardCharsets.UTF_8, true);
    static final String ACCEPTED_KEYS = "executeInTransaction, encoding, placeholderReplacement";

    /**
     * @param text        the content of the {@code .sql.conf} file
     * @param displayPath the {@code .sql.conf} file as shown in messages
     */
    static ScriptConfig parse(String text, String displayPath) {
        Boolean inTransaction = null;
        Charset encoding = StandardCharsets.UTF_8;
        boolean placeholders = true;
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = displayPath + ":" + (i + 1);
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new ConfigurationException(where + ": expected key=value, found '" + line
                        + "'; accepted keys: " + ACCEPTED_KEYS);
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            switch (key) {
                case "executeInTransaction" -> inTransaction = bool(where, key, value);
                case "placeholderReplacement" -> placeholders = bool(where, key, value);
                case "encoding" -> encoding = charset(where, value);
                default -> throw new ConfigurationException(where + ": unknown key '" + key
                        + "'; accepted keys: " + ACCEPTED_KEYS);
            }
        }
        return new ScriptConfig(inTransaction, encoding, placeholders);
    }

    private static boolean bool(String where, String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException(where + ": " + key + " has value '" + value
                    + "'; accepted: true, false");
        };
    }

    private static Charset charset(String where, String value) {
        try {
            return Charset.forName(value);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ConfigurationException(where + ": encoding '" + value
                    + "' is not a charset this JVM knows; write e.g. UTF-8 or ISO-8859-1");
        }
    }
}
