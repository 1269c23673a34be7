package dev.zerodown.invariants;

import dev.zerodown.config.ConfigurationException;
import dev.zerodown.sql.SqlScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Reads an invariants file: {@code -- invariant: <name> [from <step>] [until <step>]} above each
 * query, which ends at {@code ;} (or after its {@code ;} on the same line: the comment rule of
 * {@link SqlScript}). Documented in docs/invariants.md.
 */
@API(status = API.Status.INTERNAL)
public final class InvariantsFile {
    private static final Pattern HEADER_LIKE = Pattern.compile("(?i)invariants?\\s*[:=].*");
    private static final Pattern HEADER = Pattern.compile(
            "(?i)invariant:\\s*([A-Za-z0-9_.:-]+)(?:\\s+from\\s+(\\S+))?(?:\\s+until\\s+(\\S+))?\\s*");
    private static final String FORMAT = "write '-- invariant: <name> [from <step>] [until <step>]' directly above"
            + " the query, e.g. '-- invariant: names_in_sync from V3 until V4'";

    private InvariantsFile() {
    }

    /** Reads the file; a malformed one is a one-line {@link ConfigurationException} naming file:line. */
    public static List<Invariant> parse(Path file) {
        try {
            return parse(String.valueOf(file.getFileName()), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read invariants file " + file + ": " + e.getMessage()
                    + "; check the setting 'invariants'", e);
        }
    }

    /** @param fileName the name used in messages and sources, such as {@code invariants.sql} */
    public static List<Invariant> parse(String fileName, String text) {
        SqlScript script = SqlScript.parse(text);
        List<Invariant> invariants = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (SqlScript.Statement s : script.statements()) {
            Invariant inv = invariant(fileName, s);
            String earlier = seen.putIfAbsent(inv.name(), inv.source());
            if (earlier != null) {
                throw new ConfigurationException(inv.source() + ": invariant '" + inv.name() + "' is declared twice (first at "
                        + earlier + "); give each invariant its own name");
            }
            invariants.add(inv);
        }
        for (SqlScript.Comment c : script.trailing()) {
            if (HEADER_LIKE.matcher(c.text()).matches()) {
                throw new ConfigurationException(fileName + ":" + c.line() + ": '-- " + c.text()
                        + "' has no query below it; put the query, ending with ';', directly under its header");
            }
        }
        return invariants;
    }

    private static Invariant invariant(String file, SqlScript.Statement s) {
        Matcher header = null;
        int headerLine = 0;
        for (SqlScript.Comment c : s.comments()) {
            if (c.place() == SqlScript.Place.INSIDE || !HEADER_LIKE.matcher(c.text()).matches()) {
                continue;
            }
            Matcher m = HEADER.matcher(c.text());
            if (!m.matches()) {
                throw new ConfigurationException(file + ":" + c.line() + ": malformed invariant header '-- " + c.text() + "'; " + FORMAT);
            }
            if (header != null) {
                throw new ConfigurationException(file + ":" + c.line() + ": a second invariant header above the query at line "
                        + s.line() + " (the first is at line " + headerLine + "); end each query with ';'");
            }
            header = m;
            headerLine = c.line();
        }
        if (header == null) {
            throw new ConfigurationException(file + ":" + s.line() + ": query without an invariant header; " + FORMAT);
        }
        for (SqlScript.Comment c : s.comments(SqlScript.Place.INSIDE)) {
            if (HEADER_LIKE.matcher(c.text()).matches()) {
                throw new ConfigurationException(file + ":" + c.line() + ": '-- " + c.text() + "' is inside the query that"
                        + " starts at line " + s.line() + "; end that query with ';'");
            }
        }
        return new Invariant(header.group(1), s.sql(), header.group(2), header.group(3), file + ":" + s.line());
    }
}
