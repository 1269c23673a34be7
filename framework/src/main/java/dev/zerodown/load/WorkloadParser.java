package dev.zerodown.load;

import dev.zerodown.config.ConfigurationException;
import dev.zerodown.load.internal.SqlScript;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a workload file's statements and their {@code -- weight:} / {@code -- expect-error:} directives. */
final class WorkloadParser {
    static final int MAX_WEIGHT = 1_000_000;
    private static final Pattern WEIGHT_LIKE = Pattern.compile("(?i)weight\\s*([:=].*|\\d+)");
    private static final Pattern EXPECT_LIKE = Pattern.compile("(?i)expect(ed)?[-_ ]?errors?\\s*([:=].*|[0-9A-Z]{5}\\b.*)");
    private static final Pattern WEIGHT = Pattern.compile("(?i)weight:\\s*(\\d{1,7})");
    private static final Pattern EXPECT = Pattern.compile("(?i)expect-error:\\s*([0-9A-Za-z]{5}(\\s*,\\s*[0-9A-Za-z]{5})*)");
    private static final String HOW = "write '-- weight: N' (N a whole number from 1 to " + MAX_WEIGHT
            + ") or '-- expect-error: SQLSTATE[, SQLSTATE…]' (e.g. 23505) directly above a statement";

    private WorkloadParser() {
    }

    static List<SqlWorkload.Statement> parse(String file, String text) {
        SqlScript script = SqlScript.parse(text);
        for (SqlScript.Comment c : script.trailing()) {
            if (isDirective(c)) {
                throw new ConfigurationException(file + ":" + c.line() + ": '-- " + c.text()
                        + "' has no statement below it; put it directly above the statement it is for");
            }
        }
        if (script.statements().isEmpty()) {
            throw new ConfigurationException(file + ": the workload has no statements; write one SQL statement per"
                    + " request, each ending with ';'");
        }
        List<SqlWorkload.Statement> statements = new ArrayList<>();
        for (SqlScript.Statement s : script.statements()) {
            statements.add(statement(file, s));
        }
        return statements;
    }

    private static SqlWorkload.Statement statement(String file, SqlScript.Statement s) {
        Integer weight = null;
        Set<String> expected = new LinkedHashSet<>();
        for (SqlScript.Comment c : s.comments()) {
            if (!isDirective(c)) {
                continue;
            }
            String where = file + ":" + c.line();
            Matcher w = WEIGHT.matcher(c.text());
            Matcher e = EXPECT.matcher(c.text());
            if (w.matches()) {
                int n = Integer.parseInt(w.group(1));
                if (weight != null || n < 1 || n > MAX_WEIGHT) {
                    throw new ConfigurationException(where + ": " + (weight != null ? "a second weight" : "weight " + n)
                            + " for the statement at line " + s.line() + "; " + HOW);
                }
                weight = n;
            } else if (e.matches()) {
                for (String state : e.group(1).split(",")) {
                    expected.add(state.strip().toUpperCase(Locale.ROOT));
                }
            } else {
                throw new ConfigurationException(where + ": malformed directive '-- " + c.text() + "'; " + HOW);
            }
        }
        for (SqlScript.Comment c : s.innerComments()) {
            if (isDirective(c)) {
                throw new ConfigurationException(file + ":" + c.line() + ": '-- " + c.text() + "' is inside the statement that"
                        + " starts at line " + s.line() + "; end that statement with ';'");
            }
        }
        return new SqlWorkload.Statement(file + ":" + s.line(), s.line(), s.sql(), weight == null ? 1 : weight, expected);
    }

    private static boolean isDirective(SqlScript.Comment c) {
        return WEIGHT_LIKE.matcher(c.text()).matches() || EXPECT_LIKE.matcher(c.text()).matches();
    }
}
