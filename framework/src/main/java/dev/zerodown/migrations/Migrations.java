package dev.zerodown.migrations;

import java.util.List;
import org.apiguardian.api.API;

/**
 * What a migrations folder holds, as Flyway reads it for a {@code migrate}.
 *
 * @param steps      the steps in the order Flyway applies them to an empty database: the highest
 *                   {@code B<version>__} baseline migration (if any), the versioned steps above it, then the
 *                   repeatable {@code R__} scripts by description
 * @param superseded the scripts Flyway does not apply to an empty database because a baseline migration
 *                   stands for them: the versioned steps up to its version and lower baseline migrations, in
 *                   version order. A database with a Flyway history applies the pending ones of them instead
 * @param callbacks  the SQL callbacks ({@code beforeMigrate.sql}, …)
 */
@API(status = API.Status.EXPERIMENTAL)
public record Migrations(List<MigrationStep> steps, List<MigrationStep> superseded, Callbacks callbacks) {
    public Migrations {
        steps = List.copyOf(steps);
        superseded = List.copyOf(superseded);
        callbacks = callbacks == null ? Callbacks.NONE : callbacks;
    }

    /** Steps of a format without baseline migrations or callbacks. */
    public static Migrations of(List<MigrationStep> steps) {
        return new Migrations(steps, List.of(), Callbacks.NONE);
    }

    /** The baseline migration applied on an empty database, if there is one. */
    public java.util.Optional<MigrationStep> baselineMigration() {
        return steps.stream().filter(MigrationStep::baselineMigration).findFirst();
    }
}
