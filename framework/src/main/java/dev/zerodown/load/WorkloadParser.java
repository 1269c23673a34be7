package dev.zerodown.load;

import dev.zerodown.config.ConfigurationException;
import dev.zerodown.sql.SqlScript;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a workload file into requests: single statements, and {@code -- request: NAME} … {@code -- end}
 * blocks of statements that run as one request. Directives are line comments that belong to a
 * statement by the rule of {@link SqlScript} (on their own lines above it, or on its line after its
 * {@code ;}): {@code -- weight:}, {@code -- expect-error:}, {@code -- autocommit}, {@code -- request:}
 * (above only), {@code -- end} (after the block's last statement).
 * Comments that only look like a directive fail with the accepted forms, so a typo never goes unnoticed.
 */
final class WorkloadParser {
    static final int MAX_WEIGHT = 1_000_000;
    private static final Pattern WEIGHT_LIKE = Pattern.compile("(?i)weight\\s*([:=].*|\\d+)");
    private static final Pattern EXPECT_LIKE = Pattern.compile("(?i)expect(ed)?[-_ ]?errors?\\s*([:=].*|[0-9A-Z]{5}\\b.*)");
    private static final Pattern REQUEST_LIKE = Pattern.compile("(?i)request\\s*[:=].*");
    private static final Pattern END_LIKE = Pattern.compile("(?i)end(\\s*[:;.].*|[-_ ]?request\\b.*)?");
    private static final Pattern AUTOCOMMIT_LIKE = Pattern.compile("(?i)auto[-_ ]?commit\\s*([:=].*)?");
    private static final Pattern WEIGHT = Pattern.compile("(?i)weight:\\s*(\\d{1,7})");
    private static final Pattern EXPECT = Pattern.compile("(?i)expect-error:\\s*([0-9A-Za-z]{5}(\\s*,\\s*[0-9A-Za-z]{5})*)");
    private static final Pattern REQUEST = Pattern.compile("(?i)request:\\s*([A-Za-z0-9_][A-Za-z0-9_.-]*)(\\s+autocommit)?");
    private static final Pattern END = Pattern.compile("(?i)end");
    private static final Pattern AUTOCOMMIT = Pattern.compile("(?i)autocommit");
    private static final String HOW = "write '-- weight: N' (N a whole number from 1 to " + MAX_WEIGHT
            + ") or '-- expect-error: SQLSTATE[, SQLSTATE…]' (e.g. 23505) directly above a statement";
    private static final String HOW_REQUEST = "write '-- request: NAME' (letters, digits, '_', '.', '-'), or"
            + " '-- request: NAME autocommit', above a request's first statement and '-- end' below its last";

    private final String file;
    private final List<SqlWorkload.Request> requests = new ArrayList<>();
    private final Map<String, Integer> names = new HashMap<>();
    private Block open;
    private Integer weight;
    private final Set<String> expected = new LinkedHashSet<>();
    private SqlScript.Comment autocommit;
    private SqlScript.Comment firstPending;

    /** A {@code -- request:} block being read. */
    private record Block(String name, int line, boolean transactional, List<SqlWorkload.Statement> statements) {
    }

    private WorkloadParser(String file) {
        this.file = file;
    }

    static List<SqlWorkload.Request> parse(String file, String text) {
        SqlScript script = SqlScript.parse(text);
        WorkloadParser parser = new WorkloadParser(file);
        for (SqlScript.Statement s : script.statements()) {
            parser.directives(s.comments(SqlScript.Place.ABOVE), s.line());
            List<SqlScript.Comment> after = s.comments(SqlScript.Place.AFTER);
            parser.directives(after.stream().filter(c -> !isBlockDirective(c)).toList(), s.line());
            parser.statement(s);
            parser.blockDirectivesAfter(after, s.line());
        }
        parser.directives(script.trailing(), 0);
        return parser.finish();
    }

    /** @param statementLine the line of the statement below the comments, 0 after the last statement */
    private void directives(List<SqlScript.Comment> comments, int statementLine) {
        for (SqlScript.Comment c : comments) {
            if (isDirective(c)) {
                directive(c, statementLine);
            }
        }
    }

    /** {@code -- end} after a statement's {@code ;} closes the block after it; {@code -- request:} there is an error. */
    private void blockDirectivesAfter(List<SqlScript.Comment> after, int statementLine) {
        for (SqlScript.Comment c : after) {
            if (!isBlockDirective(c)) {
                continue;
            }
            if (REQUEST.matcher(c.text()).matches()) {
                throw new ConfigurationException(file + ":" + c.line() + ": '-- " + c.text() + "' is on the line of the"
                        + " statement at line " + statementLine + ", after its ';', so it would belong to that statement;"
                        + " put it on its own line above the request's first statement");
            }
            directive(c, statementLine);
        }
    }

    private static boolean isBlockDirective(SqlScript.Comment c) {
        return REQUEST.matcher(c.text()).matches() || END.matcher(c.text()).matches();
    }

    private void directive(SqlScript.Comment c, int statementLine) {
        String where = file + ":" + c.line();
        Matcher w = WEIGHT.matcher(c.text());
        Matcher e = EXPECT.matcher(c.text());
        Matcher r = REQUEST.matcher(c.text());
        boolean forStatement = w.matches() || e.matches() || AUTOCOMMIT.matcher(c.text()).matches();
        if (forStatement && statementLine == 0) {
            throw noStatementBelow(c);
        }
        if (w.matches()) {
            weight(c, Integer.parseInt(w.group(1)), statementLine);
        } else if (e.matches()) {
            for (String state : e.group(1).split(",")) {
                expected.add(state.strip().toUpperCase(Locale.ROOT));
            }
            firstPending = firstPending == null ? c : firstPending;
        } else if (r.matches()) {
            openBlock(c, r.group(1), r.group(2) == null);
        } else if (END.matcher(c.text()).matches()) {
            closeBlock(c);
        } else if (AUTOCOMMIT.matcher(c.text()).matches()) {
            if (open != null) {
                throw new ConfigurationException(where + ": '-- autocommit' is inside the request '" + open.name()
                        + "' opened at line " + open.line() + "; a request runs all its statements in one transaction or"
                        + " all in autocommit: write '-- request: " + open.name() + " autocommit', or move the statement"
                        + " out of the request");
            }
            autocommit = c;
            firstPending = firstPending == null ? c : firstPending;
        } else {
            boolean block = REQUEST_LIKE.matcher(c.text()).matches() || END_LIKE.matcher(c.text()).matches()
                    || AUTOCOMMIT_LIKE.matcher(c.text()).matches();
            throw new ConfigurationException(where + ": malformed directive '-- " + c.text() + "'; "
                    + (block ? HOW_REQUEST + ", or '-- autocommit' above a single statement" : HOW));
        }
    }

    private void weight(SqlScript.Comment c, int n, int statementLine) {
        String where = file + ":" + c.line();
        if (open != null && !open.statements().isEmpty()) {
            throw new ConfigurationException(where + ": '-- " + c.text() + "' is inside the request '" + open.name()
                    + "' opened at line " + open.line() + "; a request has one weight: put it directly below '-- request: "
                    + open.name() + "'");
        }
        if (weight != null || n < 1 || n > MAX_WEIGHT) {
            throw new ConfigurationException(where + ": " + (weight != null ? "a second weight" : "weight " + n)
                    + " for the " + (open != null ? "request '" + open.name() + "' opened at line " + open.line()
                    : "statement at line " + statementLine) + "; " + HOW);
        }
        weight = n;
        firstPending = firstPending == null ? c : firstPending;
    }

    private void openBlock(SqlScript.Comment c, String name, boolean transactional) {
        String where = file + ":" + c.line();
        if (open != null) {
            throw new ConfigurationException(where + ": '-- " + c.text() + "' is inside the request '" + open.name()
                    + "' opened at line " + open.line() + "; requests do not nest: close '" + open.name()
                    + "' with '-- end' after its last statement first");
        }
        if (autocommit != null) {
            throw new ConfigurationException(file + ":" + autocommit.line() + ": '-- autocommit' is above '-- "
                    + c.text() + "'; write '-- request: " + name + " autocommit' to run the request's statements in autocommit");
        }
        Integer first = names.putIfAbsent(name, c.line());
        if (first != null) {
            throw new ConfigurationException(where + ": a second request named '" + name + "' (the first is at line "
                    + first + "); give each request its own name");
        }
        open = new Block(name, c.line(), transactional, new ArrayList<>());
    }

    private void closeBlock(SqlScript.Comment c) {
        String where = file + ":" + c.line();
        if (open == null) {
            throw new ConfigurationException(where + ": '-- end' closes no request: no '-- request: NAME' above it is"
                    + " open; remove the line, or open the request with '-- request: NAME' above its first statement");
        }
        if (firstPending != null) {
            throw new ConfigurationException(file + ":" + firstPending.line() + ": '-- " + firstPending.text()
                    + "' has no statement below it in the request '" + open.name() + "'; put it directly above the"
                    + " statement it is for, before '-- end'");
        }
        if (open.statements().isEmpty()) {
            throw new ConfigurationException(file + ":" + open.line() + ": the request '" + open.name() + "' has no"
                    + " statements; write them between '-- request: " + open.name() + "' and '-- end', or remove both lines");
        }
        SqlWorkload.Statement first = open.statements().get(0);
        requests.add(new SqlWorkload.Request(open.name(), file + ":" + open.line(), open.line(), first.weight(),
                open.transactional(), open.statements()));
        open = null;
    }

    private void statement(SqlScript.Statement s) {
        for (SqlScript.Comment c : s.comments(SqlScript.Place.INSIDE)) {
            if (isDirective(c)) {
                throw new ConfigurationException(file + ":" + c.line() + ": '-- " + c.text() + "' is inside the statement that"
                        + " starts at line " + s.line() + "; end that statement with ';'");
            }
        }
        int w = weight != null ? weight : open != null && !open.statements().isEmpty() ? open.statements().get(0).weight() : 1;
        SqlWorkload.Statement statement = new SqlWorkload.Statement(file + ":" + s.line(), s.line(), s.sql(), w, expected);
        if (open != null) {
            open.statements().add(statement);
        } else {
            requests.add(new SqlWorkload.Request(null, statement.source(), s.line(), w, false, List.of(statement)));
        }
        weight = null;
        expected.clear();
        autocommit = null;
        firstPending = null;
    }

    private List<SqlWorkload.Request> finish() {
        noDirectiveWithoutStatement();
        if (open != null) {
            throw new ConfigurationException(file + ":" + open.line() + ": the request '" + open.name() + "' has no"
                    + " '-- end'; write '-- end' on the line after its last statement");
        }
        if (requests.isEmpty()) {
            throw new ConfigurationException(file + ": the workload has no statements; write one SQL statement per"
                    + " request, each ending with ';'");
        }
        return requests;
    }

    private void noDirectiveWithoutStatement() {
        if (firstPending != null) {
            throw noStatementBelow(firstPending);
        }
    }

    private ConfigurationException noStatementBelow(SqlScript.Comment c) {
        return new ConfigurationException(file + ":" + c.line() + ": '-- " + c.text()
                + "' has no statement below it; put it directly above the statement it is for");
    }

    private static boolean isDirective(SqlScript.Comment c) {
        String t = c.text();
        return WEIGHT_LIKE.matcher(t).matches() || EXPECT_LIKE.matcher(t).matches() || REQUEST_LIKE.matcher(t).matches()
                || END_LIKE.matcher(t).matches() || AUTOCOMMIT_LIKE.matcher(t).matches();
    }
}
