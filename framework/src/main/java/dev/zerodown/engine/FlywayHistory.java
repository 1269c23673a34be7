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
 * files, as Flyway's {@code validate} requires.
 *
 * @param table   the table as the setting {@code flywayTable} names it
 * @param applied version → checksum (null for a Flyway baseline marker), in installed order
 * @param baselineMarker the version of a {@code BASELINE} row, or null: every version up to it counts as applied
 */
record FlywayHistory(String table, Map<String, Integer> applied, String baselineMarker) {

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
            String marker = null;
            try (PreparedStatement s = c.prepareStatement("select version, checksum, type from " + table
                    + " where success and version is not null order by installed_rank");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if ("BASELINE".equals(rs.getString(3))) {
                        marker = rs.getString(1);
                    } else {
                        applied.put(rs.getString(1), (Integer) rs.getObject(2));
                    }
                }
            }
            return new FlywayHistory(table, applied, marker);
        } catch (SQLException e) {
            throw new EnvironmentException("Could not read the Flyway history table " + table + " (flywayTable) of database "
                    + db.name() + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code step} is applied: recorded, or at or below a baseline marker. */
    boolean isApplied(MigrationStep step) {
        return !step.repeatable() && (applied.keySet().stream().anyMatch(v -> compareVersions(v, step.version()) == 0)
                || baselineMarker != null && compareVersions(step.version(), baselineMarker) <= 0);
    }

    /**
     * Validates the history against the files and the plan: a changed checksum, an applied version without a
     * file, and a transition migrating an applied step are configuration errors, each naming what to do.
     */
    void validate(List<MigrationStep> steps, RolloutPlan plan) {
        String where = " in the Flyway history table " + table + " (flywayTable) of the database the run starts from";
        for (Map.Entry<String, Integer> e : applied.entrySet()) {
            MigrationStep step = steps.stream().filter(s -> !s.repeatable()
                    && compareVersions(s.version(), e.getKey()) == 0).findFirst().orElse(null);
            if (step == null) {
                throw new ConfigurationException("Version " + e.getKey() + " is applied" + where
                        + " but no migration file has it; add its file back to the migrations locations, or point jdbcUrl at a clone made with these migrations");
            }
            if (step.checksum() != null && e.getValue() != null && !step.checksum().equals(e.getValue())) {
                throw new ConfigurationException("Checksum mismatch for " + step.location() + ": version " + e.getKey()
                        + " was applied with checksum " + e.getValue() + where + ", the file now has " + step.checksum()
                        + "; restore the file as it was applied (an applied migration must not change) or, if the change is intended, run flyway repair on the clone");
            }
        }
        List<String> reapplied = new ArrayList<>();
        for (PlannedTransition t : plan.transitions()) {
            if (t.step() != null && isApplied(t.step())) {
                reapplied.add(t.step().name());
            }
        }
        if (!reapplied.isEmpty()) {
            throw new ConfigurationException("Rollout migrates " + String.join(", ", reapplied) + ", already applied" + where
                    + "; the rollout must start after the applied versions (migrate only the pending steps)");
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
