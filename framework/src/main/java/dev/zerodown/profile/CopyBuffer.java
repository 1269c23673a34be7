package dev.zerodown.profile;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * COPY text written straight into one reusable byte array: digits without a {@code String}, ASCII
 * without an encoder, and escaping ({@code \\}, tab, newline, carriage return) with UTF-8 only for
 * the text that needs it. One per COPY; not thread-safe.
 */
final class CopyBuffer {
    private byte[] buf;
    private int len;

    CopyBuffer(int capacity) {
        buf = new byte[capacity];
    }

    int length() {
        return len;
    }

    byte[] array() {
        return buf;
    }

    void clear() {
        len = 0;
    }

    void put(char ascii) {
        ensure(1);
        buf[len++] = (byte) ascii;
    }

    void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    /** The decimal digits of {@code v}, as {@code Long.toString}. */
    void putLong(long v) {
        if (v == Long.MIN_VALUE) {
            putAscii("-9223372036854775808");
            return;
        }
        ensure(20);
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long p = 10; digits < 19 && v >= p; p *= 10) {
            digits++;
        }
        int end = len + digits;
        for (int at = end - 1; at >= len; at--) {
            buf[at] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len = end;
    }

    /** {@code v} as exactly {@code width} digits, zero-padded ({@code v} ≥ 0 and below 10^width). */
    void putPadded(long v, int width) {
        ensure(width);
        for (int at = len + width - 1; at >= len; at--) {
            buf[at] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len += width;
    }

    /** Text known to be ASCII with nothing to escape. */
    void putAscii(String s) {
        int n = s.length();
        ensure(n);
        for (int k = 0; k < n; k++) {
            buf[len++] = (byte) s.charAt(k);
        }
    }

    /** Any text, escaped for COPY's text format and encoded as UTF-8. */
    void putEscaped(String s) {
        put(escaped(s));
    }

    /** The bytes {@link #putEscaped} writes for {@code s} (for values written many times). */
    static byte[] escaped(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int k = 0; k < s.length(); k++) {
            char ch = s.charAt(k);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(ch);
            }
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
