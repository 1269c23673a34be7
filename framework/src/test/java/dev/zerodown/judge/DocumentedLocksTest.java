package dev.zerodown.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.postgresql.PGConnection;

/**
 * The table of documented lock modes holds on a real server: each command, sent while another
 * session holds the weakest mode that conflicts with the documented one on its table, queues for
 * exactly the documented mode, on PostgreSQL 13 and 18.
 */
class DocumentedLocksTest {
    private static final String FIXTURE = """
            drop materialized view if exists mv;
            drop table if exists t, p, p1 cascade;
            create table t (id int primary key, v int, w int);
            insert into t select g, g from generate_series(1, 200) g;
            create index t_v on t (v);
            create materialized view mv as select id, v from t;
            create table p (k int not null) partition by range (k);
            create table p1 partition of p for values from (0) to (10);
            """;

    /** A statement, the table whose lock it checks (in the role {@code on}), the row it must match, and the first major that has it. */
    record Case(String sql, String table, DocumentedLocks.On on, String command, int since) {
        Case(String sql, String table, String command, int since) {
            this(sql, table, null, command, since);
        }
    }

    static final List<Case> CASES = List.of(
            new Case("vacuum full t", "t", "VACUUM FULL", 13),
            new Case("vacuum (full) t", "t", "VACUUM FULL", 13),
            new Case("vacuum (full false, analyze) t", "t", "VACUUM", 13),
            new Case("vacuum t", "t", "VACUUM", 13),
            new Case("analyze t", "t", "ANALYZE", 13),
            new Case("cluster t using t_pkey", "t", "CLUSTER", 13),
            new Case("reindex index concurrently t_v", "t", "REINDEX CONCURRENTLY", 13),
            new Case("reindex (concurrently) index t_v", "t", "REINDEX CONCURRENTLY", 14),
            new Case("reindex index t_v", "t", "REINDEX", 13),
            new Case("reindex table t", "t", "REINDEX", 13),
            new Case("reindex schema public", "t", "REINDEX", 13),
            new Case("create index concurrently t_v2 on t (v)", "t", "CREATE INDEX CONCURRENTLY", 13),
            new Case("create index t_v2 on t (v)", "t", "CREATE INDEX", 13),
            new Case("create unique index t_id on t (id)", "t", "CREATE INDEX", 13),
            new Case("drop index concurrently t_v", "t", "DROP INDEX CONCURRENTLY", 13),
            new Case("drop index t_v", "t", "DROP INDEX", 13),
            new Case("alter table p detach partition p1 concurrently", "p", DocumentedLocks.On.NAMED,
                    "DETACH PARTITION CONCURRENTLY", 14),
            new Case("alter table p detach partition p1 concurrently", "p1", DocumentedLocks.On.DETACHED,
                    "DETACH PARTITION CONCURRENTLY", 14),
            new Case("truncate t", "t", "TRUNCATE", 13),
            new Case("refresh materialized view mv", "mv", "REFRESH MATERIALIZED VIEW", 13),
            new Case("alter table t alter column w type bigint", "t", "a table rewrite", 13));

    /**
     * The weakest mode that conflicts with {@code mode} and with no weaker one: holding it, another session
     * lets through the weaker locks a command takes first (VACUUM FULL looks the table up with ACCESS SHARE)
     * and queues the first request of {@code mode} or stronger.
     */
    private static String holderMode(String mode) {
        return switch (mode) {
            case "AccessExclusiveLock" -> "access share";
            case "ExclusiveLock" -> "row share";
            case "ShareRowExclusiveLock", "ShareLock" -> "row exclusive";
            case "ShareUpdateExclusiveLock" -> "share update exclusive";
            default -> throw new IllegalArgumentException(mode);
        };
    }

    @Test
    void should_list_every_row_in_the_cases() {
        assertThat(CASES.stream().map(Case::command).distinct())
                .containsExactlyInAnyOrderElementsOf(DocumentedLocks.ROWS.stream().map(DocumentedLocks.Row::command).toList());
    }

    @Test
    void should_match_a_command_by_its_words_not_its_comments_strings_or_case() {
        assertThat(DocumentedLocks.row("/* full */ VACUUM -- full\n events").command()).isEqualTo("VACUUM");
        assertThat(DocumentedLocks.row("VACUUM FULL ANALYZE events").command()).isEqualTo("VACUUM FULL");
        assertThat(DocumentedLocks.row("Reindex Index Concurrently events_id").command()).isEqualTo("REINDEX CONCURRENTLY");
        assertThat(DocumentedLocks.row("create index \"concurrently\" on t (v)").command()).isEqualTo("CREATE INDEX");
    }

    @TestFactory
    Stream<DynamicNode> should_queue_for_the_documented_mode() {
        return Stream.of(13, 18).map(major -> DynamicContainer.dynamicContainer("PostgreSQL " + major,
                Stream.of(DynamicTest.dynamicTest("every command", () -> check(major)))));
    }

    private static void check(int major) throws Exception {
        try (Database db = Postgres.embedded(major).createDatabase("documented_locks")) {
            for (Case c : CASES) {
                if (major < c.since()) {
                    continue;
                }
                DocumentedLocks.Row row = DocumentedLocks.row(c.sql());
                assertThat(row.command()).as(c.sql()).isEqualTo(c.command());
                String documented = c.on() == null ? row.grants().get(0).mode() : row.mode(c.on());
                assertThat(requested(db, c, holderMode(documented))).as("%s on %s, PostgreSQL %d", c.sql(), c.table(), major)
                        .isEqualTo(documented);
            }
        }
    }

    /** The mode {@code c.sql()} queues for on its table while another session holds {@code held} there. */
    private static String requested(Database db, Case c, String held) throws Exception {
        try (Connection setup = db.connect("zd-setup"); Statement s = setup.createStatement()) {
            s.execute(FIXTURE);
        }
        try (Connection holder = db.connect("zd-holder"); Connection command = db.connect("zd-command")) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("set lock_timeout = '5s'");
                s.execute(held.equals("access share") ? "select count(*) from " + c.table()
                        : "lock table " + c.table() + " in " + held + " mode");
            }
            int pid = command.unwrap(PGConnection.class).getBackendPID();
            CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
                try (Statement s = command.createStatement()) {
                    s.execute("set lock_timeout = '20s'");
                    s.execute(c.sql());
                } catch (SQLException e) {
                    throw new IllegalStateException(c.sql() + ": " + e.getMessage(), e);
                }
            });
            AtomicReference<String> mode = new AtomicReference<>();
            try (Connection observer = db.connect("zd-observer");
                 PreparedStatement q = observer.prepareStatement("select mode from pg_locks where pid = ? and not granted"
                         + " and locktype = 'relation' and relation = ?::regclass")) {
                q.setInt(1, pid);
                q.setString(2, c.table());
                Awaitility.await(c.sql() + " queues for a lock on " + c.table()).atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(10)).until(() -> {
                            try (ResultSet rs = q.executeQuery()) {
                                if (rs.next()) {
                                    mode.set(rs.getString(1));
                                }
                            }
                            return mode.get() != null || run.isDone();
                        });
            } finally {
                holder.rollback();
            }
            run.get(30, TimeUnit.SECONDS);
            return mode.get();
        }
    }
}
