package dev.zerodown.report.internal;

/** Shared drawing state of the timeline: the scale, the details, the lanes drawn so far. */
final class TimelineCanvas {
    static final double WIDTH = 1160;
    static final double GUTTER = 200;
    static final double RIGHT = 14;
    static final double CHAR = 6.3;
    static final int MIN_CUT = 10;

    final TimelineScale scale;
    final Details details;
    final Svg fg = new Svg();
    double y;
    private int ids;

    TimelineCanvas(long start, long end, Details details) {
        this.scale = new TimelineScale(start, end, GUTTER, WIDTH - GUTTER - RIGHT);
        this.details = details;
    }

    /** A lane's label in the left gutter, with an optional second line, and a rule under the lane. */
    void label(String text, String second, double height) {
        double mid = y + height / 2;
        fg.text(Text.shorten(text, 30), "x", 8, "y", second == null ? mid + 4 : mid - 2, "class", "zd-lane");
        if (second != null) {
            fg.text(Text.shorten(second, 32), "x", 8, "y", mid + 10, "class", "zd-lane2");
        }
        fg.empty("line", "x1", 0, "x2", WIDTH, "y1", y + height, "y2", y + height, "class", "zd-rule");
    }

    /**
     * Fits a label into {@code width} pixels: the text, else the text cut with an ellipsis when at least
     * {@value #MIN_CUT} characters fit, else the short text, else nothing.
     */
    static String fit(String text, String shortText, double width) {
        int room = (int) ((width - 6) / CHAR);
        if (text != null && text.length() <= room) {
            return text;
        }
        if (text != null && room >= MIN_CUT) {
            return Text.shorten(text, room);
        }
        if (shortText != null && shortText.length() <= room) {
            return shortText;
        }
        return null;
    }

    String newId(String prefix) {
        return prefix + (++ids);
    }
}
