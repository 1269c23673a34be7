package dev.zerodown.load;

import dev.zerodown.config.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One generator of a SQL workload statement, such as {@code {{int 1 100}}}.
 *
 * @param bound true when it stands for a value in a data statement and is sent as a bind parameter
 *              instead of text (same type as the integer literal it replaces)
 */
record Generator(Kind kind, long min, long max, List<String> choices, boolean bound) {
    static final String ACCEPTED = "{{seq}}, {{int A B}}, {{uuid}}, {{pick a|b|c}}, {{sample schema.table.column}}";
    private static final Pattern INT_ARGS = Pattern.compile("(-?\\d{1,19})\\s+(-?\\d{1,19})");
    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*){1,2}");

    /** {@code SAMPLE}: a value drawn from a column of the data ({@link #column()}), sampled when the version starts. */
    enum Kind { SEQ, INT, UUID, PICK, SAMPLE }

    Generator {
        choices = List.copyOf(choices);
    }

    /**
     * Parses the inside of {@code {{…}}}.
     *
     * @param where {@code file:line} for the error message
     */
    static Generator parse(String name, String args, String written, String where) {
        switch (name) {
            case "seq":
            case "uuid":
                if (!args.isEmpty()) {
                    throw malformed(written, where, "{{" + name + "}} takes no arguments");
                }
                return new Generator(name.equals("seq") ? Kind.SEQ : Kind.UUID, 0, 0, List.of(), false);
            case "int":
                return parseInt(args, written, where);
            case "pick":
                return parsePick(args, written, where);
            case "sample":
                if (!COLUMN.matcher(args).matches()) {
                    throw malformed(written, where, "{{sample schema.table.column}} needs one column, such as shop.customers.id");
                }
                return new Generator(Kind.SAMPLE, 0, 0, List.of(args), false);
            default:
                throw new ConfigurationException(where + ": unknown generator '" + written
                        + "'; accepted generators: " + ACCEPTED);
        }
    }

    private static Generator parseInt(String args, String written, String where) {
        Matcher m = INT_ARGS.matcher(args);
        String need = "{{int A B}} needs two whole numbers A <= B";
        if (!m.matches()) {
            throw malformed(written, where, need);
        }
        long a;
        long b;
        try {
            a = Long.parseLong(m.group(1));
            b = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
            throw malformed(written, where, need + " (64-bit)");
        }
        if (a > b) {
            throw malformed(written, where, need);
        }
        return new Generator(Kind.INT, a, b, List.of(), false);
    }

    private static Generator parsePick(String args, String written, String where) {
        List<String> choices = new ArrayList<>();
        for (String choice : args.split("\\|", -1)) {
            String c = choice.strip();
            if (c.isEmpty()) {
                throw malformed(written, where, "{{pick a|b|c}} needs one or more non-empty choices separated by |");
            }
            choices.add(c);
        }
        return new Generator(Kind.PICK, 0, 0, choices, false);
    }

    private static ConfigurationException malformed(String written, String where, String need) {
        return new ConfigurationException(where + ": malformed generator '" + written + "': " + need
                + "; accepted generators: " + ACCEPTED);
    }

    Generator asBound() {
        return new Generator(kind, min, max, choices, true);
    }

    /** The column a {@code SAMPLE} generator draws from, as written ({@code schema.table.column} or {@code table.column}). */
    String column() {
        return kind == Kind.SAMPLE ? choices.get(0) : null;
    }

    /** A value for one request; {@code seq} is the request's sequence value. */
    long nextLong(SplittableRandom random, long seq) {
        if (kind == Kind.SEQ) {
            return seq;
        }
        long span = max - min + 1;
        if (span > 0) {
            return min + random.nextLong(span);
        }
        long v;
        do {
            v = random.nextLong();
        } while (v < min || v > max);
        return v;
    }

    /** The text of a value for one request. */
    String nextText(SplittableRandom random, long seq) {
        return switch (kind) {
            case SEQ, INT -> Long.toString(nextLong(random, seq));
            case UUID -> new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
                    (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L).toString();
            case PICK -> choices.get(random.nextInt(choices.size()));
            case SAMPLE -> throw new IllegalStateException("a sample is drawn from the version's samples");
        };
    }

    /** True when a bound value always fits a 32-bit integer (so it binds as int4, like the literal). */
    boolean fitsInt() {
        return kind == Kind.INT && min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE;
    }
}
