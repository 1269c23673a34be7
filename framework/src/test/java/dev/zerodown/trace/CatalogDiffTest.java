package dev.zerodown.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogDiffTest {
    private static final String BASELINE = """
            create schema app;
            create type app.status as enum ('new', 'done');
            create table app.tasks (id bigint primary key, title text, status app.status, due date);
            create view app.open_tasks as select id, title from app.tasks where status = 'new';
            create function app.task_count() returns bigint language sql as $$ select count(*) from app.tasks $$;
            create function app.old_helper(x int) returns int language sql as $$ select x $$;
            """;

    @TempDir
    Path dir;
    private Database db;
    private StepExecutor executor;

    @BeforeEach
    void baseline() {
        db = Postgres.embedded(17).createDatabase("catalog_diff");
        executor = new StepExecutor(db, TraceSettings.defaults(), (dev.zerodown.locks.LockMonitor) null);
        executor.applyUntraced(Steps.of(dir, "V1__baseline.sql", BASELINE));
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private CatalogDiff diff(String sql) {
        return executor.execute(Steps.of(dir, "V2__change.sql", sql)).diff();
    }

    @Test
    void should_name_every_change_with_its_schema_and_the_line_that_made_it() {
        CatalogDiff diff = diff("""
                alter function app.task_count() rename to count_tasks;
                drop function app.old_helper(int);
                alter type app.status rename value 'done' to 'closed';
                alter table app.tasks alter column due type timestamptz;
                alter table app.tasks add column owner text not null default 'nobody';
                alter table app.tasks add column priority int not null;
                """);

        assertThat(diff.changes()).extracting(CatalogDiff.Change::describe, CatalogDiff.Change::line).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("function app.task_count() renamed to app.count_tasks()", 1),
                org.assertj.core.groups.Tuple.tuple("function app.old_helper(x integer) dropped", 2),
                org.assertj.core.groups.Tuple.tuple("enum value 'done' of app.status renamed to 'closed'", 3),
                org.assertj.core.groups.Tuple.tuple("column app.tasks.due retyped from date to timestamp with time zone", 4),
                org.assertj.core.groups.Tuple.tuple("column app.tasks.priority became NOT NULL (added without a default)", 6));
    }

    @Test
    void should_not_report_a_view_that_was_dropped_and_created_again() {
        CatalogDiff diff = diff("""
                drop view app.open_tasks;
                create view app.open_tasks as select id, title, due from app.tasks where status = 'new';
                """);

        assertThat(diff.isEmpty()).isTrue();
    }

    @Test
    void should_report_a_dropped_view_and_a_moved_table() {
        CatalogDiff diff = diff("""
                drop view app.open_tasks;
                create schema archive;
                alter table app.tasks set schema archive;
                """);

        assertThat(diff.changes()).extracting(CatalogDiff.Change::describe).containsExactlyInAnyOrder(
                "app.open_tasks dropped", "app.tasks renamed to archive.tasks");
        assertThat(diff.changes(CatalogDiff.Kind.TABLE_RENAMED)).singleElement()
                .satisfies(c -> assertThat(c.simpleName()).isEqualTo("tasks"));
    }
}
