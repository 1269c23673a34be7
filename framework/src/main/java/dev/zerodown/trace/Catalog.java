package dev.zerodown.trace;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * The user-visible catalog at one moment, keyed by oid: what the tracer compares before and after
 * each statement. Read by {@link CatalogReader} on the migration's own connection (so it sees the
 * migration's uncommitted changes) or on the observer connection (committed state).
 */
@API(status = API.Status.INTERNAL)
public record Catalog(Map<Long, Rel> relations, Map<ColKey, Col> columns, Map<Long, Con> constraints, Map<Long, Typ> types,
               Map<Long, Fn> functions) {

    /**
     * A table, view, materialized view, foreign table or index.
     *
     * @param tableOid  the table of an index, else 0
     * @param valid     false for an index with {@code pg_index.indisvalid = false}
     * @param parentOid the partitioned table this relation is a partition of ({@code pg_class.relispartition}), else 0
     * @param bound     a partition's bound as PostgreSQL prints it ({@code FOR VALUES FROM (…) TO (…)}, {@code DEFAULT}), else null
     */
    @API(status = API.Status.INTERNAL)
    public record Rel(long oid, String schema, String name, char kind, long filenode, long tableOid, boolean valid,
                      long parentOid, String bound) {
        public String qualified() {
            return schema + "." + name;
        }

        public boolean isPartition() {
            return parentOid != 0;
        }

        public boolean isDefaultPartition() {
            return "DEFAULT".equals(bound);
        }

        public boolean isIndex() {
            return kind == 'i' || kind == 'I';
        }

        /** Holds rows: a table, a partition or a materialized view. */
        public boolean holdsRows() {
            return kind == 'r' || kind == 'm';
        }

        /** Something traffic reads or writes by name: a table, a view, a materialized view. */
        public boolean isTableLike() {
            return kind == 'r' || kind == 'p' || kind == 'm' || kind == 'v' || kind == 'f';
        }

        public String kindName() {
            return switch (kind) {
                case 'r' -> "table";
                case 'p' -> "partitioned table";
                case 'm' -> "materialized view";
                case 'v' -> "view";
                case 'f' -> "foreign table";
                default -> "index";
            };
        }
    }

    @API(status = API.Status.INTERNAL)
    public record ColKey(long relid, int attnum) {
    }

    @API(status = API.Status.INTERNAL)
    public record Col(long relid, int attnum, String name, String type, long typid, int typmod, boolean notNull,
               boolean hasDefault) {
    }

    /** A constraint of a relation; {@code refOid} is the referenced table of a foreign key, else 0. */
    @API(status = API.Status.INTERNAL)
    public record Con(long oid, long relid, long refOid, String name, char type, boolean validated, String definition) {
    }

    /** A user type; {@code labels} are the enum labels in sort order, keyed by their pg_enum oid. */
    @API(status = API.Status.INTERNAL)
    public record Typ(long oid, String schema, String name, char kind, Map<Long, String> labels) {
        public String qualified() {
            return schema + "." + name;
        }
    }

    @API(status = API.Status.INTERNAL)
    public record Fn(long oid, String schema, String name, String arguments) {
        public String signature() {
            return schema + "." + name + "(" + arguments + ")";
        }
    }

    public Rel relation(long oid) {
        return relations.get(oid);
    }

    /** Columns of {@code relid} keyed by attnum. */
    public Col column(long relid, int attnum) {
        return columns.get(new ColKey(relid, attnum));
    }
}
