package dev.zerodown.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PostgreSQL itself confirms the transactional flags the loader gives: each statement runs inside
 * a transaction block (rolled back afterwards) and only the non-transactional ones are refused
 * with SQLState 25001.
 */
class TransactionBlockOnPostgresTest {
    private static final String ACTIVE_SQL_TRANSACTION = "25001";

    private static Database db;
    private static Connection connection;

    @BeforeAll
    static void createSchema() throws SQLException {
        db = Postgres.embedded(17).createDatabase("txblock");
        connection = db.connect("zerodown-test");
        try (Statement s = connection.createStatement()) {
            s.execute("""
                    create table t (id int primary key, a int, b int);
                    create index t_b on t (b);
                    insert into t select g, g, g from generate_series(1, 10) g;
                    create table p (id int) partition by range (id);
                    create table p1 partition of p for values from (0) to (100);
                    create type mood as enum ('ok');
                    create materialized view mv as select id from t;
                    create unique index mv_id on mv (id);
                    """);
        }
        connection.setAutoCommit(false);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        try {
            if (connection != null) {
                connection.close();
            }
        } finally {
            if (db != null) {
                db.close();
            }
        }
    }

    @ParameterizedTest(name = "{0} -> transactional={1}")
    @MethodSource("dev.zerodown.migrations.TransactionBlockCases#cases")
    void should_match_what_postgres_refuses_in_a_transaction_block(String sql, boolean transactional)
            throws SQLException {
        // given
        String statement = sql.replace("{db}", db.name());
        boolean parsed = StatementSplittingTest.parse(statement + ";").get(0).transactional();

        // when
        String sqlState = null;
        try (Statement s = connection.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            sqlState = e.getSQLState();
        } finally {
            connection.rollback();
        }

        // then
        assertThat(ACTIVE_SQL_TRANSACTION.equals(sqlState))
                .as("PostgreSQL refused '%s' in a transaction block (SQLState %s)", statement, sqlState)
                .isEqualTo(!transactional);
        assertThat(parsed).isEqualTo(transactional);
    }
}
