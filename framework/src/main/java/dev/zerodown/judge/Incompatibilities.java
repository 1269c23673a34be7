package dev.zerodown.judge;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.config.Text;
import dev.zerodown.result.FailureGroup;
import dev.zerodown.result.Hazard;
import dev.zerodown.trace.CatalogDiff;
import dev.zerodown.trace.CatalogDiff.Change;
import dev.zerodown.trace.CatalogDiff.Kind;

/** Ties a live version's failures to the catalog changes that caused them ({@code backward-incompatible}). */
final class Incompatibilities {
    /** Which SQLStates a kind of change produces in code written for the old schema. */
    private static final Map<String, Set<Kind>> CAUSES = Map.of(
            "42703", EnumSet.of(Kind.COLUMN_DROPPED, Kind.COLUMN_RENAMED),
            "42P01", EnumSet.of(Kind.TABLE_DROPPED, Kind.TABLE_RENAMED),
            "42883", EnumSet.of(Kind.FUNCTION_DROPPED, Kind.FUNCTION_RENAMED, Kind.COLUMN_RETYPED),
            "42704", EnumSet.of(Kind.TYPE_DROPPED, Kind.TYPE_RENAMED),
            "22P02", EnumSet.of(Kind.COLUMN_RETYPED, Kind.ENUM_VALUE_DROPPED, Kind.ENUM_VALUE_RENAMED),
            "42804", EnumSet.of(Kind.COLUMN_RETYPED),
            "22001", EnumSet.of(Kind.COLUMN_RETYPED),
            "22003", EnumSet.of(Kind.COLUMN_RETYPED),
            "23502", EnumSet.of(Kind.COLUMN_REQUIRED));

    private Incompatibilities() {
    }

    static List<Hazard> find(CatalogDiff diff, String version, List<FailureGroup> failures) {
        Map<Change, List<FailureGroup>> matched = new LinkedHashMap<>();
        for (FailureGroup g : failures) {
            Set<Kind> kinds = CAUSES.get(g.sqlState());
            if (kinds == null) {
                continue;
            }
            for (Change c : diff.changes()) {
                if (kinds.contains(c.kind()) && mentions(g, c)) {
                    matched.computeIfAbsent(c, k -> new ArrayList<>()).add(g);
                }
            }
        }
        List<Hazard> out = new ArrayList<>();
        matched.forEach((c, groups) -> out.add(hazard(c, version, groups)));
        return List.copyOf(out);
    }

    private static Hazard hazard(Change c, String version, List<FailureGroup> groups) {
        long total = groups.stream().mapToLong(FailureGroup::count).sum();
        List<String> parts = new ArrayList<>();
        for (FailureGroup g : groups) {
            parts.add(g.count() + " x " + g.sqlState() + " " + Objects.toString(g.sampleMessage(), "") + " (statement: "
                    + Text.statement(g.statement()) + ")");
        }
        String where = c.line() > 0 ? c.file() + ":" + c.line() : c.file();
        return Hazards.of(HazardId.BACKWARD_INCOMPATIBLE, relation(c), c.file(), c.line() > 0 ? c.line() : null, null,
                "Version " + version + " still uses what " + where + " changed (" + c.describe() + "): "
                        + Text.count(total, "failed request") + ".",
                c.describe() + "; failures of " + version + ": " + String.join("; ", parts), -1);
    }

    /** The table of a column change, else the object itself (without a function's arguments). */
    private static String relation(Change c) {
        String o = c.object();
        return switch (c.kind()) {
            case COLUMN_DROPPED, COLUMN_RENAMED, COLUMN_RETYPED, COLUMN_REQUIRED -> o.substring(0, o.lastIndexOf('.'));
            case FUNCTION_DROPPED, FUNCTION_RENAMED -> o.substring(0, o.indexOf('('));
            default -> o;
        };
    }

    /** True when the failure's message or statement names what changed. */
    static boolean mentions(FailureGroup g, Change c) {
        String text = Objects.toString(g.sampleMessage(), "") + "\n" + Objects.toString(g.statement(), "");
        return switch (c.kind()) {
            case ENUM_VALUE_DROPPED, ENUM_VALUE_RENAMED -> word(text, c.simpleName()) && text.contains("\"" + c.before() + "\"")
                    || text.contains("'" + c.before() + "'");
            case COLUMN_RETYPED -> word(text, c.simpleName()) || word(text, c.after());
            default -> word(text, c.simpleName());
        };
    }

    static boolean word(String text, String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        return Pattern.compile("(?<![\\p{L}\\p{N}_$])" + Pattern.quote(name.toLowerCase(Locale.ROOT)) + "(?![\\p{L}\\p{N}_$])")
                .matcher(text.toLowerCase(Locale.ROOT)).find();
    }
}
