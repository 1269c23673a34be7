package dev.zerodown.load.internal;

import org.apiguardian.api.API;

/**
 * Marks every character of a PostgreSQL text as code, line comment, block comment or quoted (string literal, quoted
 * identifier, dollar-quoted body), so that semicolons, placeholders and generators are only looked
 * for where they mean something. Handles {@code 'it''s'}, {@code E'it\'s'}, {@code "a;b"},
 * {@code $tag$ … $tag$}, {@code -- …} and nested {@code /* … *}{@code /}.
 */
@API(status = API.Status.INTERNAL)
public final class SqlLexer {
    public static final byte CODE = 0;
    public static final byte BLOCK_COMMENT = 1;
    public static final byte QUOTED = 2;
    public static final byte LINE_COMMENT = 3;

    private SqlLexer() {
    }

    /** One kind per character of {@code text}. An unterminated quote or comment runs to the end. */
    public static byte[] kinds(String text) {
        int n = text.length();
        byte[] kinds = new byte[n];
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            int end;
            byte kind;
            if (c == '-' && at(text, i + 1, '-')) {
                end = lineCommentEnd(text, i);
                kind = LINE_COMMENT;
            } else if (c == '/' && at(text, i + 1, '*')) {
                end = blockCommentEnd(text, i);
                kind = BLOCK_COMMENT;
            } else if (c == '\'') {
                end = stringEnd(text, i, isEscapeStringPrefix(text, i));
                kind = QUOTED;
            } else if (c == '"') {
                end = stringEnd(text, i, false);
                kind = QUOTED;
            } else if (c == '$' && !identifierPart(text, i - 1)) {
                String tag = dollarTag(text, i);
                if (tag == null) {
                    i++;
                    continue;
                }
                int close = text.indexOf(tag, i + tag.length());
                end = close < 0 ? n : close + tag.length();
                kind = QUOTED;
            } else {
                i++;
                continue;
            }
            for (int k = i; k < end; k++) {
                kinds[k] = kind;
            }
            i = end;
        }
        return kinds;
    }

    static boolean at(String text, int i, char c) {
        return i >= 0 && i < text.length() && text.charAt(i) == c;
    }

    /** True for letters, digits, {@code _} and {@code $}: characters that continue an identifier. */
    public static boolean identifierPart(String text, int i) {
        if (i < 0 || i >= text.length()) {
            return false;
        }
        char c = text.charAt(i);
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static int lineCommentEnd(String text, int i) {
        int nl = text.indexOf('\n', i);
        return nl < 0 ? text.length() : nl;
    }

    private static int blockCommentEnd(String text, int start) {
        int depth = 0;
        int i = start;
        while (i < text.length()) {
            if (text.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (text.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return text.length();
    }

    private static boolean isEscapeStringPrefix(String text, int quote) {
        return quote > 0 && (text.charAt(quote - 1) == 'E' || text.charAt(quote - 1) == 'e')
                && !identifierPart(text, quote - 2);
    }

    /** End (exclusive) of a quoted run opening at {@code start}; a doubled quote continues it. */
    private static int stringEnd(String text, int start, boolean backslashEscapes) {
        char q = text.charAt(start);
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == q) {
                if (at(text, i + 1, q)) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return text.length();
    }

    /** The tag ({@code $$} or {@code $name$}) opening at {@code i}, or null if none. */
    private static String dollarTag(String text, int i) {
        int j = i + 1;
        if (j < text.length() && (Character.isLetter(text.charAt(j)) || text.charAt(j) == '_')) {
            while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
                j++;
            }
        }
        return at(text, j, '$') ? text.substring(i, j + 1) : null;
    }
}
