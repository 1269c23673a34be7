package dev.zerodown.migrations;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.zerodown.config.ConfigurationException;

/**
 * A Flyway migration file name: {@code V<version>__<description>.sql}, {@code R__<description>.sql} or a
 * baseline migration {@code B<version>__<description>.sql}.
 *
 * @param version     the version with {@code _} written as {@code .} ({@code 1.1}); null when repeatable
 * @param description the description, underscores as spaces
 * @param baseline    true for a {@code B} baseline migration
 */
record MigrationName(String version, String description, boolean baseline) {
    static final String EXPECTED = "expected V<version>__<description>.sql (version parts separated by . or _,"
            + " e.g. V1_1__add_users.sql) or R__<description>.sql";
    static final String EXPECTED_BASELINE = "expected B<version>__<description>.sql for a baseline migration"
            + " (version parts separated by . or _, e.g. B5__baseline.sql)";

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__(.*)\\.sql");
    private static final Pattern BASELINE = Pattern.compile("B(\\d+(?:[._]\\d+)*)__(.*)\\.sql");
    private static final Pattern REPEATABLE = Pattern.compile("R__(.*)\\.sql");
    /** Names that are clearly meant as migrations: a V/R prefix then a digit, an underscore, or a later {@code __}. */
    private static final Pattern LOOKS_LIKE_MIGRATION = Pattern.compile("(?i)[vr](?:\\d.*|_.*|[^_]*__.*)\\.sql");
    /** Names clearly meant as baseline migrations: a B then a digit. */
    private static final Pattern LOOKS_LIKE_BASELINE = Pattern.compile("(?i)b\\d.*\\.sql");
    private static final Pattern VERSION = Pattern.compile("\\d+(?:[._]\\d+)*");
    private static final Pattern VERSION_SEPARATOR = Pattern.compile("[._]");
    /** Flyway's undo (U) scripts are not forward steps. */
    private static final Pattern UNDO_SCRIPT = Pattern.compile("U\\d+(?:[._]\\d+)*__.*\\.sql");

    /**
     * @param fileName    the bare file name
     * @param displayPath the file as shown in messages
     * @return the parsed name; empty for files that are not migrations (callbacks are told apart before)
     * @throws ConfigurationException for a {@code .sql} file that looks like a migration but is misnamed
     */
    static Optional<MigrationName> parse(String fileName, String displayPath) {
        Matcher v = VERSIONED.matcher(fileName);
        if (v.matches()) {
            return Optional.of(new MigrationName(v.group(1).replace('_', '.'), v.group(2).replace('_', ' '), false));
        }
        Matcher b = BASELINE.matcher(fileName);
        if (b.matches()) {
            return Optional.of(new MigrationName(b.group(1).replace('_', '.'), b.group(2).replace('_', ' '), true));
        }
        Matcher r = REPEATABLE.matcher(fileName);
        if (r.matches()) {
            return Optional.of(new MigrationName(null, r.group(1).replace('_', ' '), false));
        }
        if (LOOKS_LIKE_BASELINE.matcher(fileName).matches()) {
            throw new ConfigurationException(displayPath + ": not a valid migration file name; " + EXPECTED_BASELINE);
        }
        if (UNDO_SCRIPT.matcher(fileName).matches() || !LOOKS_LIKE_MIGRATION.matcher(fileName).matches()) {
            return Optional.empty();
        }
        throw new ConfigurationException(displayPath + ": not a valid migration file name; " + EXPECTED);
    }

    boolean repeatable() {
        return version == null;
    }

    /** The numeric parts of a version written with {@code .} or {@code _}; empty if it is not a version. */
    static Optional<List<BigInteger>> versionParts(String text) {
        if (!VERSION.matcher(text).matches()) {
            return Optional.empty();
        }
        List<BigInteger> parts = new ArrayList<>();
        for (String p : VERSION_SEPARATOR.split(text)) {
            parts.add(new BigInteger(p));
        }
        return Optional.of(parts);
    }

    /** Flyway's order: part by part, numerically, missing parts count as 0 (so 1 == 1.0). */
    static int compareVersions(String a, String b) {
        List<BigInteger> x = versionParts(a).orElseThrow();
        List<BigInteger> y = versionParts(b).orElseThrow();
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            BigInteger xi = i < x.size() ? x.get(i) : BigInteger.ZERO;
            BigInteger yi = i < y.size() ? y.get(i) : BigInteger.ZERO;
            int c = xi.compareTo(yi);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** A step reference such as {@code V1_1}, {@code v1.1} or {@code 1.1} as a version; empty if it is none. */
    static Optional<String> versionOfReference(String reference) {
        String r = reference.trim();
        if (r.toUpperCase(Locale.ROOT).startsWith("V")) {
            r = r.substring(1);
        }
        return versionParts(r).isPresent() ? Optional.of(r) : Optional.empty();
    }
}
