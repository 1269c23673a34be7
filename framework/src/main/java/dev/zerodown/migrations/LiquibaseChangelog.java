package dev.zerodown.migrations;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.zerodown.config.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Liquibase formatted SQL changelogs: a file whose first line is {@code --liquibase formatted sql}, then
 * {@code --changeset author:id [attributes]} blocks, each one step, in the order written; a folder of
 * changelogs in file-name order (as {@code includeAll}). {@code --rollback} and {@code --comment} lines are
 * ignored; {@code --precondition…} lines are a configuration error (Zerodown cannot tell whether
 * Liquibase would run the changeset).
 */
final class LiquibaseChangelog {
    private static final Logger LOG = LoggerFactory.getLogger(LiquibaseChangelog.class);
    private static final Pattern HEADER = Pattern.compile("(?i)--\\s*liquibase\\s+formatted\\s+sql.*");
    private static final Pattern CHANGESET = Pattern.compile("(?i)--\\s*changeset\\b\\s*(.*)");
    private static final Pattern AUTHOR_ID = Pattern.compile("(\"[^\"]*\"|[^\\s:\"]+):(\"[^\"]*\"|\\S*)");
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+):(\"[^\"]*\"|\\S*)");
    private static final Pattern IGNORED = Pattern.compile("(?i)--\\s*(rollback|comment|validCheckSum)\\b.*");
    private static final Pattern PRECONDITION = Pattern.compile("(?i)--\\s*precondition.*");
    private static final Pattern UNSUPPORTED = Pattern.compile("(?i)--\\s*(include|includeAll|property|ignoreLines)\\b.*");
    static final String ACCEPTED_ATTRIBUTES = "runInTransaction, splitStatements, endDelimiter, stripComments,"
            + " failOnError, runOnChange, runAlways, context, contextFilter, labels, dbms, ignore, created,"
            + " logicalFilePath, rollbackSplitStatements, rollbackEndDelimiter";

    private LiquibaseChangelog() {
    }

    /**
     * Liquibase changesets carry no version: each gets its position (1, 2, 3…) so that {@code since=3} and {@code V3}
     * work. A step is named {@code author:id}; when two files hold the same {@code author:id} (Liquibase tells them
     * apart by file), both are named as Liquibase does, {@code file::id::author}. The same one twice in one file is
     * an error, as in Liquibase.
     */
    static List<FormatLoader.Unit> numbered(List<FormatLoader.Unit> units) {
        Map<String, FormatLoader.Unit> seen = new HashMap<>();
        Map<String, Integer> names = new HashMap<>();
        for (FormatLoader.Unit u : units) {
            FormatLoader.Unit before = seen.putIfAbsent(u.fileName() + "::" + u.name(), u);
            if (before != null) {
                throw new ConfigurationException("Duplicate changeset " + u.name() + ": " + before.order() + " and "
                        + u.order() + "; give each changeset its own author:id");
            }
            names.merge(u.name(), 1, Integer::sum);
        }
        List<FormatLoader.Unit> out = new ArrayList<>();
        for (FormatLoader.Unit u : units) {
            String name = names.get(u.name()) == 1 ? u.name() : identity(u);
            out.add(new FormatLoader.Unit(String.valueOf(out.size() + 1), u.description(), u.fileName(), u.location(),
                    name, u.text(), u.tx(), u.tool(), u.fix(), u.order(), u.parsed()));
        }
        return out;
    }

    /** Liquibase's own name of a changeset: {@code path::id::author}. */
    private static String identity(FormatLoader.Unit u) {
        String authorId = u.name();
        int colon = authorId.indexOf(':');
        return u.fileName() + "::" + authorId.substring(colon + 1) + "::" + authorId.substring(0, colon);
    }

    /** The changesets of one formatted SQL changelog that an {@code update} with {@code filter} runs. */
    static List<FormatLoader.Unit> changelog(LocationScanner.ScriptFile f, LiquibaseFilter filter) {
        String text = MigrationLoader.decode(f.content(), StandardCharsets.UTF_8, f.displayPath());
        String[] lines = text.split("\\R", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first == lines.length || !HEADER.matcher(lines[first].strip()).matches()) {
            throw new ConfigurationException(f.displayPath() + ": not a Liquibase formatted SQL changelog; its first line"
                    + " must be --liquibase formatted sql (XML, YAML and JSON changelogs end in .xml, .yaml, .yml or .json)");
        }
        List<Integer> starts = new ArrayList<>();
        for (int i = first + 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (CHANGESET.matcher(line).matches()) {
                starts.add(i);
            } else if (PRECONDITION.matcher(line).matches()) {
                throw new ConfigurationException(f.displayPath() + ":" + (i + 1) + ": Liquibase preconditions are not"
                        + " supported: Zerodown cannot tell whether Liquibase would run, skip or fail this changeset;"
                        + " remove the --precondition lines, or move the changeset to a changelog Zerodown does not check");
            } else if (UNSUPPORTED.matcher(line).matches()) {
                throw new ConfigurationException(f.displayPath() + ":" + (i + 1) + ": '" + line.split("\\s+")[0]
                        + "' is not supported in formatted SQL; put the changelogs in one folder (read in file-name order),"
                        + " or include them from an XML or YAML changelog");
            } else if (starts.isEmpty() && !line.isEmpty() && !line.startsWith("--")) {
                throw new ConfigurationException(f.displayPath() + ":" + (i + 1) + ": SQL before the first --changeset;"
                        + " every statement belongs to a changeset: --changeset <author>:<id>");
            }
        }
        List<FormatLoader.Unit> out = new ArrayList<>();
        for (int c = 0; c < starts.size(); c++) {
            int start = starts.get(c);
            int end = c + 1 < starts.size() ? starts.get(c + 1) : lines.length;
            FormatLoader.Unit u = changeset(f, lines, start, end, filter);
            if (u != null) {
                out.add(u);
            }
        }
        return out;
    }

    /** One changeset, or null when Liquibase would not run it on PostgreSQL ({@code dbms}, {@code ignore:true}). */
    private static FormatLoader.Unit changeset(LocationScanner.ScriptFile f, String[] lines, int start, int end,
                                               LiquibaseFilter filter) {
        String where = f.displayPath() + ":" + (start + 1);
        Matcher head = CHANGESET.matcher(lines[start].strip());
        head.matches();
        String rest = head.group(1);
        Matcher ai = AUTHOR_ID.matcher(rest);
        if (!ai.lookingAt() || unquote(ai.group(1)).isBlank() || unquote(ai.group(2)).isBlank()) {
            throw new ConfigurationException(where + ": a changeset needs an author and an id: --changeset <author>:<id>"
                    + " (e.g. --changeset alice:1)");
        }
        String author = unquote(ai.group(1));
        String id = unquote(ai.group(2));
        boolean runInTransaction = true;
        boolean splitStatements = true;
        String endDelimiter = null;
        String context = null;
        String labels = null;
        Matcher a = ATTRIBUTE.matcher(rest.substring(ai.end()));
        String attributes = rest.substring(ai.end());
        int pos = 0;
        while (pos < attributes.length()) {
            if (Character.isWhitespace(attributes.charAt(pos))) {
                pos++;
                continue;
            }
            if (!a.find(pos) || a.start() != pos) {
                throw new ConfigurationException(where + ": cannot read '" + attributes.substring(pos).split("\\s+")[0]
                        + "'; changeset attributes are written name:value; accepted: " + ACCEPTED_ATTRIBUTES);
            }
            pos = a.end();
            String key = a.group(1);
            String value = unquote(a.group(2));
            switch (key.toLowerCase(Locale.ROOT)) {
                case "runintransaction" -> runInTransaction = bool(where, key, value);
                case "splitstatements" -> splitStatements = bool(where, key, value);
                case "enddelimiter" -> endDelimiter = value;
                case "dbms" -> {
                    if (!forPostgres(value)) {
                        LOG.info("{}: changeset {}:{} is for dbms {}, not PostgreSQL; Liquibase skips it, so does Zerodown",
                                where, author, id, value);
                        return null;
                    }
                }
                case "ignore" -> {
                    if (bool(where, key, value)) {
                        LOG.info("{}: changeset {}:{} has ignore:true; skipped", where, author, id);
                        return null;
                    }
                }
                case "context", "contextfilter" -> context = value;
                case "labels" -> labels = value;
                case "stripcomments", "failonerror", "runonchange", "runalways", "created", "logicalfilepath",
                     "rollbacksplitstatements", "rollbackenddelimiter" -> {
                }
                default -> throw new ConfigurationException(where + ": unknown changeset attribute '" + key
                        + "'; accepted: " + ACCEPTED_ATTRIBUTES);
            }
        }
        if ((context != null || labels != null) && filter.given()) {
            LiquibaseClasspath.require(where, "evaluating context and labels against liquibaseContexts and liquibaseLabels");
            String denied = LiquibaseLibrary.deniedByContextOrLabels(filter, author, id, context, labels);
            if (denied != null) {
                LOG.info("{}: changeset {}:{} is not run: {} ({})", where, author, id, denied, filter.describe());
                return null;
            }
        }
        String[] body = new String[lines.length];
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean mine = i > start && i < end && !IGNORED.matcher(line.strip()).matches();
            body[i] = !mine ? "" : endDelimiter == null ? line : delimited(line, endDelimiter);
        }
        FormatLoader.Tx tx = runInTransaction ? FormatLoader.Tx.TRANSACTION
                : splitStatements ? FormatLoader.Tx.EACH_STATEMENT : FormatLoader.Tx.ONE_QUERY_STRING;
        return new FormatLoader.Unit(null, author + ":" + id, f.relativePath(), f.displayPath(), author + ":" + id,
                FormatLoader.keep(body, 0, body.length), tx, "Liquibase",
                "add runInTransaction:false to the --changeset line at " + where, where, null);
    }

    /** {@code endDelimiter}: a line ending with it ends a statement, as a {@code ;} would. */
    private static String delimited(String line, String delimiter) {
        String d = delimiter.replace("\\n", "").strip();
        String trimmed = line.stripTrailing();
        if (d.isEmpty() || d.equals(";") || !trimmed.endsWith(d)) {
            return line;
        }
        boolean ownLine = delimiter.startsWith("\\n");
        if (ownLine && !trimmed.strip().equals(d)) {
            return line;
        }
        return trimmed.substring(0, trimmed.length() - d.length()) + ";";
    }

    private static boolean forPostgres(String dbms) {
        boolean any = false;
        for (String d : dbms.split(",")) {
            String x = d.strip().toLowerCase(Locale.ROOT);
            if (x.equals("!postgresql")) {
                return false;
            }
            any |= x.equals("postgresql") || x.equals("all") || x.startsWith("!");
        }
        return any;
    }

    private static boolean bool(String where, String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException(where + ": " + key + " has value '" + value + "'; accepted: true, false");
        };
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
