package dev.zerodown.migrations;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import dev.zerodown.sql.Keywords;

/**
 * Which statements PostgreSQL (13 and later) refuses inside a transaction block, and which of them
 * Flyway knows: Flyway 13 misses {@code REINDEX … CONCURRENTLY}, {@code DETACH PARTITION …
 * CONCURRENTLY}, {@code ALTER DATABASE … SET TABLESPACE} and a bare {@code CLUSTER}, and without a
 * database connection it takes {@code ALTER TYPE … ADD VALUE} for non-transactional, which it is
 * only before PostgreSQL 12.
 */
final class TransactionRules {
    private static final int HEAD_TOKENS = 64;
    /** Flyway 13.12's {@code PostgreSQLParser} patterns (the differential test compares them with Flyway's). */
    static final List<Pattern> FLYWAY_NON_TRANSACTIONAL = List.of(
            Pattern.compile("^(CREATE|DROP) (DATABASE|TABLESPACE|SUBSCRIPTION)"),
            Pattern.compile("^ALTER SYSTEM"),
            Pattern.compile("^(CREATE|DROP)( UNIQUE)? INDEX CONCURRENTLY"),
            Pattern.compile("^REINDEX( VERBOSE)? (SCHEMA|DATABASE|SYSTEM)"),
            Pattern.compile("^VACUUM"),
            Pattern.compile("^DISCARD ALL"));

    private TransactionRules() {
    }

    /**
     * @param sql the statement, starting at its first token
     * @return whether the statement can run inside a transaction block
     */
    static boolean transactional(String sql) {
        return verdict(Keywords.head(sql, HEAD_TOKENS)).orElse(true);
    }

    /**
     * Whether Flyway 13 (against PostgreSQL 12 or later) runs the statement inside a transaction:
     * false when the statement's leading words match one of Flyway's own patterns (its
     * "simplified statement" is the upper-cased words so far, joined by single spaces).
     */
    static boolean flywayTransactional(String sql) {
        StringBuilder simplified = new StringBuilder();
        for (String k : Keywords.head(sql, HEAD_TOKENS)) {
            if (k.equals("'") || k.equals("\"")) {
                break;
            }
            simplified.append(simplified.isEmpty() ? "" : " ").append(k);
            for (Pattern p : FLYWAY_NON_TRANSACTIONAL) {
                if (p.matcher(simplified).matches()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Empty when the rules have nothing to add to Flyway's answer. */
    static Optional<Boolean> verdict(List<String> k) {
        if (k.isEmpty()) {
            return Optional.empty();
        }
        if (Keywords.startsWith(k, "ALTER", "TYPE") && containsSequence(k, "ADD", "VALUE")) {
            return Optional.of(true);
        }
        boolean nonTransactional = createOrDropIndexConcurrently(k)
                || reindexNonTransactional(k)
                || Keywords.startsWith(k, "VACUUM")
                || Keywords.startsWith(k, "ALTER", "TABLE") && detachConcurrently(k)
                || Keywords.startsWith(k, "ALTER", "SYSTEM")
                || databaseTablespaceSubscription(k)
                || Keywords.startsWith(k, "ALTER", "DATABASE") && containsSequence(k, "SET", "TABLESPACE")
                || Keywords.startsWith(k, "ALTER", "SUBSCRIPTION") && containsSequence(k, "REFRESH", "PUBLICATION")
                || clusterAll(k)
                || Keywords.startsWith(k, "DISCARD", "ALL")
                || Keywords.startsWith(k, "COMMIT", "PREPARED")
                || Keywords.startsWith(k, "ROLLBACK", "PREPARED");
        return nonTransactional ? Optional.of(false) : Optional.empty();
    }

    private static boolean createOrDropIndexConcurrently(List<String> k) {
        return Keywords.startsWith(k, "CREATE", "INDEX", "CONCURRENTLY")
                || Keywords.startsWith(k, "CREATE", "UNIQUE", "INDEX", "CONCURRENTLY")
                || Keywords.startsWith(k, "DROP", "INDEX", "CONCURRENTLY");
    }

    /** {@code REINDEX … CONCURRENTLY} (also as an option), and SCHEMA, DATABASE and SYSTEM. */
    private static boolean reindexNonTransactional(List<String> k) {
        if (!Keywords.startsWith(k, "REINDEX")) {
            return false;
        }
        int i = 1;
        if (i < k.size() && k.get(i).equals("(")) {
            int close = k.indexOf(")");
            int concurrently = k.indexOf("CONCURRENTLY");
            if (concurrently > 0 && concurrently < close && !falseValue(k, concurrently + 1)) {
                return true;
            }
            i = close < 0 ? k.size() : close + 1;
        }
        if (i < k.size() && k.get(i).equals("VERBOSE")) {
            i++;
        }
        if (i >= k.size()) {
            return false;
        }
        String what = k.get(i);
        return what.equals("SCHEMA") || what.equals("DATABASE") || what.equals("SYSTEM")
                || i + 1 < k.size() && k.get(i + 1).equals("CONCURRENTLY");
    }

    private static boolean falseValue(List<String> k, int i) {
        return i < k.size() && (k.get(i).equals("FALSE") || k.get(i).equals("OFF") || k.get(i).equals("0"));
    }

    private static boolean detachConcurrently(List<String> k) {
        int detach = indexOfSequence(k, "DETACH", "PARTITION");
        return detach >= 0 && k.subList(detach, k.size()).contains("CONCURRENTLY");
    }

    private static boolean databaseTablespaceSubscription(List<String> k) {
        if (k.size() < 2 || !(k.get(0).equals("CREATE") || k.get(0).equals("DROP"))) {
            return false;
        }
        String what = k.get(1);
        return what.equals("DATABASE") || what.equals("TABLESPACE") || what.equals("SUBSCRIPTION");
    }

    /** {@code CLUSTER} without a table reclusters every table: not in a transaction block. */
    private static boolean clusterAll(List<String> k) {
        if (!Keywords.startsWith(k, "CLUSTER")) {
            return false;
        }
        int i = 1;
        if (i < k.size() && k.get(i).equals("(")) {
            int close = k.indexOf(")");
            i = close < 0 ? k.size() : close + 1;
        } else if (i < k.size() && k.get(i).equals("VERBOSE")) {
            i++;
        }
        return i >= k.size();
    }

    private static boolean containsSequence(List<String> k, String... words) {
        return indexOfSequence(k, words) >= 0;
    }

    private static int indexOfSequence(List<String> k, String... words) {
        for (int i = 0; i + words.length <= k.size(); i++) {
            if (Keywords.startsWith(k.subList(i, k.size()), words)) {
                return i;
            }
        }
        return -1;
    }
}
