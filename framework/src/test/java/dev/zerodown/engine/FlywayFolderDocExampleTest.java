package dev.zerodown.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import dev.zerodown.load.SyntheticTraffic;
import dev.zerodown.migrations.Callbacks;
import dev.zerodown.migrations.MigrationLoader;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.migrations.Migrations;
import dev.zerodown.migrations.MigrationsFormat;
import dev.zerodown.plan.Rollout;
import dev.zerodown.plan.RolloutFile;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.settings.Settings;
import org.junit.jupiter.api.Test;

/**
 * The example of docs/migrations.md ("A Flyway folder with a baseline migration and callbacks"), run: the folder is
 * src/test/resources/zerodown-docs/flyway-folder-example, the init script beside it.
 */
class FlywayFolderDocExampleTest {
    private static final String LOCATION = "classpath:zerodown-docs/flyway-folder-example";
    private static final String INIT = "src/test/resources/zerodown-docs/flyway-folder-example-init.sql";

    /** The code shown in docs/migrations.md, printing into a StringBuilder instead of System.out. */
    static String describe(String location) {
        StringBuilder out = new StringBuilder();
        Migrations m = new MigrationLoader().read(MigrationsFormat.FLYWAY, List.of(location), Map.of(),
                Thread.currentThread().getContextClassLoader());
        out.append("steps: ").append(String.join(", ", m.steps().stream().map(MigrationStep::name).toList())).append('\n');
        out.append("not applied to an empty database: ")
                .append(String.join(", ", m.superseded().stream().map(MigrationStep::name).toList())).append('\n');
        for (Callbacks.Callback c : m.callbacks().all()) {
            out.append("callback ").append(c.event().id()).append(": ").append(c.script().fileName()).append('\n');
        }
        return out.toString();
    }

    @Test
    void should_read_what_the_documentation_shows() {
        assertThat(describe(LOCATION)).isEqualTo("""
                steps: B2__schema, V3__index_email, R__user_emails
                not applied to an empty database: V1__create_users, V2__add_email
                callback beforeEachMigrate: beforeEachMigrate.sql
                callback afterMigrate: afterMigrate__grants.sql
                """);
    }

    @Test
    void should_run_what_the_documentation_shows() {
        // the plugin's default rollout, with the init script the documentation shows
        Settings settings = Settings.defaults().with(Map.of("migrations", LOCATION, "initScript", INIT,
                "soak", "200ms", "clients", "1", "rate", "50"));
        List<MigrationStep> steps = new MigrationLoader().load(settings.migrations(), Map.of(),
                Thread.currentThread().getContextClassLoader());
        Rollout rollout = RolloutFile.byDefault(steps, null, version -> new SyntheticTraffic());

        RunResult result = CompatibilityRun.of("docs-flyway-folder", rollout).settings(settings).writeReports(false)
                .run(17).result();

        StringBuilder out = new StringBuilder();
        for (TransitionResult t : result.transitions()) {
            out.append(t.name()).append(": ").append(t.verdict().id()).append('\n');
        }
        assertThat(out.toString()).isEqualTo("""
                V3__index_email under [old]: safe
                R__user_emails under [old]: safe
                deploy new under [old, new]: safe
                """);
    }
}
