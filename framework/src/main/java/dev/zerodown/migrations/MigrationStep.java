package dev.zerodown.migrations;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One migration file: a step of the rollout.
 *
 * <p>How it runs follows Flyway: in one transaction, unless {@link #executeInTransaction()} is false
 * (each statement then autocommits) or every statement is one PostgreSQL refuses inside a transaction
 * block ({@link #nonTransactionalOnly()}); a {@link #mixed()} script is refused unless Flyway's
 * {@code mixed} is allowed (then it runs without a transaction) or its {@code .sql.conf} says
 * {@code executeInTransaction=false}.
 *
 * @param version              the version, parts separated by {@code .} ({@code 3}, {@code 1.1} for
 *                             {@code V1_1__…}); null for repeatable {@code R__} scripts
 * @param description          the description part of the file name, underscores as spaces
 * @param fileName             the file name with {@code .sql}, such as {@code V3__backfill.sql}
 * @param location             the file as shown in messages: its path, or {@code classpath:<folder>/<file>}
 * @param statements           the statements in file order
 * @param executeInTransaction false when the script's {@code .sql.conf} says {@code executeInTransaction=false}
 *                             (or the format's own rule runs it without a transaction)
 * @param name                 how rollouts and reports name the step: the file name without {@code .sql}
 *                             ({@code V3__backfill}) for Flyway; see docs/migration-formats.md for the others
 * @param checksum             the checksum Flyway records for the file in its history table
 *                             ({@link #flywayChecksum(String)}); null for formats Flyway does not run
 * @param baselineMigration    true for a Flyway baseline migration {@code B<version>__<description>.sql}: on an
 *                             empty database it stands for every versioned step up to its version
 */
@API(status = API.Status.EXPERIMENTAL)
public record MigrationStep(String version, String description, String fileName, String location,
                            List<SqlStatement> statements, boolean executeInTransaction, String name,
                            Integer checksum, boolean baselineMigration) {
    public MigrationStep {
        statements = List.copyOf(statements);
        if (name == null) {
            name = fileName.endsWith(".sql") ? fileName.substring(0, fileName.length() - 4) : fileName;
        }
    }

    /** A versioned or repeatable step (no baseline migration) with a Flyway checksum. */
    public MigrationStep(String version, String description, String fileName, String location,
                         List<SqlStatement> statements, boolean executeInTransaction, String name, Integer checksum) {
        this(version, description, fileName, location, statements, executeInTransaction, name, checksum, false);
    }

    /** A step without a Flyway checksum. */
    public MigrationStep(String version, String description, String fileName, String location,
                         List<SqlStatement> statements, boolean executeInTransaction, String name) {
        this(version, description, fileName, location, statements, executeInTransaction, name, null, false);
    }

    /**
     * Flyway's checksum of a script: CRC32 over the UTF-8 bytes of each line of the decoded text, line
     * breaks left out and a byte order mark at the start dropped, as Flyway's {@code ChecksumCalculator}.
     */
    public static int flywayChecksum(String text) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        t.lines().forEach(line -> crc.update(line.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return (int) crc.getValue();
    }

    /** A step named by its file name without {@code .sql} ({@code V3__backfill}), as Flyway names it. */
    public MigrationStep(String version, String description, String fileName, String location,
                         List<SqlStatement> statements, boolean executeInTransaction) {
        this(version, description, fileName, location, statements, executeInTransaction, null);
    }

    public boolean repeatable() {
        return version == null;
    }

    /** At least one statement, and none of them can run inside a transaction block: Flyway runs it outside one. */
    public boolean nonTransactionalOnly() {
        return !statements.isEmpty() && statements.stream().noneMatch(SqlStatement::transactional);
    }

    /** Some statements can run in a transaction and some cannot. */
    public boolean mixed() {
        return statements.stream().anyMatch(SqlStatement::transactional)
                && statements.stream().anyMatch(s -> !s.transactional());
    }

    /**
     * Whether the step runs as one transaction: {@code executeInTransaction} and every statement can
     * (a mixed step allowed by {@code mixed} runs without one, as in Flyway).
     */
    public boolean runsInTransaction() {
        return executeInTransaction && statements.stream().allMatch(SqlStatement::transactional);
    }

    /**
     * The statement at which Flyway refuses this step as mixed, when {@code mixed} is not allowed: the
     * first statement after which both kinds have been seen. Empty when the step is not mixed or its
     * {@code .sql.conf} says {@code executeInTransaction=false}.
     */
    public Optional<SqlStatement> mixedOffender() {
        if (!executeInTransaction || !mixed()) {
            return Optional.empty();
        }
        boolean transactional = false;
        boolean nonTransactional = false;
        for (SqlStatement s : statements) {
            transactional |= s.transactional();
            nonTransactional |= !s.transactional();
            if (transactional && nonTransactional) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
