package dev.zerodown.settings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The {@code zerodown.*} properties Zerodown reads. Any other one is a typo (such as {@code zerodown.soakk}) and
 * a configuration error naming the closest valid name, never silently ignored.
 */
final class PropertyNames {
    static final String PREFIX = "zerodown.";

    /** Properties that are not settings: where the engine keeps binaries and clusters, the plugin's skip, trend's, merge's and capture's. */
    static final List<String> OTHERS = List.of("binariesDirectory", "clusterCache", "skip",
            "regressionRatio", "failOnRegression", "shardReports", "captureUrl", "captureValues", "captureQueries",
            "captureServer");

    /**
     * Properties of Zerodown's own build and tests (Surefire hands a build's {@code -D} properties to the tests
     * it runs): accepted, never suggested.
     */
    static final List<String> BUILD = List.of("skipBrowserTests", "chromium", "chromedriver", "updateDocs",
            "repositoryRoot", "expectedJUnit", "packagedJar", "flywayFreeClasspath", "testClasses",
            "skipFrameworkTests", "excludedGroups", "groups", "stabilityRuns");

    private PropertyNames() {
    }

    /** One line per {@code zerodown.*} property that Zerodown does not read, in name order. */
    static List<String> unknown(Properties props) {
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(props.stringPropertyNames())) {
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            String name = key.substring(PREFIX.length());
            if (Settings.NAMES.contains(name) || OTHERS.contains(name) || BUILD.contains(name)) {
                continue;
            }
            problems.add("Unknown property '" + key + "' (value '" + props.getProperty(key) + "'); "
                    + closest(name).map(n -> "did you mean " + PREFIX + n + "?")
                            .orElse("accepted: " + PREFIX + "<setting> for the settings "
                                    + String.join(", ", new TreeSet<>(Settings.NAMES)) + ", and "
                                    + String.join(", ", OTHERS.stream().map(o -> PREFIX + o).toList())));
        }
        return problems;
    }

    /**
     * The valid name nearest to {@code name} (fewest edits, ignoring case) if it is near enough to be a typo:
     * at most 2 edits (3 for names of 8 characters or more), or one name starts with the other (4 characters
     * at least, as {@code binariesDir} and {@code seeds}).
     */
    static Optional<String> closest(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int allowed = name.length() >= 8 ? 3 : 2;
        return Stream.concat(Settings.NAMES.stream(), OTHERS.stream())
                .map(n -> new Candidate(n, distance(lower, n.toLowerCase(Locale.ROOT))))
                .filter(c -> c.distance <= allowed || prefixed(lower, c.name.toLowerCase(Locale.ROOT)))
                .min(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::name))
                .map(Candidate::name);
    }

    private static boolean prefixed(String a, String b) {
        return Math.min(a.length(), b.length()) >= 4 && (a.startsWith(b) || b.startsWith(a));
    }

    private record Candidate(String name, int distance) {
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
