package dev.zerodown.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import dev.zerodown.trace.StepExecutor;
import org.junit.jupiter.api.Test;

/** A transition that takes long says so, with the statement the migration runs. */
class ProgressTest {
    @Test
    void should_name_the_statement_the_migration_runs_while_a_step_takes_long() throws Exception {
        try (Database db = Postgres.embedded(17).createDatabase("progress");
             Connection migration = db.connect(StepExecutor.APPLICATION_NAME)) {
            CompletableFuture<Void> step = CompletableFuture.runAsync(() -> {
                try (Statement s = migration.createStatement()) {
                    s.execute("select pg_sleep(2) /* backfill */");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> running(db));
            try (Progress progress = Progress.start(db, "V3__backfill.sql under [v2]", 3, 12, System.nanoTime(),
                    Duration.ofHours(1))) {
                assertThat(progress.stillRunningLine())
                        .matches("Transition 3 of 12 still running after \\d+\\.\\ds \\(run elapsed \\d+\\.\\ds\\): "
                                + "V3__backfill.sql under \\[v2\\]; running: select pg_sleep\\(2\\) /\\* backfill \\*/ "
                                + "\\(for \\d+\\.\\ds\\)");
                step.join();
                assertThat(progress.stillRunningLine()).endsWith("V3__backfill.sql under [v2]");
            }
        }
    }

    /** The migration's statement is active in pg_stat_activity (what Progress reads). */
    private static boolean running(Database db) throws Exception {
        try (Connection c = db.connect("zd-test"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity where state = 'active'"
                     + " and query like 'select pg_sleep(2)%'")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }
}
