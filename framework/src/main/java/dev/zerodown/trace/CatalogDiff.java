package dev.zerodown.trace;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What a step changed that code written for the old schema may depend on: tables, views, columns,
 * types, enum values and functions dropped, renamed or retyped, columns that became required, and
 * tables emptied. Compared by oid between the committed catalog before and after the step, so a
 * rolled-back step changes nothing and renames are told apart from drop + create.
 * The input of {@code destructive} and of {@link HazardRules#backwardIncompatible}.
 */
@API(status = API.Status.INTERNAL)
public record CatalogDiff(List<Change> changes) {
    public CatalogDiff {
        changes = List.copyOf(changes);
    }

    /** What kind of change. */
    @API(status = API.Status.INTERNAL)
    public enum Kind {
        TABLE_DROPPED, TABLE_RENAMED, TABLE_TRUNCATED,
        COLUMN_DROPPED, COLUMN_RENAMED, COLUMN_RETYPED,
        /** A pre-existing column became NOT NULL, or a NOT NULL column without default was added: old writers fail. */
        COLUMN_REQUIRED,
        TYPE_DROPPED, TYPE_RENAMED, ENUM_VALUE_RENAMED, ENUM_VALUE_DROPPED,
        FUNCTION_DROPPED, FUNCTION_RENAMED
    }

    /**
     * One change.
     *
     * @param kind   what happened
     * @param object the schema-qualified name before the step: {@code public.users}, {@code public.users.user_name}
     *               (a column), {@code public.mood} (a type or its enum value), {@code public.f(integer)}
     * @param before the name, type or label before (for a column: its simple name), or null
     * @param after  the name, type or label after, or null when dropped
     * @param file   the migration file
     * @param line   the line of the statement that made it, 0 when unknown
     */
    @API(status = API.Status.INTERNAL)
    public record Change(Kind kind, String object, String before, String after, String file, int line) {
        /** A short sentence such as {@code column public.users.user_name renamed to full_name}. */
        public String describe() {
            return switch (kind) {
                case TABLE_DROPPED -> object + " dropped";
                case TABLE_RENAMED -> object + " renamed to " + after;
                case TABLE_TRUNCATED -> object + " truncated (" + before + " rows)";
                case COLUMN_DROPPED -> "column " + object + " dropped";
                case COLUMN_RENAMED -> "column " + object + " renamed to " + after;
                case COLUMN_RETYPED -> "column " + object + " retyped from " + before + " to " + after;
                case COLUMN_REQUIRED -> "column " + object + " became NOT NULL" + (after == null ? "" : " (" + after + ")");
                case TYPE_DROPPED -> "type " + object + " dropped";
                case TYPE_RENAMED -> "type " + object + " renamed to " + after;
                case ENUM_VALUE_RENAMED -> "enum value '" + before + "' of " + object + " renamed to '" + after + "'";
                case ENUM_VALUE_DROPPED -> "enum value '" + before + "' of " + object + " dropped";
                case FUNCTION_DROPPED -> "function " + object + " dropped";
                case FUNCTION_RENAMED -> "function " + object + " renamed to " + after;
            };
        }

        /** The last part of {@link #object()} (the column, table, type or function name), for matching error messages. */
        public String simpleName() {
            String o = object.contains("(") ? object.substring(0, object.indexOf('(')) : object;
            return o.substring(o.lastIndexOf('.') + 1);
        }
    }

    public static CatalogDiff empty() {
        return new CatalogDiff(List.of());
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The changes of the given kinds (all when none given). */
    public List<Change> changes(Kind... kinds) {
        if (kinds.length == 0) {
            return changes;
        }
        Set<Kind> wanted = Set.copyOf(Arrays.asList(kinds));
        return changes.stream().filter(c -> wanted.contains(c.kind())).toList();
    }
}
