package dev.zerodown.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example of docs/migrations.md, run: the folder is src/test/resources/zerodown-docs/migrations-example. */
class MigrationsDocExampleTest {

    /** The code shown in docs/migrations.md, printing into a StringBuilder instead of System.out. */
    static String describe(String location) {
        StringBuilder out = new StringBuilder();
        List<MigrationStep> steps = new MigrationLoader().load(
                List.of(location), Map.of("app_role", "app"), Thread.currentThread().getContextClassLoader());
        for (MigrationStep step : steps) {
            out.append(step.name()).append(step.runsInTransaction() ? " (one transaction)" : " (no transaction)")
                    .append('\n');
            for (SqlStatement s : step.statements()) {
                out.append("  line ").append(s.line()).append(s.transactional() ? "" : " [non-transactional]")
                        .append(": ").append(s.summary()).append('\n');
                for (SqlStatement.Acknowledgement a : s.acknowledgements()) {
                    out.append("    allows ").append(a.hazard().id()).append(": ").append(a.reason()).append('\n');
                }
            }
        }
        return out.toString();
    }

    @Test
    void should_find_steps_as_the_documentation_shows() {
        List<MigrationStep> steps = new MigrationLoader().load(List.of("classpath:zerodown-docs/migrations-example"),
                Map.of("app_role", "app"), Thread.currentThread().getContextClassLoader());

        assertThat(MigrationSteps.find(steps, "V3").fileName()).isEqualTo("V3__index_full_name.sql");
        assertThat(MigrationSteps.indexOf(steps, "R__user_names_view")).isEqualTo(4);
    }

    @Test
    void should_print_what_the_documentation_shows() {
        assertThat(describe("classpath:zerodown-docs/migrations-example")).isEqualTo("""
                V1__create_users (one transaction)
                  line 1: create table users ( id bigint generated always as identity primary key, user_n…
                  line 5: grant select, insert, update on users to app
                V2__add_full_name (one transaction)
                  line 2: alter table users add column full_name text
                V3__index_full_name (no transaction)
                  line 2 [non-transactional]: create index concurrently users_full_name on users (full_name)
                V4__backfill_full_name (no transaction)
                  line 2: update users set full_name = user_name where id between 1 and 10000 and full_na…
                  line 3: update users set full_name = user_name where id between 10001 and 20000 and ful…
                R__user_names_view (one transaction)
                  line 2: create or replace view user_names as select id, coalesce(full_name, user_name) …
                    allows strong-lock: replacing the view takes a few milliseconds
                """);
    }
}
