package dev.zerodown.migrations;

import java.util.Arrays;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Flyway's callback events, spelled as Flyway spells them: a script named {@code <event>.sql} or
 * {@code <event>__<description>.sql} in a migrations location is a SQL callback, not a migration.
 * Zerodown runs the events of a {@code migrate} where Flyway runs them ({@link #runs()}); the others of a
 * migrate it does not run, and says so ({@link #skippedDuringMigrate()}); those of Flyway's other commands
 * ({@code clean}, {@code undo}, {@code info}, …) never run during a migrate.
 */
@API(status = API.Status.EXPERIMENTAL)
public enum CallbackEvent {
    BEFORE_VALIDATE("beforeValidate", Kind.RUN),
    AFTER_VALIDATE("afterValidate", Kind.RUN),
    BEFORE_MIGRATE("beforeMigrate", Kind.RUN),
    BEFORE_EACH_MIGRATE("beforeEachMigrate", Kind.RUN),
    AFTER_EACH_MIGRATE("afterEachMigrate", Kind.RUN),
    AFTER_VERSIONED("afterVersioned", Kind.RUN),
    BEFORE_REPEATABLES("beforeRepeatables", Kind.RUN),
    AFTER_MIGRATE_APPLIED("afterMigrateApplied", Kind.RUN),
    AFTER_MIGRATE("afterMigrate", Kind.RUN),
    AFTER_MIGRATE_ERROR("afterMigrateError", Kind.RUN),

    BEFORE_EACH_MIGRATE_STATEMENT("beforeEachMigrateStatement", Kind.NOT_RUN),
    AFTER_EACH_MIGRATE_STATEMENT("afterEachMigrateStatement", Kind.NOT_RUN),
    AFTER_EACH_MIGRATE_STATEMENT_ERROR("afterEachMigrateStatementError", Kind.NOT_RUN),
    AFTER_EACH_MIGRATE_ERROR("afterEachMigrateError", Kind.NOT_RUN),
    AFTER_VALIDATE_ERROR("afterValidateError", Kind.NOT_RUN),
    BEFORE_CONNECT("beforeConnect", Kind.NOT_RUN),
    AFTER_CONNECT("afterConnect", Kind.NOT_RUN),
    CREATE_SCHEMA("createSchema", Kind.NOT_RUN),
    BEFORE_CREATE_SCHEMA("beforeCreateSchema", Kind.NOT_RUN),
    AFTER_MIGRATE_OPERATION_FINISH("afterMigrateOperationFinish", Kind.NOT_RUN),

    BEFORE_CLEAN("beforeClean", Kind.OTHER_COMMAND),
    AFTER_CLEAN("afterClean", Kind.OTHER_COMMAND),
    AFTER_CLEAN_ERROR("afterCleanError", Kind.OTHER_COMMAND),
    BEFORE_UNDO("beforeUndo", Kind.OTHER_COMMAND),
    BEFORE_EACH_UNDO("beforeEachUndo", Kind.OTHER_COMMAND),
    BEFORE_EACH_UNDO_STATEMENT("beforeEachUndoStatement", Kind.OTHER_COMMAND),
    AFTER_EACH_UNDO_STATEMENT("afterEachUndoStatement", Kind.OTHER_COMMAND),
    AFTER_EACH_UNDO_STATEMENT_ERROR("afterEachUndoStatementError", Kind.OTHER_COMMAND),
    AFTER_EACH_UNDO("afterEachUndo", Kind.OTHER_COMMAND),
    AFTER_EACH_UNDO_ERROR("afterEachUndoError", Kind.OTHER_COMMAND),
    AFTER_UNDO("afterUndo", Kind.OTHER_COMMAND),
    AFTER_UNDO_ERROR("afterUndoError", Kind.OTHER_COMMAND),
    BEFORE_BASELINE("beforeBaseline", Kind.OTHER_COMMAND),
    AFTER_BASELINE("afterBaseline", Kind.OTHER_COMMAND),
    AFTER_BASELINE_ERROR("afterBaselineError", Kind.OTHER_COMMAND),
    BEFORE_REPAIR("beforeRepair", Kind.OTHER_COMMAND),
    AFTER_REPAIR("afterRepair", Kind.OTHER_COMMAND),
    AFTER_REPAIR_ERROR("afterRepairError", Kind.OTHER_COMMAND),
    BEFORE_INFO("beforeInfo", Kind.OTHER_COMMAND),
    AFTER_INFO("afterInfo", Kind.OTHER_COMMAND),
    AFTER_INFO_ERROR("afterInfoError", Kind.OTHER_COMMAND),
    AFTER_INFO_OPERATION_FINISH("afterInfoOperationFinish", Kind.OTHER_COMMAND),
    AFTER_CLEAN_OPERATION_FINISH("afterCleanOperationFinish", Kind.OTHER_COMMAND),
    AFTER_VALIDATE_OPERATION_FINISH("afterValidateOperationFinish", Kind.OTHER_COMMAND),
    AFTER_UNDO_OPERATION_FINISH("afterUndoOperationFinish", Kind.OTHER_COMMAND),
    AFTER_REPAIR_OPERATION_FINISH("afterRepairOperationFinish", Kind.OTHER_COMMAND),
    AFTER_BASELINE_OPERATION_FINISH("afterBaselineOperationFinish", Kind.OTHER_COMMAND),
    AFTER_REPORT_GENERATED("afterReportGenerated", Kind.OTHER_COMMAND);

    private enum Kind { RUN, NOT_RUN, OTHER_COMMAND }

    private final String id;
    private final Kind kind;

    CallbackEvent(String id, Kind kind) {
        this.id = id;
        this.kind = kind;
    }

    /** The event's name as Flyway writes it, which is also the callback file's name: {@code beforeMigrate}. */
    public String id() {
        return id;
    }

    /** Whether Zerodown runs callbacks of this event during a migrate, where Flyway runs them. */
    public boolean runs() {
        return kind == Kind.RUN;
    }

    /** Flyway runs this event during a migrate, but Zerodown does not. */
    public boolean skippedDuringMigrate() {
        return kind == Kind.NOT_RUN;
    }

    /** The event of this exact (case-sensitive, as in Flyway) name. */
    public static Optional<CallbackEvent> of(String id) {
        return Arrays.stream(values()).filter(e -> e.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
