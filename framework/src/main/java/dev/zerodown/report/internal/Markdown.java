package dev.zerodown.report.internal;

import org.apiguardian.api.API;

/** Escaping for GitHub-flavoured Markdown. */
@API(status = API.Status.INTERNAL)
public final class Markdown {
    private Markdown() {
    }

    /** Plain text inside a paragraph or a table cell: Markdown and HTML syntax is shown literally. */
    public static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (char c : Text.oneLine(s).toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '\\', '`', '*', '_', '[', ']', '|', '#', '!', '~' -> b.append('\\').append(c);
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Inline code: as many backticks around it as needed; pipes escaped for tables. */
    public static String code(String s) {
        String t = Text.oneLine(s).replace("|", "\\|");
        if (t.isEmpty()) {
            return "";
        }
        String ticks = "`".repeat(longestRun(t, '`') + 1);
        String pad = t.startsWith("`") || t.endsWith("`") ? " " : "";
        return ticks + pad + t + pad + ticks;
    }

    /** A fenced code block that no content can close early. */
    public static String block(String language, String s) {
        String body = s == null ? "" : s.strip().replace("\r\n", "\n");
        String fence = "`".repeat(Math.max(3, longestRun(body, '`') + 1));
        return fence + language + "\n" + body + "\n" + fence + "\n";
    }

    private static int longestRun(String s, char c) {
        int best = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = s.charAt(i) == c ? run + 1 : 0;
            best = Math.max(best, run);
        }
        return best;
    }
}
