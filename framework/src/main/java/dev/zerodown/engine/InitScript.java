package dev.zerodown.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.EnvironmentException;
import dev.zerodown.postgres.Database;
import dev.zerodown.sql.SqlScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code initScript} setting's file: what the migrations expect of the server before the first one runs
 * (roles, extensions, settings), run on each run's database before the baseline, as the connecting user (on
 * the embedded server, its superuser). Statements are split like migrations and each commits on its own
 * ({@code CREATE DATABASE}, {@code ALTER SYSTEM} cannot run in a transaction block); a failing one stops the
 * run naming file:line. Roles belong to the server, not to a database, and one server runs many databases
 * (every run of a JVM on the embedded one): a {@code CREATE ROLE|USER|GROUP} of a role that exists already is
 * skipped, and the log says so.
 */
final class InitScript {
    private static final Logger LOG = LoggerFactory.getLogger(InitScript.class);
    private static final Pattern CREATE_ROLE = Pattern.compile(
            "(?is)create\\s+(?:role|user|group)\\s+(\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*)(?:\\s.*)?");

    private InitScript() {
    }

    static void apply(Database db, Path file) {
        String sql;
        try {
            sql = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EnvironmentException("Cannot read initScript " + file + ": " + e.getMessage(), e);
        }
        int ran = 0;
        try (Connection c = db.connect("zerodown-init-script")) {
            c.setAutoCommit(true);
            for (SqlScript.Statement statement : SqlScript.parse(sql).statements()) {
                Optional<String> role = createdRole(statement.sql());
                if (role.isPresent() && roleExists(c, role.get())) {
                    LOG.info("initScript {}:{}: role {} exists on this server already (roles belong to the server,"
                            + " which runs many databases); skipped", file, statement.line(), role.get());
                    continue;
                }
                execute(c, file, statement);
                ran++;
            }
        } catch (SQLException e) {
            throw new EnvironmentException("initScript " + file + " could not be applied: " + e.getMessage(), e);
        }
        LOG.info("initScript {}: {} statement(s) run on {} as {} before the baseline", file, ran, db.name(), db.user());
    }

    /** The role a {@code CREATE ROLE|USER|GROUP} statement creates, as PostgreSQL folds its name. */
    static Optional<String> createdRole(String sql) {
        Matcher m = CREATE_ROLE.matcher(sql.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String name = m.group(1);
        return Optional.of(name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"")
                : name.toLowerCase(Locale.ROOT));
    }

    private static boolean roleExists(Connection c, String role) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select 1 from pg_roles where rolname = ?")) {
            s.setString(1, role);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void execute(Connection c, Path file, SqlScript.Statement statement) {
        try (Statement s = c.createStatement()) {
            s.execute(statement.sql());
        } catch (SQLException e) {
            throw new ConfigurationException("initScript " + file + ":" + statement.line() + " failed (SQLState "
                    + e.getSQLState() + "): " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                    + "; fix the script so that it runs on a new database before the first migration");
        }
    }
}
