package dev.zerodown.predict;

import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.migrations.SqlStatement;
import org.apiguardian.api.API;

/**
 * A statement whose lock hold is to be predicted at production size: statement {@code index} of
 * {@code step}, which held a lock blocking traffic on (or rewrote, or scanned) {@code schema.table}.
 *
 * @param sortsRows true when it built or rebuilt an index of the table (an n·log n fit is tried too)
 */
@API(status = API.Status.INTERNAL)
public record Target(MigrationStep step, int index, String schema, String table, boolean sortsRows) {

    public SqlStatement statement() {
        return step.statements().get(index);
    }

    public String qualifiedTable() {
        return schema + "." + table;
    }

    /** {@code file:line} of the statement. */
    public String where() {
        return step.fileName() + ":" + statement().line();
    }
}
