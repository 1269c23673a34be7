package dev.zerodown.migrations;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Statements and whether PostgreSQL runs them inside a transaction block: the parser must say so
 * ({@link StatementSplittingTest}) and PostgreSQL must agree ({@link TransactionBlockOnPostgresTest}).
 * {@code {db}} stands for the current database's name.
 */
final class TransactionBlockCases {
    private TransactionBlockCases() {
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("create index concurrently if not exists t_a on t (a)", false),
                Arguments.of("CREATE UNIQUE INDEX CONCURRENTLY t_a ON t (a)", false),
                Arguments.of("drop index concurrently if exists t_b", false),
                Arguments.of("reindex index concurrently t_b", false),
                Arguments.of("reindex table concurrently t", false),
                Arguments.of("reindex (verbose) table concurrently t", false),
                Arguments.of("reindex (concurrently) table t", false),
                Arguments.of("reindex (concurrently false) table t", true),
                Arguments.of("reindex table t", true),
                Arguments.of("reindex schema public", false),
                Arguments.of("reindex database {db}", false),
                Arguments.of("vacuum t", false),
                Arguments.of("vacuum (analyze) t", false),
                Arguments.of("vacuum full t", false),
                Arguments.of("analyze t", true),
                Arguments.of("alter table p detach partition p1 concurrently", false),
                Arguments.of("alter table p detach partition p1", true),
                Arguments.of("alter system reset work_mem", false),
                Arguments.of("create database zerodown_never", false),
                Arguments.of("drop database if exists zerodown_never", false),
                Arguments.of("create tablespace zerodown_never location '/tmp/zerodown_never'", false),
                Arguments.of("drop tablespace if exists zerodown_never", false),
                Arguments.of("alter database {db} set tablespace pg_default", false),
                Arguments.of("alter database {db} set work_mem = '8MB'", true),
                Arguments.of("cluster", false),
                Arguments.of("cluster verbose", false),
                Arguments.of("cluster t using t_pkey", true),
                Arguments.of("discard all", false),
                Arguments.of("commit prepared 'zerodown_never'", false),
                Arguments.of("rollback prepared 'zerodown_never'", false),
                Arguments.of("create subscription zerodown_never connection 'dbname=none' publication p", false),
                Arguments.of("alter type mood add value 'meh'", true),
                Arguments.of("alter type mood add value if not exists 'meh' before 'ok'", true),
                Arguments.of("create index t_c on t (a)", true),
                Arguments.of("drop index t_b", true),
                Arguments.of("refresh materialized view concurrently mv", true),
                Arguments.of("comment on index t_b is 'built concurrently'", true),
                Arguments.of("select 'vacuum'", true));
    }
}
