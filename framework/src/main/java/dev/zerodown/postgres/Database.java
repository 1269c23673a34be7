package dev.zerodown.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.apiguardian.api.API;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One fresh database for one run. {@link #close()} drops it.
 *
 * @param name     database name
 * @param jdbcUrl  JDBC URL without credentials
 * @param user     user name
 * @param password password, may be empty
 * @param major    PostgreSQL major version
 * @param dropper  drops the database on close
 */
@API(status = API.Status.EXPERIMENTAL)
public record Database(String name, String jdbcUrl, String user, String password, int major, Runnable dropper)
        implements AutoCloseable {

    /** A new connection in autocommit, tagged with an {@code application_name} for pg_stat_activity. */
    public Connection connect(String applicationName) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(jdbcUrl, p);
    }

    /** A non-pooling DataSource; the load driver wraps it in its own pool. */
    public DataSource dataSource(String applicationName) {
        return dataSource(applicationName, user, password);
    }

    /** A non-pooling DataSource connecting as another role of the server (an application's own role). */
    public DataSource dataSource(String applicationName, String role, String rolePassword) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl);
        ds.setUser(role);
        if (rolePassword != null && !rolePassword.isEmpty()) {
            ds.setPassword(rolePassword);
        }
        ds.setApplicationName(applicationName);
        return ds;
    }

    @Override
    public void close() {
        dropper.run();
    }

    @Override
    public String toString() {
        return name + " on PostgreSQL " + major;
    }
}
