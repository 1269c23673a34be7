package dev.zerodown.config;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The one place that puts text on one line and cuts it for messages: SQL statements, server
 * errors, queries seen by the sampler, hazard messages. Every helper accepts null.
 */
@API(status = API.Status.INTERNAL)
public final class Text {
    /** How much of a statement a hazard or a timeline span shows. */
    public static final int STATEMENT_CHARS = 200;

    private Text() {
    }

    /** White space (newlines included) collapsed to single spaces, stripped; null becomes "". */
    public static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s+", " ");
    }

    /** {@link #oneLine} cut to at most {@code max} characters with {@code …}. */
    public static String oneLine(String s, int max) {
        return shorten(oneLine(s), max);
    }

    /** At most {@code max} characters, ending with {@code …} when cut; null becomes "". */
    public static String shorten(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "\u2026";
    }

    /** Like {@link #shorten} with {@code ...}, so the result stays ASCII (consoles, exception messages). */
    public static String shortenAscii(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 3)) + "...";
    }

    /** The first non-blank line, stripped; null becomes "". */
    public static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String s = message.strip();
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    /**
     * A SQL statement for a message: leading blank and comment lines dropped, white space
     * collapsed, cut at {@value #STATEMENT_CHARS} characters.
     */
    public static String statement(String sql) {
        if (sql == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (String line : sql.split("\n")) {
            String t = line.trim();
            if (b.length() == 0 && (t.isEmpty() || t.startsWith("--"))) {
                continue;
            }
            b.append(b.length() == 0 ? "" : " ").append(t);
        }
        return oneLine(b.toString(), STATEMENT_CHARS);
    }

    /** A count with thousands separators: {@code 1,250,000}. */
    public static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code 1 request}, {@code 2 requests}: the count and the word, plural unless the count is one. */
    public static String count(long n, String singular) {
        return n + " " + plural(n, singular);
    }

    /** The word, with an {@code s} unless {@code n} is one. */
    public static String plural(long n, String singular) {
        return n == 1 ? singular : singular + "s";
    }
}
