package dev.zerodown.report.internal;

import java.util.Locale;
import org.apiguardian.api.API;

/** Escaping and formatting shared by every report writer. */
@API(status = API.Status.INTERNAL)
public final class Text {
    private Text() {
    }

    /** Escapes text for HTML element content and quoted attribute values. Null becomes "". */
    public static String html(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String replacement = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (replacement == null && !pair && !validXml(c)) {
                replacement = "\uFFFD";
            }
            if (replacement != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (replacement != null) {
                    b.append(replacement);
                } else if (pair) {
                    b.append(c).append(s.charAt(++i));
                } else {
                    b.append(c);
                }
            } else if (pair) {
                i++;
            }
        }
        return b == null ? s : b.toString();
    }

    /** Same rules as {@link #html}: safe in XML content and attributes; drops characters XML 1.0 forbids. */
    public static String xml(String s) {
        return html(s);
    }

    /** A BMP character XML 1.0 allows (surrogate pairs are checked by the caller). */
    private static boolean validXml(char c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
    }

    /** Collapses whitespace (newlines included) to single spaces: {@link dev.zerodown.config.Text#oneLine(String)}. */
    public static String oneLine(String s) {
        return dev.zerodown.config.Text.oneLine(s);
    }

    /** At most {@code max} characters, ending with an ellipsis when cut: {@link dev.zerodown.config.Text#shorten}. */
    public static String shorten(String s, int max) {
        return dev.zerodown.config.Text.shorten(s, max);
    }

    /** Like {@link #shorten} with "..." so the result stays ASCII for consoles: {@link dev.zerodown.config.Text#shortenAscii}. */
    public static String shortenAscii(String s, int max) {
        return dev.zerodown.config.Text.shortenAscii(s, max);
    }

    /** A duration in ms for people: {@code 0 ms}, {@code 12 ms}, {@code 1.25 s}, {@code 2 min 5 s}. */
    public static String duration(double ms) {
        if (ms < 10) {
            return ms == Math.rint(ms) ? String.format(Locale.ROOT, "%.0f ms", ms)
                    : String.format(Locale.ROOT, "%.1f ms", ms);
        }
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.2f s", ms / 1000);
        }
        long s = Math.round(ms / 1000);
        return (s / 60) + " min " + (s % 60) + " s";
    }

    /** An instant on the run's clock: {@code 3.25 s}. */
    public static String at(long ms) {
        return String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
    }

    /** Rounds to three decimals (microseconds for millisecond values) for stable JSON. */
    public static double round3(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return 0;
        }
        return Math.round(v * 1000) / 1000.0;
    }

    /** A name usable as one path segment: letters, digits, '.', '_' and '-'; anything else becomes '-'. */
    public static String fileSafe(String name) {
        String s = name == null ? "" : name.strip().replaceAll("[^A-Za-z0-9._-]", "-");
        s = s.replaceAll("^[.-]+", "");
        return s.isEmpty() ? "run" : shortenPlain(s, 120);
    }

    private static String shortenPlain(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
