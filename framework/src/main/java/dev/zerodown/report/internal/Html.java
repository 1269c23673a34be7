package dev.zerodown.report.internal;


/** A tiny HTML builder: every text and attribute value passes through {@link Text#html}. */
final class Html {
    private final StringBuilder b = new StringBuilder();

    public Html raw(String s) {
        b.append(s);
        return this;
    }

    public Html text(Object s) {
        b.append(Text.html(s == null ? null : String.valueOf(s)));
        return this;
    }

    public Html open(String tag, String... attrs) {
        b.append('<').append(tag);
        for (int i = 0; i + 1 < attrs.length; i += 2) {
            if (attrs[i + 1] != null) {
                b.append(' ').append(attrs[i]).append("=\"").append(Text.html(attrs[i + 1])).append('"');
            }
        }
        b.append('>');
        return this;
    }

    public Html close(String tag) {
        b.append("</").append(tag).append('>');
        return this;
    }

    /** {@code <tag attrs>text</tag>}. */
    public Html el(String tag, Object text, String... attrs) {
        return open(tag, attrs).text(text).close(tag);
    }

    public Html nl() {
        b.append('\n');
        return this;
    }

    @Override
    public String toString() {
        return b.toString();
    }
}
