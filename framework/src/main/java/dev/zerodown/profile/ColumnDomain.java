package dev.zerodown.profile;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.zerodown.profile.SeedCatalog.Column;

/**
 * The values one column may take, from its type, enum labels and simple CHECKs ({@code col > n},
 * ranges joined by AND, {@code col IN (…)}, {@code length(col) <= n}), and the value at index k
 * of that domain: distinct indexes give distinct values, so keys stay unique.
 */
final class ColumnDomain {
    private static final Pattern BOUND = Pattern.compile(
            "^\\(*\"?(\\w+)\"?\\)*(?:::[\\w ]+)?\\s*(>=|>|<=|<)\\s*\\(*'?(-?\\d+(?:\\.\\d+)?)'?\\)*(?:::[\\w ]+)?\\)*$");
    private static final Pattern IN = Pattern.compile(
            "^\\(*\"?(\\w+)\"?\\)*(?:::[\\w ]+)?\\s*=\\s*ANY\\s*\\(+ARRAY\\[(.*)\\]\\)*(?:::[\\w \\[\\]]+)?\\)*$");
    private static final Pattern LENGTH = Pattern.compile(
            "^\\(*(?:char_length|length|character_length)\\(\\(*\"?(\\w+)\"?\\)*(?:::[\\w ]+)?\\)\\s*(<=|<)\\s*(\\d+)\\)*$");
    private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'");
    private static final long EPOCH_2020 = 18262; // days from 1970-01-01 to 2020-01-01

    enum Kind { INT, DECIMAL, TEXT, BOOL, UUID, DATE, TIMESTAMP, TIMESTAMPTZ, TIME, INTERVAL, JSON, BYTEA, ENUM, INET,
        ARRAY, TSVECTOR, UNKNOWN }

    final Column column;
    final Kind kind;
    long min = 1;
    long max = Long.MAX_VALUE;
    int maxLength = Integer.MAX_VALUE;
    List<String> allowed;
    private final byte[][] allowedBytes;
    private final long salt;

    ColumnDomain(Column column, List<SeedCatalog.Check> checks, long salt) {
        this.column = column;
        this.kind = kind(column);
        this.salt = salt;
        switch (column.baseType()) {
            case "int2" -> max = Short.MAX_VALUE;
            case "int4" -> max = Integer.MAX_VALUE;
            default -> { }
        }
        if (column.baseType().equals("numeric") && column.typmod() >= 4) {
            int precision = ((column.typmod() - 4) >> 16) & 0xffff;
            int scale = (column.typmod() - 4) & 0xffff;
            if (precision - scale < 18) {
                max = BigInteger.TEN.pow(precision - scale).longValue() - 1;
            }
        }
        if ((column.baseType().equals("varchar") || column.baseType().equals("bpchar")) && column.typmod() > 4) {
            maxLength = column.typmod() - 4;
        }
        if (kind == Kind.ENUM) {
            allowed = column.labels();
        }
        for (SeedCatalog.Check c : checks) {
            apply(c.definition());
        }
        allowedBytes = allowed == null ? null : allowed.stream().map(CopyBuffer::escaped).toArray(byte[][]::new);
    }

    private static Kind kind(Column c) {
        if (c.typtype().equals("e")) {
            return Kind.ENUM;
        }
        if (c.category().equals("A")) {
            return Kind.ARRAY;
        }
        return switch (c.baseType()) {
            case "int2", "int4", "int8", "oid" -> Kind.INT;
            case "numeric", "float4", "float8", "money" -> Kind.DECIMAL;
            case "text", "varchar", "bpchar", "citext", "name", "char" -> Kind.TEXT;
            case "bool" -> Kind.BOOL;
            case "uuid" -> Kind.UUID;
            case "date" -> Kind.DATE;
            case "timestamp" -> Kind.TIMESTAMP;
            case "timestamptz" -> Kind.TIMESTAMPTZ;
            case "time", "timetz" -> Kind.TIME;
            case "interval" -> Kind.INTERVAL;
            case "json", "jsonb" -> Kind.JSON;
            case "bytea" -> Kind.BYTEA;
            case "inet", "cidr" -> Kind.INET;
            case "tsvector" -> Kind.TSVECTOR;
            default -> Kind.UNKNOWN;
        };
    }

    /** Narrows the domain by the conjuncts of a CHECK that name only this column; others are left to PostgreSQL. */
    private void apply(String definition) {
        String body = definition.replaceFirst("^CHECK\\s*", "").replaceFirst("\\s*NOT VALID$", "");
        for (String part : body.split("\\s+AND\\s+")) {
            String p = part.strip();
            Matcher m = BOUND.matcher(p);
            if (m.matches() && m.group(1).equals(column.name())) {
                double v = Double.parseDouble(m.group(3));
                switch (m.group(2)) {
                    case ">" -> min = Math.max(min == 1 ? Long.MIN_VALUE : min, (long) Math.floor(v) + 1);
                    case ">=" -> min = Math.max(min == 1 ? Long.MIN_VALUE : min, (long) Math.ceil(v));
                    case "<" -> max = Math.min(max, (long) Math.ceil(v) - 1);
                    default -> max = Math.min(max, (long) Math.floor(v));
                }
                continue;
            }
            m = IN.matcher(p);
            if (m.matches() && m.group(1).equals(column.name())) {
                List<String> values = new ArrayList<>();
                Matcher lit = LITERAL.matcher(m.group(2));
                while (lit.find()) {
                    values.add(lit.group(1).replace("''", "'"));
                }
                if (values.isEmpty()) {
                    for (String n : m.group(2).split(",")) {
                        values.add(n.replaceAll("[()]|::[\\w ]+", "").strip());
                    }
                }
                allowed = values;
                continue;
            }
            m = LENGTH.matcher(p);
            if (m.matches() && m.group(1).equals(column.name())) {
                int n = Integer.parseInt(m.group(3));
                maxLength = Math.min(maxLength, m.group(2).equals("<") ? n - 1 : n);
            }
        }
        if (max < min) {
            min = max - (1L << 20) + 1;
        }
    }

    /** How many distinct values the domain holds (capped at Long.MAX_VALUE). */
    long size() {
        if (allowed != null) {
            return allowed.size();
        }
        return switch (kind) {
            case BOOL -> 2;
            case TIME -> 86_400;
            case INET -> 1L << 24;
            case ARRAY -> 1;
            case UNKNOWN -> 0;
            case TEXT -> maxLength >= 12 ? Long.MAX_VALUE : (long) Math.pow(36, maxLength);
            case INT, DECIMAL -> max - min < 0 ? Long.MAX_VALUE : max - min + 1;
            default -> Long.MAX_VALUE;
        };
    }

    /** The value at index k (0-based), as COPY text (unescaped); {@code width} pads text towards a byte width. */
    String value(long k, int width) {
        if (allowed != null) {
            return allowed.get((int) Math.floorMod(k, (long) allowed.size()));
        }
        return switch (kind) {
            case INT, DECIMAL -> String.valueOf(min + k);
            case TEXT -> text(k, width);
            case BOOL -> k % 2 == 0 ? "t" : "f";
            case UUID -> new UUID(salt, k).toString();
            case DATE -> java.time.LocalDate.ofEpochDay(EPOCH_2020 + k % 2_000_000).toString();
            case TIMESTAMP -> timestamp(k);
            case TIMESTAMPTZ -> timestamp(k) + "+00";
            case TIME -> java.time.LocalTime.ofSecondOfDay(Math.floorMod(k, 86_400L)).toString();
            case INTERVAL -> k + " seconds";
            case JSON -> "{\"v\": " + k + "}";
            case BYTEA -> "\\x" + String.format("%016x", k);
            case INET -> "10." + ((k >> 16) & 255) + "." + ((k >> 8) & 255) + "." + (k & 255);
            case ARRAY -> "{}";
            case TSVECTOR -> "w" + Long.toString(k, 36);
            default -> throw new IllegalStateException("no values for " + column.type());
        };
    }

    /**
     * Writes {@link #value} at index k as escaped COPY text into {@code out}, without a {@code String} for the
     * kinds seeding writes most (numbers, text, enum and CHECK values, dates and timestamps). A timestamp
     * always carries its seconds ({@code 2020-01-01 00:00:00}), which {@link #value} leaves out when they are
     * zero: the same instant.
     */
    void write(long k, int width, CopyBuffer out) {
        if (allowedBytes != null) {
            out.put(allowedBytes[(int) Math.floorMod(k, (long) allowedBytes.length)]);
            return;
        }
        switch (kind) {
            case INT, DECIMAL -> out.putLong(min + k);
            case TEXT -> {
                if (k < 0) {
                    out.putEscaped(text(k, width));
                } else {
                    text(k, width, out);
                }
            }
            case DATE -> {
                if (k < 0) {
                    out.putEscaped(value(k, width));
                } else {
                    date(EPOCH_2020 + k % 2_000_000, out);
                }
            }
            case TIMESTAMP, TIMESTAMPTZ -> {
                if (k < 0) {
                    out.putEscaped(value(k, width));
                    return;
                }
                long second = EPOCH_2020 * 86_400 + k % 200_000_000_000L;
                date(second / 86_400, out);
                long s = second % 86_400;
                out.put(' ');
                out.putPadded(s / 3600, 2);
                out.put(':');
                out.putPadded(s / 60 % 60, 2);
                out.put(':');
                out.putPadded(s % 60, 2);
                if (kind == Kind.TIMESTAMPTZ) {
                    out.putAscii("+00");
                }
            }
            case BOOL -> out.put(k % 2 == 0 ? 't' : 'f');
            default -> out.putEscaped(value(k, width));
        }
    }

    /** {@code yyyy-mm-dd} of a day since 1970-01-01 (days ≥ 0, years up to 9999), as {@code LocalDate.toString}. */
    private static void date(long epochDay, CopyBuffer out) {
        // civil from days (H. Hinnant), for the proleptic Gregorian calendar LocalDate uses
        long z = epochDay + 719_468;
        long era = z / 146_097;
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        out.putPadded(year, 4);
        out.put('-');
        out.putPadded(month, 2);
        out.put('-');
        out.putPadded(day, 2);
    }

    private static String timestamp(long k) {
        return java.time.LocalDateTime.ofEpochSecond(EPOCH_2020 * 86_400 + k % 200_000_000_000L, 0, java.time.ZoneOffset.UTC)
                .toString().replace('T', ' ');
    }

    /** {@link #text(long, int)} for k ≥ 0, written into {@code out}: base-36 digits, then '-' and letters up to the width. */
    private void text(long k, int width, CopyBuffer out) {
        int base = 1;
        for (long v = k / 36; v > 0; v /= 36) {
            base++;
        }
        int target = Math.min(maxLength, Math.max(base, width - 1));
        int digits = Math.min(base, Math.max(target, 0));
        long div = 1;
        for (int d = 1; d < base; d++) {
            div *= 36;
        }
        for (int d = 0; d < digits; d++) {
            int digit = (int) (k / div % 36);
            out.put((char) (digit < 10 ? '0' + digit : 'a' + digit - 10));
            div /= 36;
        }
        if (base >= target) {
            return;
        }
        out.put('-');
        for (int at = base + 1; at < target; at++) {
            out.put((char) ('a' + at % 26));
        }
    }

    private String text(long k, int width) {
        String base = Long.toString(k, 36);
        int target = Math.min(maxLength, Math.max(base.length(), width - 1));
        if (base.length() >= target) {
            return base.length() > maxLength ? base.substring(0, maxLength) : base;
        }
        StringBuilder b = new StringBuilder(target).append(base).append('-');
        while (b.length() < target) {
            b.append((char) ('a' + (b.length() % 26)));
        }
        return b.substring(0, target);
    }
}
