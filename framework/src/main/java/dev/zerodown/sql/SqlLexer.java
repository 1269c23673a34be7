package dev.zerodown.sql;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The one PostgreSQL tokenizer: tells comments, strings, quoted identifiers, words and symbols
 * apart. Strings in every quoting form: {@code 'it''s'}, {@code E'it\'s'}, {@code U&'d\0061t'},
 * {@code $$ … $$} and {@code $tag$ … $tag$}; quoted identifiers {@code "a;b"} and {@code U&"…"};
 * {@code -- …} line comments and nested {@code /* … *}{@code /} block comments. A {@code $} inside a
 * word ({@code a$b$}) starts no dollar quote; any other does, its tag running to the next {@code $}, as in Flyway.
 * An unterminated quote or comment runs to the end of the text. Whitespace is not a token.
 */
@API(status = API.Status.INTERNAL)
public final class SqlLexer {
    /** What a token is. */
    @API(status = API.Status.INTERNAL)
    public enum Kind { WORD, QUOTED_IDENTIFIER, STRING, LINE_COMMENT, BLOCK_COMMENT, SYMBOL }

    /** A token: {@code text.substring(start, end)}. */
    @API(status = API.Status.INTERNAL)
    public record Token(Kind kind, int start, int end) {
        public boolean comment() {
            return kind == Kind.LINE_COMMENT || kind == Kind.BLOCK_COMMENT;
        }

        /** Whether this is the word (case-insensitive) or the symbol {@code word}. */
        public boolean is(String text, String word) {
            return (kind == Kind.WORD || kind == Kind.SYMBOL) && end - start == word.length()
                    && text.regionMatches(true, start, word, 0, word.length());
        }
    }

    private final String s;
    private final boolean parameters;
    private int pos;

    /** A lexer at the start of {@code text}; {@link #next()} reads one token at a time. */
    public SqlLexer(String text) {
        this(text, false);
    }

    private SqlLexer(String text, boolean parameters) {
        this.s = text;
        this.parameters = parameters;
    }

    /**
     * Every token of a statement with bind parameters, as PostgreSQL reads it (and as
     * {@code pg_stat_statements} writes it): {@code $1} is one {@link Kind#WORD}, not a dollar quote.
     */
    public static List<Token> tokensWithParameters(String text) {
        SqlLexer lexer = new SqlLexer(text, true);
        List<Token> out = new ArrayList<>();
        Token t;
        while ((t = lexer.next()) != null) {
            out.add(t);
        }
        return out;
    }

    /** Every token of {@code text}. */
    public static List<Token> tokens(String text) {
        SqlLexer lexer = new SqlLexer(text);
        List<Token> out = new ArrayList<>();
        Token t;
        while ((t = lexer.next()) != null) {
            out.add(t);
        }
        return out;
    }

    /** The offset of the first token that is not a comment, at or after {@code from}; the end if none. */
    public static int firstToken(String text, int from) {
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

    /**
     * The characters that are not code: inside strings, quoted identifiers and comments (quotes and
     * comment markers included). Generators, placeholders and {@code ?} mean something only outside.
     */
    public static BitSet notCode(String text) {
        BitSet out = new BitSet(text.length());
        for (Token t : tokens(text)) {
            if (t.kind() != Kind.WORD && t.kind() != Kind.SYMBOL) {
                out.set(t.start(), t.end());
            }
        }
        return out;
    }

    /** Moves to {@code offset}, which must not lie inside a token. */
    void seek(int offset) {
        pos = offset;
    }

    /** The next token, or null at the end. */
    public Token next() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
        if (pos >= s.length()) {
            return null;
        }
        int start = pos;
        return new Token(scan(s.charAt(pos)), start, pos);
    }

    private Kind scan(char c) {
        if (c == '-' && peek(1) == '-') {
            int nl = s.indexOf('\n', pos);
            pos = nl < 0 ? s.length() : nl;
            return Kind.LINE_COMMENT;
        }
        if (c == '/' && peek(1) == '*') {
            blockComment();
            return Kind.BLOCK_COMMENT;
        }
        if (c == '\'') {
            quoted('\'', false);
            return Kind.STRING;
        }
        if ((c == 'e' || c == 'E') && peek(1) == '\'') {
            pos++;
            quoted('\'', true);
            return Kind.STRING;
        }
        if ((c == 'u' || c == 'U') && peek(1) == '&' && (peek(2) == '\'' || peek(2) == '"')) {
            pos += 2;
            char quote = s.charAt(pos);
            quoted(quote, false);
            return quote == '\'' ? Kind.STRING : Kind.QUOTED_IDENTIFIER;
        }
        if (c == '"') {
            quoted('"', false);
            return Kind.QUOTED_IDENTIFIER;
        }
        if (c == '$' && parameters && Character.isDigit(peek(1))) {
            pos++;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            return Kind.WORD;
        }
        if (c == '$' && dollarQuote()) {
            return Kind.STRING;
        }
        if (Character.isDigit(c)) {
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                pos++;
            }
            return Kind.WORD;
        }
        if (wordStart(c)) {
            while (pos < s.length() && wordPart(s.charAt(pos))) {
                pos++;
            }
            return Kind.WORD;
        }
        pos++;
        return Kind.SYMBOL;
    }

    private char peek(int ahead) {
        return pos + ahead < s.length() ? s.charAt(pos + ahead) : '\0';
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

    /**
     * A {@code $tag$ … $tag$} string at {@code pos}. As in Flyway's parser (what Flyway splits is what
     * runs), every {@code $} that starts a token opens one, its tag running to the next {@code $}:
     * a bare parameter {@code $1} in code opens a quote that, unclosed, runs to the end.
     */
    private boolean dollarQuote() {
        int close = s.indexOf('$', pos + 1);
        if (close < 0) {
            pos = s.length();
            return true;
        }
        String tag = s.substring(pos, close + 1);
        int end = s.indexOf(tag, close + 1);
        pos = end < 0 ? s.length() : end + tag.length();
        return true;
    }

    private static boolean wordStart(char c) {
        return Character.isLetter(c) || c == '_' || c > 127;
    }

    private static boolean wordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
    }
}
