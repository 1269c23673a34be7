package dev.zerodown.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.EnvironmentException;
import dev.zerodown.postgres.Database;
import dev.zerodown.profile.ProductionProfile;
import dev.zerodown.profile.ProfileSeed;
import dev.zerodown.settings.Settings;
import dev.zerodown.sql.SqlScript;

/**
 * Runs the seed file (data for the baseline) once, without load, in one transaction, statement by statement
 * (split like migrations) so a failure names the file and the line of the failing statement.
 */
final class Seed {
    private Seed() {
    }

    /** The profile to seed from: the setting's file if it exists (the plugin has already refused a missing one). */
    static Path profileFile(Settings settings) {
        if (settings.profile() == null) {
            return null;
        }
        Path p = Paths.get(settings.profile());
        return Files.isRegularFile(p) ? p : null;
    }

    /** Generates rows for every table of the baseline to {@code scale} of the profile's rows. */
    static void fromProfile(Database db, Path profile, Settings settings) {
        new ProfileSeed(ProductionProfile.read(profile), settings.scale(), settings.maxSeedRows(), settings.randomSeed())
                .seed(db.dataSource("zerodown-seed"));
    }

    static void apply(Database db, Path file) {
        String sql;
        try {
            sql = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EnvironmentException("Cannot read seed file " + file + ": " + e.getMessage(), e);
        }
        try (Connection c = db.connect("zerodown-seed"); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (SqlScript.Statement statement : SqlScript.parse(sql).statements()) {
                execute(s, file, statement);
            }
            commit(c, file);
            s.execute("analyze");
        } catch (SQLException e) {
            throw new EnvironmentException("Seed file " + file + " could not be applied: " + e.getMessage(), e);
        }
    }

    /** One statement of the seed; its failure names file:line of the statement's first token. */
    private static void execute(Statement s, Path file, SqlScript.Statement statement) {
        try {
            s.execute(statement.sql());
        } catch (SQLException e) {
            throw new ConfigurationException("Seed file " + file + ":" + statement.line() + " failed (SQLState "
                    + e.getSQLState() + "): " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                    + "; fix the seed so it runs on the baseline schema");
        }
    }

    /** A deferred constraint fails at commit: the seed's problem too, with no single statement to name. */
    private static void commit(Connection c, Path file) {
        try {
            c.commit();
        } catch (SQLException e) {
            throw new ConfigurationException("Seed file " + file + " failed at commit (SQLState " + e.getSQLState()
                    + "): " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                    + "; fix the seed so it runs on the baseline schema");
        }
    }
}
