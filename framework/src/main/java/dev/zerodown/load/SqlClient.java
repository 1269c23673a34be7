package dev.zerodown.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * One client of a SQL workload: per request one connection from the pool, for a single statement
 * in autocommit or for a block's statements in one transaction.
 */
final class SqlClient implements AppVersion {
    private final SqlWorkload workload;
    private final DataSource dataSource;
    private final SplittableRandom random;
    private final AtomicLong sequence;

    SqlClient(SqlWorkload workload, DataSource dataSource, SplittableRandom random, AtomicLong sequence) {
        this.workload = workload;
        this.dataSource = dataSource;
        this.random = random;
        this.sequence = sequence;
    }

    @Override
    public void request() throws StatementFailure {
        int index = workload.pick(random);
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            SqlWorkload.Statement first = workload.request(index).statements().get(0);
            throw new StatementFailure(first.sql(), first.source(), Set.of(), e);
        }
        try (c) {
            workload.execute(c, index, random, sequence);
        } catch (SQLException e) {
            // closing the connection failed after the request: the pool evicts it; the request counts
        }
    }

    @Override
    public boolean isExpectedFailure(Exception e) {
        return e instanceof StatementFailure f && f.expected();
    }
}
