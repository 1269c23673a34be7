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
        StringBuilder b = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (validXml(c)) {
                        b.appendCodePoint(c);
                    } else {
                        b.append('\uFFFD');
                    }
                }
            }
        });
        return b.toString();
    }

    /** Same rules as {@link #html}: safe in XML content and attributes; drops characters XML 1.0 forbids. */
    public static String xml(String s) {
        return html(s);
    }

    private static boolean validXml(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
    }

    /** Collapses whitespace (newlines included) to single spaces. */
    public static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s+", " ");
    }

    /** At most {@code max} characters, ending with an ellipsis when cut. */
    public static String shorten(String s, int max) {
        if (s == null) {
            return "";
        }
        if (s.length() <= max) {
            return s;
        }
        return s.substring(0, Math.max(0, max - 1)) + "\u2026";
    }

    /** Like {@link #shorten} with "..." so the result stays ASCII for consoles. */
    public static String shortenAscii(String s, int max) {
        if (s == null) {
            return "";
        }
        if (s.length() <= max) {
            return s;
        }
        return s.substring(0, Math.max(0, max - 3)) + "...";
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
