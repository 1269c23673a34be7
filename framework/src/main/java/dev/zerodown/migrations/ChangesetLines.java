package dev.zerodown.migrations;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a changeset and its SQL are written in a Liquibase changelog (XML, YAML, JSON or formatted SQL), found
 * by searching the text: Liquibase's parsers keep no line numbers. Lines are 1-based; 0 means not found.
 */
final class ChangesetLines {
    private static final Pattern XML_CHANGESET = Pattern.compile("<(?:[\\w-]+:)?changeSet\\b");
    private static final Pattern YAML_CHANGESET = Pattern.compile("(?m)^[\\s-]*[\"']?changeSet[\"']?\\s*:");
    private static final Pattern JSON_CHANGESET = Pattern.compile("\"changeSet\"\\s*:");
    private static final Pattern SQL_CHANGESET = Pattern.compile("(?im)^\\s*--\\s*changeset\\s+");

    private final String text;
    private final String[] lines;
    private final int[] lineStarts;
    private final Kind kind;
    private final List<Block> blocks = new ArrayList<>();

    private enum Kind { XML, YAML, JSON, SQL }

    /** One changeset as written: its id and author, the line it starts on, and the line before the next one. */
    private record Block(String id, String author, int line, int lastLine) {
    }

    ChangesetLines(String fileName, String text) {
        this.text = text;
        this.lines = text.split("\\R", -1);
        this.lineStarts = new int[lines.length];
        int pos = 0;
        Matcher nl = Pattern.compile("\\R").matcher(text);
        for (int i = 1; i < lines.length && nl.find(pos); i++) {
            lineStarts[i] = nl.end();
            pos = nl.end();
        }
        String lower = fileName.toLowerCase(Locale.ROOT);
        kind = lower.endsWith(".xml") ? Kind.XML : lower.endsWith(".json") ? Kind.JSON
                : lower.endsWith(".sql") ? Kind.SQL : Kind.YAML;
        findBlocks();
    }

    /** The line of the changeset {@code author:id} (its {@code <changeSet} or {@code changeSet:}), or 0. */
    int changeset(String author, String id) {
        Block b = block(author, id);
        return b == null ? 0 : b.line();
    }

    /** The last line of the changeset's text (the line before the next changeset, or the file's last). */
    int lastLine(String author, String id) {
        Block b = block(author, id);
        return b == null ? lines.length : b.lastLine();
    }

    /** The first line in {@code [from, to]} that holds the element or key {@code name} ({@code createIndex}), or 0. */
    int element(String name, int from, int to) {
        Pattern p = switch (kind) {
            case XML -> Pattern.compile("<(?:[\\w-]+:)?" + Pattern.quote(name) + "\\b");
            case JSON -> Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:");
            case YAML -> Pattern.compile("(^|[\\s-])" + Pattern.quote(name) + "\\s*:");
            case SQL -> null;
        };
        if (p == null) {
            return 0;
        }
        for (int i = Math.max(from, 1); i <= Math.min(to, lines.length); i++) {
            if (p.matcher(lines[i - 1]).find()) {
                return i;
            }
        }
        return 0;
    }

    /** The first line in {@code [from, to]} that contains {@code sqlLine} (stripped, at least 4 characters), or 0. */
    int sql(String sqlLine, int from, int to) {
        String wanted = collapse(sqlLine);
        if (wanted.length() < 4) {
            return 0;
        }
        for (int i = Math.max(from, 1); i <= Math.min(to, lines.length); i++) {
            if (collapse(unescape(lines[i - 1])).contains(wanted)) {
                return i;
            }
        }
        return 0;
    }

    private String unescape(String line) {
        return switch (kind) {
            case XML -> line.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                    .replace("&amp;", "&");
            case JSON -> line.replace("\\\"", "\"").replace("\\t", " ").replace("\\\\", "\\");
            default -> line;
        };
    }

    private static String collapse(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    private Block block(String author, String id) {
        Block any = null;
        for (Block b : blocks) {
            if (id.equals(b.id())) {
                if (author.equals(b.author())) {
                    return b;
                }
                any = any == null ? b : any;
            }
        }
        return any;
    }

    private void findBlocks() {
        Pattern start = switch (kind) {
            case XML -> XML_CHANGESET;
            case YAML -> YAML_CHANGESET;
            case JSON -> JSON_CHANGESET;
            case SQL -> SQL_CHANGESET;
        };
        List<Integer> offsets = new ArrayList<>();
        Matcher m = start.matcher(text);
        while (m.find()) {
            offsets.add(kind == Kind.YAML || kind == Kind.SQL ? firstNonBlank(m.start()) : m.start());
        }
        for (int i = 0; i < offsets.size(); i++) {
            int from = offsets.get(i);
            int to = i + 1 < offsets.size() ? offsets.get(i + 1) : text.length();
            String body = text.substring(from, to);
            int line = lineOf(from);
            int lastLine = i + 1 < offsets.size() ? lineOf(to) - 1 : lines.length;
            String[] idAuthor = idAndAuthor(body);
            blocks.add(new Block(idAuthor[0], idAuthor[1], line, Math.max(line, lastLine)));
        }
    }

    private int firstNonBlank(int offset) {
        int i = offset;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The id and author written in a changeset's text; null where not found. */
    private String[] idAndAuthor(String body) {
        return switch (kind) {
            case XML -> {
                int end = body.indexOf('>');
                String tag = end < 0 ? body : body.substring(0, end);
                yield new String[] {unescape(attribute(tag, "id")), unescape(attribute(tag, "author"))};
            }
            case SQL -> {
                Matcher m = Pattern.compile("(?i)--\\s*changeset\\s+(\"[^\"]*\"|[^\\s:\"]+):(\"[^\"]*\"|\\S*)").matcher(body);
                yield m.lookingAt() ? new String[] {unquote(m.group(2)), unquote(m.group(1))} : new String[2];
            }
            case JSON -> new String[] {key(body, "\"id\"\\s*:\\s*"), key(body, "\"author\"\\s*:\\s*")};
            case YAML -> new String[] {key(body, "(?m)^[\\s-]*[\"']?id[\"']?\\s*:\\s*"),
                    key(body, "(?m)^[\\s-]*[\"']?author[\"']?\\s*:\\s*")};
        };
    }

    private static String attribute(String tag, String name) {
        Matcher m = Pattern.compile("\\s" + name + "\\s*=\\s*(\"([^\"]*)\"|'([^']*)')").matcher(tag);
        return m.find() ? (m.group(2) != null ? m.group(2) : m.group(3)) : null;
    }

    /** The first value after {@code keyPattern}: a quoted string, or the rest of the line up to {@code ,} or {@code }}. */
    private static String key(String body, String keyPattern) {
        Matcher m = Pattern.compile(keyPattern + "(\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'|([^,}\\r\\n#]*))").matcher(body);
        if (!m.find()) {
            return null;
        }
        String v = m.group(2) != null ? m.group(2).replace("\\\"", "\"") : m.group(3) != null ? m.group(3) : m.group(4).strip();
        return v;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private int lineOf(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }
}
