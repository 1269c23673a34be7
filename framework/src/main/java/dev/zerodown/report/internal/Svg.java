package dev.zerodown.report.internal;

import org.apiguardian.api.API;

/** A small SVG writer: numbers with one decimal, every text and attribute value escaped. */
@API(status = API.Status.INTERNAL)
public final class Svg {
    private final StringBuilder b = new StringBuilder();

    public Svg raw(String s) {
        b.append(s);
        return this;
    }

    /** A coordinate with at most one decimal: {@code 12}, {@code 12.5}, {@code -0.5}. */
    public static String n(double v) {
        if (!Double.isFinite(v)) {
            return "0";
        }
        long tenths = Math.round(v * 10);
        long whole = Math.abs(tenths) / 10;
        long fraction = Math.abs(tenths) % 10;
        String sign = tenths < 0 ? "-" : "";
        return fraction == 0 ? sign + whole : sign + whole + "." + fraction;
    }

    /** Opens an element with attribute pairs; values are escaped. */
    public Svg open(String tag, Object... attrs) {
        b.append('<').append(tag);
        attributes(attrs);
        b.append('>');
        return this;
    }

    public Svg empty(String tag, Object... attrs) {
        b.append('<').append(tag);
        attributes(attrs);
        b.append("/>");
        return this;
    }

    public Svg close(String tag) {
        b.append("</").append(tag).append('>');
        return this;
    }

    /** {@code <text>} with escaped content. */
    public Svg text(String content, Object... attrs) {
        open("text", attrs);
        b.append(Text.xml(content));
        return close("text");
    }

    /** A native tooltip for the element just opened. */
    public Svg title(String content) {
        return open("title").raw(Text.xml(content)).close("title");
    }

    private void attributes(Object[] attrs) {
        for (int i = 0; i + 1 < attrs.length; i += 2) {
            Object v = attrs[i + 1];
            if (v == null) {
                continue;
            }
            String value = v instanceof Double d ? n(d) : v instanceof Float f ? n(f) : String.valueOf(v);
            b.append(' ').append(attrs[i]).append("=\"").append(Text.xml(value)).append('"');
        }
    }

    @Override
    public String toString() {
        return b.toString();
    }
}
