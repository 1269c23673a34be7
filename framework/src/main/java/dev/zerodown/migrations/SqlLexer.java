package dev.zerodown.migrations;

import java.util.ArrayList;
import java.util.List;

/**
 * A small PostgreSQL tokenizer: enough to tell comments, strings (all quoting forms, dollar quotes
 * included), quoted identifiers and words apart. Splitting is Flyway's job; this finds comments,
 * the first token of a statement and its leading keywords.
 */
final class SqlLexer {
    enum Kind { WORD, QUOTED_IDENTIFIER, STRING, LINE_COMMENT, BLOCK_COMMENT, SYMBOL }

    /** A token: {@code text.substring(start, end)}. */
    record Token(Kind kind, int start, int end) {
        boolean comment() {
            return kind == Kind.LINE_COMMENT || kind == Kind.BLOCK_COMMENT;
        }
    }

    private final String s;
    private int pos;

    private SqlLexer(String text) {
        this.s = text;
    }

    /** Every token of {@code text}, whitespace left out; an unterminated quote or comment runs to the end. */
    static List<Token> tokens(String text) {
        SqlLexer lexer = new SqlLexer(text);
        List<Token> out = new ArrayList<>();
        Token t;
        while ((t = lexer.next()) != null) {
            out.add(t);
        }
        return out;
    }

    /** The offset of the first token that is not a comment, at or after {@code from}; the end if none. */
    static int firstToken(String text, int from) {
        SqlLexer lexer = new SqlLexer(text);
        lexer.pos = from;
        Token t;
        while ((t = lexer.next()) != null) {
            if (!t.comment()) {
                return t.start();
            }
        }
        return text.length();
    }

    private Token next() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
        if (pos >= s.length()) {
            return null;
        }
        int start = pos;
        char c = s.charAt(pos);
        Kind kind;
        if (c == '-' && peek(1) == '-') {
            pos = indexOrEnd(s.indexOf('\n', pos));
            kind = Kind.LINE_COMMENT;
        } else if (c == '/' && peek(1) == '*') {
            blockComment();
            kind = Kind.BLOCK_COMMENT;
        } else if (c == '\'') {
            quoted('\'', false);
            kind = Kind.STRING;
        } else if ((c == 'e' || c == 'E') && peek(1) == '\'') {
            pos++;
            quoted('\'', true);
            kind = Kind.STRING;
        } else if ((c == 'u' || c == 'U') && peek(1) == '&' && (peek(2) == '\'' || peek(2) == '"')) {
            pos += 2;
            boolean string = s.charAt(pos) == '\'';
            quoted(s.charAt(pos), false);
            kind = string ? Kind.STRING : Kind.QUOTED_IDENTIFIER;
        } else if (c == '"') {
            quoted('"', false);
            kind = Kind.QUOTED_IDENTIFIER;
        } else if (c == '$' && dollarQuote()) {
            kind = Kind.STRING;
        } else if (wordStart(c)) {
            while (pos < s.length() && wordPart(s.charAt(pos))) {
                pos++;
            }
            kind = Kind.WORD;
        } else {
            pos++;
            kind = Kind.SYMBOL;
        }
        return new Token(kind, start, pos);
    }

    private char peek(int ahead) {
        return pos + ahead < s.length() ? s.charAt(pos + ahead) : '\0';
    }

    private int indexOrEnd(int index) {
        return index < 0 ? s.length() : index;
    }

    private void blockComment() {
        int depth = 0;
        while (pos < s.length()) {
            if (s.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (s.startsWith("*/", pos)) {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
    }

    /** From an opening quote at {@code pos}: past the closing one ({@code ''} doubles, backslash escapes if asked). */
    private void quoted(char quote, boolean backslashEscapes) {
        pos++;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (backslashEscapes && c == '\\') {
                pos += 2;
            } else if (c == quote && peek(1) == quote) {
                pos += 2;
            } else if (c == quote) {
                pos++;
                return;
            } else {
                pos++;
            }
        }
        pos = s.length();
    }

    /** A {@code $tag$ … $tag$} string at {@code pos}; false (nothing consumed) if {@code $} starts none. */
    private boolean dollarQuote() {
        int i = pos + 1;
        if (i < s.length() && Character.isDigit(s.charAt(i))) {
            return false;
        }
        while (i < s.length() && s.charAt(i) != '$') {
            if (!wordPart(s.charAt(i)) || s.charAt(i) == '$') {
                return false;
            }
            i++;
        }
        if (i >= s.length()) {
            return false;
        }
        String tag = s.substring(pos, i + 1);
        int close = s.indexOf(tag, i + 1);
        pos = close < 0 ? s.length() : close + tag.length();
        return true;
    }

    private static boolean wordStart(char c) {
        return Character.isLetter(c) || c == '_' || Character.isDigit(c) || c > 127;
    }

    private static boolean wordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
    }
}
