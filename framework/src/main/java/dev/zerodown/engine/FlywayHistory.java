package dev.zerodown.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.EnvironmentException;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.plan.PlannedTransition;
import dev.zerodown.plan.RolloutPlan;
import dev.zerodown.postgres.Database;

/**
 * The Flyway history table of the database a run starts from (a staging clone): the versions it records
 * as applied ({@code success}) are the baseline and are not re-applied; their checksums must match the
 * files, as Flyway's {@code validate} requires. A repeatable script whose latest recorded checksum is the
 * file's is not re-applied either; a baseline migration ({@code B<version>__}) never is, as Flyway applies
 * those to an empty database only.
 *
 * @param table          the table as the setting {@code flywayTable} names it
 * @param applied        version → checksum (null for a Flyway baseline marker), in installed order
 * @param baselines      version → checksum of applied baseline migrations ({@code SQL_BASELINE} rows)
 * @param baselineMarker the highest version of a {@code BASELINE} row or an applied baseline migration, or null:
 *                       every version up to it counts as applied
 * @param repeatables    description → checksum of the latest successful run of each repeatable script
 */
record FlywayHistory(String table, Map<String, Integer> applied, Map<String, Integer> baselines, String baselineMarker,
                     Map<String, Integer> repeatables) {

    /** The history of {@code db}, or null when it has no table {@code table}. */
    static FlywayHistory read(Database db, String table) {
        if (!table.matches("([A-Za-z_][A-Za-z0-9_$]*\\.)?[A-Za-z_][A-Za-z0-9_$]*")) {
            throw new ConfigurationException("setting `flywayTable` (property zerodown.flywayTable): `" + table
                    + "` is not a table name; write flyway_schema_history or schema.table");
        }
        try (Connection c = db.connect("zerodown-flyway-history")) {
            try (PreparedStatement s = c.prepareStatement("select to_regclass(?) is not null")) {
                s.setString(1, table);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next() || !rs.getBoolean(1)) {
                        return null;
                    }
                }
            }
            Map<String, Integer> applied = new LinkedHashMap<>();
            Map<String, Integer> baselines = new LinkedHashMap<>();
            Map<String, Integer> repeatables = new LinkedHashMap<>();
            String marker = null;
            try (PreparedStatement s = c.prepareStatement("select version, checksum, type, description from " + table
                    + " where success order by installed_rank");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String version = rs.getString(1);
                    Integer checksum = (Integer) rs.getObject(2);
                    String type = rs.getString(3);
                    if (version == null) {
                        if ("DELETE".equals(type)) {
                            repeatables.remove(rs.getString(4)); // flyway repair marked it deleted
                        } else {
                            repeatables.put(rs.getString(4), checksum);
                        }
                    } else if ("BASELINE".equals(type) || type != null && type.endsWith("_BASELINE")) {
                        marker = marker == null || compareVersions(version, marker) > 0 ? version : marker;
                        if (!"BASELINE".equals(type)) {
                            baselines.put(version, checksum);
                        }
                    } else {
                        applied.put(version, checksum);
                    }
                }
            }
            return new FlywayHistory(table, applied, baselines, marker, repeatables);
        } catch (SQLException e) {
            throw new EnvironmentException("Could not read the Flyway history table " + table + " (flywayTable) of database "
                    + db.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether Flyway would leave {@code step} alone on this database: a version recorded, or at or below a
     * baseline; a baseline migration, once anything is applied; a repeatable script run last with the file's checksum.
     */
    boolean isApplied(MigrationStep step) {
        if (step.repeatable()) {
            return unchanged(step);
        }
        if (step.baselineMigration()) {
            return !applied.isEmpty() || baselineMarker != null;
        }
        return applied.keySet().stream().anyMatch(v -> compareVersions(v, step.version()) == 0)
                || baselineMarker != null && compareVersions(step.version(), baselineMarker) <= 0;
    }

    /** A repeatable script whose latest successful run recorded the file's checksum: Flyway does not run it again. */
    boolean unchanged(MigrationStep step) {
        return step.repeatable() && step.checksum() != null && repeatables.containsKey(step.description())
                && step.checksum().equals(repeatables.get(step.description()));
    }

    /** The checksum the latest run of a repeatable script recorded, or null. */
    Integer recordedChecksum(MigrationStep step) {
        return repeatables.get(step.description());
    }

    /**
     * Validates the history against the files and the plan: a changed checksum, an applied version without a
     * file, and a transition migrating an applied step are configuration errors, each naming what to do.
     *
     * @param steps every script the history may name: the plan's, and those a baseline migration stands for
     */
    void validate(List<MigrationStep> steps, RolloutPlan plan) {
        String where = " in the Flyway history table " + table + " (flywayTable) of the database the run starts from";
        validate(steps, applied, false, where);
        validate(steps, baselines, true, where);
        List<String> reapplied = new ArrayList<>();
        for (PlannedTransition t : plan.transitions()) {
            if (t.step() != null && !t.step().repeatable() && isApplied(t.step())) {
                reapplied.add(t.step().name());
            }
        }
        if (!reapplied.isEmpty()) {
            throw new ConfigurationException("Rollout migrates " + String.join(", ", reapplied) + ", already applied" + where
                    + (plan.transitions().stream().anyMatch(t -> t.step() != null && t.step().baselineMigration())
                    ? " (a baseline migration applies to an empty database only)" : "")
                    + "; the rollout must start after the applied versions (migrate only the pending steps)");
        }
    }

    private static void validate(List<MigrationStep> steps, Map<String, Integer> rows, boolean baseline, String where) {
        for (Map.Entry<String, Integer> e : rows.entrySet()) {
            MigrationStep step = steps.stream().filter(s -> !s.repeatable() && s.baselineMigration() == baseline
                    && compareVersions(s.version(), e.getKey()) == 0).findFirst().orElse(null);
            String what = baseline ? "baseline migration B" : "migration file";
            if (step == null) {
                throw new ConfigurationException("Version " + e.getKey() + " is applied" + where + " but no " + what
                        + (baseline ? e.getKey() + "__… " : " ") + "has it; add its file back to the migrations"
                        + " locations, or point jdbcUrl at a clone made with these migrations");
            }
            if (step.checksum() != null && e.getValue() != null && !step.checksum().equals(e.getValue())) {
                throw new ConfigurationException("Checksum mismatch for " + step.location() + ": version " + e.getKey()
                        + " was applied with checksum " + e.getValue() + where + ", the file now has " + step.checksum()
                        + "; restore the file as it was applied (an applied migration must not change) or, if the change is intended, run flyway repair on the clone");
            }
        }
    }

    /** Flyway's version order: numeric parts, trailing zeros ignored ({@code 1.0} equals {@code 1}). */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            java.math.BigInteger p = i < x.length ? new java.math.BigInteger(x[i]) : java.math.BigInteger.ZERO;
            java.math.BigInteger q = i < y.length ? new java.math.BigInteger(y[i]) : java.math.BigInteger.ZERO;
            int c = p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
