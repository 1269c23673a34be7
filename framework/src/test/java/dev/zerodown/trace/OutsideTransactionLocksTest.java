package dev.zerodown.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.locks.LockMonitor;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import dev.zerodown.result.Hazard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A statement outside a transaction block releases its locks when it ends, so only the lock sampler
 * may see them; its hazards must not depend on whether a sample fell inside it. The judge takes the
 * mode PostgreSQL documents for the command as well, and says where each mode came from.
 */
class OutsideTransactionLocksTest {
    private static final String BASELINE = """
            create table events (id bigint, payload text);
            insert into events select g, 'payload ' || g from generate_series(1, 8000) g;
            create index events_id on events (id);
            """;
    private static final List<String> VACUUM_FULL_HAZARDS = List.of("table-rewrite@public.events~error",
            "strong-lock@public.events~warning", "missing-lock-timeout@public.events~error");

    @TempDir
    Path dir;
    private Database db;

    @BeforeEach
    void createDatabase() {
        db = Postgres.embedded(17).createDatabase("outside_transaction");
        new StepExecutor(db, TraceSettings.defaults(), (LockMonitor) null).applyUntraced(Steps.of(dir, "V1__events.sql", BASELINE));
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    @Test
    void should_report_the_same_hazards_for_vacuum_full_every_time_whether_or_not_a_sample_saw_its_lock() {
        MigrationStep vacuum = Steps.of(dir, "V2__vacuum.sql", "vacuum full events;\n");
        List<List<String>> runs = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        try (LockMonitor monitor = LockMonitor.start(db, Duration.ofMillis(5), System.nanoTime())) {
            StepExecutor sampled = new StepExecutor(db, TraceSettings.defaults(), monitor);
            for (int i = 0; i < 6; i++) {
                StepTrace trace = sampled.execute(vacuum);
                runs.add(tokens(Steps.hazards(trace)));
                sources.add(Steps.hazards(trace, HazardId.STRONG_LOCK).get(0).evidence());
            }
        }
        StepExecutor unsampled = new StepExecutor(db, TraceSettings.defaults(), (LockMonitor) null);
        for (int i = 0; i < 2; i++) {
            StepTrace trace = unsampled.execute(vacuum);
            runs.add(tokens(Steps.hazards(trace)));
            Hazard strong = Steps.hazards(trace, HazardId.STRONG_LOCK).get(0);
            assertThat(strong.evidence()).as("without a sampler the mode is the documented one")
                    .contains("mode AccessExclusiveLock (documented for VACUUM FULL; the lock sampler saw no lock during the"
                            + " statement's", "held at most");
            assertThat(Steps.hazards(trace, HazardId.TABLE_REWRITE).get(0).message())
                    .contains("while holding AccessExclusiveLock (blocks reads and writes)");
        }

        assertThat(runs).as("hazards of 6 sampled and 2 unsampled runs").allSatisfy(run ->
                assertThat(run).containsExactlyInAnyOrderElementsOf(VACUUM_FULL_HAZARDS));
        assertThat(sources).allSatisfy(e -> assertThat(e).containsAnyOf("documented for VACUUM FULL, observed by the lock sampler",
                "documented for VACUUM FULL; the lock sampler saw no lock"));
    }

    @Test
    void should_take_no_strong_lock_from_the_documentation_of_a_concurrent_build() {
        StepExecutor unsampled = new StepExecutor(db, TraceSettings.defaults(), (LockMonitor) null);

        StepTrace trace = unsampled.execute(Steps.of(dir, "V2__index.sql", "create index concurrently events_payload on events (payload);\n"));

        assertThat(trace.failed()).isFalse();
        assertThat(Steps.hazards(trace)).isEmpty();
    }

    private static List<String> tokens(List<Hazard> hazards) {
        return hazards.stream().map(h -> h.id().id() + "@" + h.relation() + "~" + h.severity().id()).toList();
    }
}
