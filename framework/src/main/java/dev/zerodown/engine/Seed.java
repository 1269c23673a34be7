package dev.zerodown.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.EnvironmentException;
import dev.zerodown.postgres.Database;

/** Runs the seed file (data for the baseline) once, without load, in one transaction. */
final class Seed {
    private Seed() {
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
            s.execute(sql);
            c.commit();
            s.execute("analyze");
        } catch (SQLException e) {
            throw new ConfigurationException("Seed file " + file + " failed (SQLState " + e.getSQLState() + "): "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "; fix the seed so it runs on the baseline schema");
        }
    }
}
