package dev.zerodown.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import dev.zerodown.hazards.Severities;
import dev.zerodown.judge.Hazards;
import dev.zerodown.judge.StepJudge;
import dev.zerodown.locks.LockMonitor;
import dev.zerodown.migrations.MigrationLoader;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import dev.zerodown.result.Hazard;
import org.junit.jupiter.api.Test;

/** The example of docs/hazards.md, run: the folder is src/test/resources/zerodown-docs/hazards-example. */
class HazardsDocExampleTest {

    /** The code shown in docs/hazards.md, printing into a StringBuilder instead of System.out. */
    static String trace() {
        StringBuilder out = new StringBuilder();
        try (Database db = Postgres.embedded(17).createDatabase("hazards_example");
             LockMonitor monitor = LockMonitor.start(db, Duration.ofMillis(5), System.nanoTime())) {
            List<MigrationStep> steps = new MigrationLoader().load(
                    List.of("classpath:zerodown-docs/hazards-example"), Map.of(), null);
            StepExecutor executor = new StepExecutor(db, TraceSettings.defaults(), monitor);
            executor.applyUntraced(steps.get(0));                        // the baseline: not traced
            Severities severities = Severities.parse("lock-held-across-statements=error");
            for (MigrationStep step : steps.subList(1, steps.size())) {
                StepTrace trace = executor.execute(step);                // measures
                out.append(step.name()).append(trace.failed() ? " (failed)" : "").append('\n');
                for (Hazard h : Hazards.withSeverities(StepJudge.hazards(trace), severities)) {   // judges
                    out.append("  ").append(h.severity()).append(' ').append(h.id()).append(' ').append(h.relation())
                            .append(" at ").append(h.where())
                            .append(h.acknowledged() ? " (acknowledged: " + h.reason() + ")" : "").append('\n');
                }
            }
        }
        return out.toString();
    }

    @Test
    void should_print_what_the_documentation_shows() {
        assertThat(trace()).isEqualTo("""
                V2__require_plan
                  warning strong-lock public.accounts at V2__require_plan.sql:2
                  error lock-held-across-statements public.accounts at V2__require_plan.sql:2
                  error missing-lock-timeout public.accounts at V2__require_plan.sql:2
                  error scan-under-lock public.accounts at V2__require_plan.sql:3
                  error non-concurrent-index public.accounts_plan at V2__require_plan.sql:4
                V3__plan_check
                  warning strong-lock public.accounts at V3__plan_check.sql:4 (acknowledged: catalog-only, bounded by lock_timeout)
                V4__validate_plan_check
                V5__index_plan
                """);
    }
}
