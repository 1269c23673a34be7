package dev.zerodown.migrations;

import java.util.List;
import org.apiguardian.api.API;

/**
 * One migration file: a step of the rollout.
 *
 * @param version              the version as written ({@code 3}, {@code 1.1}); null for repeatable {@code R__} scripts
 * @param description          the description part of the file name, underscores as spaces
 * @param fileName             the file name with {@code .sql}, such as {@code V3__backfill.sql}
 * @param location             where it was read from (a path or classpath location), for messages
 * @param statements           the statements in file order
 * @param executeInTransaction false when the script's {@code .sql.conf} says {@code executeInTransaction=false}
 */
@API(status = API.Status.STABLE)
public record MigrationStep(String version, String description, String fileName, String location,
                            List<SqlStatement> statements, boolean executeInTransaction) {
    public MigrationStep {
        statements = List.copyOf(statements);
    }

    public boolean repeatable() {
        return version == null;
    }

    /** The file name without {@code .sql}: {@code V3__backfill}. */
    public String name() {
        return fileName.endsWith(".sql") ? fileName.substring(0, fileName.length() - 4) : fileName;
    }
}
