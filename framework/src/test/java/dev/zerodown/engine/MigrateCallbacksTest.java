package dev.zerodown.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.load.SyntheticTraffic;
import dev.zerodown.plan.Rollout;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import dev.zerodown.result.RunResult;
import dev.zerodown.settings.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The callbacks of a migrate when something fails. Roles outlive the run's database (they belong to the server), so a
 * callback that creates one leaves proof that it ran.
 */
class MigrateCallbacksTest {
    private static final String PROOF = "zd_after_migrate_error_ran";

    @TempDir
    Path dir;

    @AfterEach
    void dropProof() throws SQLException {
        try (Database db = Postgres.embedded(17).createDatabase("callbacks_cleanup");
             Connection c = db.connect("cleanup"); Statement s = c.createStatement()) {
            s.execute("drop role if exists " + PROOF);
        }
    }

    @Test
    void should_run_afterMigrateError_after_a_failed_step_and_keep_the_step_s_failure_as_the_result() throws Exception {
        write("V1__create.sql", "create table t (id int primary key);\n");
        write("V2__broken.sql", "alter table t add column v int;\nselect 1/0;\n");
        write("afterMigrateError.sql", "create role " + PROOF + ";\n");
        write("afterMigrateError__fails_too.sql", "select no_such_column from t;\n");

        RunResult result = run(Rollout.startWith("v1", new SyntheticTraffic()).migrate("V2"));

        assertThat(result.transitions().get(0).hazards()).extracting(h -> h.id()).contains(HazardId.MIGRATION_FAILED);
        assertThat(roleExists(PROOF)).as("afterMigrateError.sql ran after V2 failed").isTrue();
    }

    @Test
    void should_stop_at_a_failing_beforeMigrate_naming_its_file_and_line() throws Exception {
        write("V1__create.sql", "create table t (id int primary key);\n");
        write("V2__add.sql", "alter table t add column v int;\n");
        write("beforeMigrate.sql", "select 1;\ncreate schema if not exists app authorization no_such_owner;\n");

        assertThatThrownBy(() -> run(Rollout.startWith("v1", new SyntheticTraffic()).migrate("V2")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(dir.resolve("beforeMigrate.sql") + ":2 (beforeMigrate callback): statement failed with"
                        + " SQLState 42704: role \"no_such_owner\" does not exist; fix the callback (Flyway stops the"
                        + " migrate there too)");
    }

    private RunResult run(Rollout rollout) {
        Settings s = Settings.defaults().with(Map.of("migrations", "filesystem:" + dir, "soak", "200ms", "clients", "1",
                "rate", "50"));
        return CompatibilityRun.of("callbacks", rollout).settings(s).writeReports(false).run(17).result();
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(dir.resolve(name), sql);
    }

    private static boolean roleExists(String role) throws SQLException {
        try (Database db = Postgres.embedded(17).createDatabase("callbacks_check");
             Connection c = db.connect("check"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from pg_roles where rolname = '" + role + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }
}
