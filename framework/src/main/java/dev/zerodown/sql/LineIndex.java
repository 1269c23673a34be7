package dev.zerodown.sql;

import java.util.Arrays;
import org.apiguardian.api.API;

/** Offsets to 1-based line numbers of one text, and back: the one line index of every SQL file. */
@API(status = API.Status.INTERNAL)
public final class LineIndex {
    private final String text;
    private final int[] lineStarts;

    public LineIndex(String text) {
        this.text = text;
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, n);
    }

    /** The 1-based line holding {@code offset}. */
    public int lineOf(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** The offset where a 1-based line starts. */
    public int startOf(int line) {
        return lineStarts[Math.max(0, Math.min(line, lineStarts.length) - 1)];
    }

    /** The offset of the line break ending a 1-based line (or the text's end). */
    public int endOf(int line) {
        return line >= lineStarts.length ? text.length() : lineStarts[line] - 1;
    }

    /** Whether a line holds only whitespace. */
    public boolean blank(int line) {
        return text.substring(startOf(line), endOf(line)).isBlank();
    }

    /** Whether only whitespace precedes {@code offset} on its line. */
    public boolean firstOnLine(int offset) {
        return text.substring(startOf(lineOf(offset)), offset).isBlank();
    }
}
