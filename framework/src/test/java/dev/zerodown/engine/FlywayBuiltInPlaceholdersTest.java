package dev.zerodown.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.migrations.MigrationLoader;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import dev.zerodown.settings.Settings;
import dev.zerodown.trace.StepExecutor;
import dev.zerodown.trace.TraceSettings;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flyway's built-in placeholders get the values Flyway 13 gives them: the same script run by Flyway itself and
 * applied by Zerodown writes the same row ({@code ${flyway:timestamp}} compared by its format, as it is the time
 * the script was read).
 */
class FlywayBuiltInPlaceholdersTest {
    private static final String SCRIPT = "create table seen as select '${flyway:defaultSchema}' s, '${flyway:user}' u,"
            + " '${flyway:filename}' f, '${flyway:table}' tb, '${flyway:workingDirectory}' w, '${flyway:timestamp}' t;\n";

    @TempDir
    Path dir;

    @Test
    void should_fill_the_built_ins_as_flyway_does() throws Exception {
        Files.writeString(dir.resolve("V1__seen.sql"), SCRIPT, StandardCharsets.UTF_8);
        try (Database byFlyway = Postgres.embedded(17).createDatabase("builtins_flyway");
             Database byZerodown = Postgres.embedded(17).createDatabase("builtins_zerodown")) {
            Flyway.configure().dataSource(byFlyway.jdbcUrl(), byFlyway.user(), byFlyway.password())
                    .locations("filesystem:" + dir).load().migrate();
            Settings settings = Settings.defaults().with("migrations", "filesystem:" + dir);
            List<MigrationStep> steps = new MigrationLoader().load(settings.migrations(),
                    CompatibilityRun.placeholders(settings), getClass().getClassLoader());
            new StepExecutor(byZerodown, TraceSettings.defaults(), (dev.zerodown.locks.LockMonitor) null)
                    .applyUntraced(steps.get(0));

            List<String> flyway = row(byFlyway);
            List<String> zerodown = row(byZerodown);

            assertThat(zerodown.subList(0, 5)).isEqualTo(flyway.subList(0, 5))
                    .startsWith("public", "postgres", "V1__seen.sql", "flyway_schema_history");
            assertThat(zerodown.get(5)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
            assertThat(flyway.get(5)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        }
    }

    @Test
    void should_say_why_flyway_database_has_no_value_and_what_to_write() throws Exception {
        Files.writeString(dir.resolve("V1__settings.sql"), "alter database ${flyway:database} set work_mem = '64MB';\n",
                StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new MigrationLoader().load(List.of("filesystem:" + dir), Map.of(), getClass().getClassLoader()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(dir.resolve("V1__settings.sql") + ":1: placeholder ${flyway:database} is the database Flyway migrates, and"
                        + " Zerodown runs each check in a scratch database of its own whose name it cannot know while reading"
                        + " the scripts; write current_database() where the SQL allows it, or set"
                        + " placeholders=flyway:database=<name>");
    }

    @Test
    void should_take_the_connecting_user_of_an_external_server() {
        Settings external = Settings.defaults().with(Map.of("provider", "external",
                "jdbcUrl", "jdbc:postgresql://staging:5432/shop?user=deployer&password=x", "allowExternal", "shop"));

        assertThat(CompatibilityRun.placeholders(external)).containsEntry("flyway:user", "deployer");
        assertThat(CompatibilityRun.placeholders(external.with("placeholders", "flyway:user=owner")))
                .containsEntry("flyway:user", "owner");
    }

    private static List<String> row(Database db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect("test"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select s, u, f, tb, w, t from seen")) {
            rs.next();
            for (int i = 1; i <= 6; i++) {
                out.add(rs.getString(i));
            }
        }
        return out;
    }
}
