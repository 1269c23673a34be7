package dev.zerodown.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;
import dev.zerodown.config.EnvironmentException;

/**
 * A server on which Zerodown owns a template database and creates one fresh database per run from
 * it ({@code STRATEGY FILE_COPY} from PostgreSQL 15 on, the fast clone; older majors copy the same way by default).
 */
abstract class TemplateServer implements PostgresServer {
    static final String TEMPLATE = "zerodown_template";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final ProviderKind provider;
    private final int major;
    private final String baseUrl;
    private final String user;
    private final String password;
    private final AtomicBoolean closed = new AtomicBoolean();
    private String version;

    TemplateServer(ProviderKind provider, int major, String baseUrl, String user, String password) {
        this.provider = provider;
        this.major = major;
        this.baseUrl = baseUrl;
        this.user = user;
        this.password = password;
    }

    /** Reads the version, checks the major and creates the template. */
    protected void init() {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select current_setting('server_version'), current_setting('server_version_num')::int / 10000")) {
                rs.next();
                version = rs.getString(1).split(" ")[0];
                int actual = rs.getInt(2);
                if (actual != major) {
                    throw new EnvironmentException("Asked for PostgreSQL " + major + " but the server is " + version);
                }
            }
            s.execute("drop database if exists " + TEMPLATE);
            s.execute("create database " + TEMPLATE);
            try (Connection t = connect(TEMPLATE); Statement ts = t.createStatement()) {
                ts.execute("create extension if not exists pg_stat_statements");
            } catch (SQLException e) {
                // binaries without the contrib module: the template works without it
            }
            s.execute("alter database " + TEMPLATE + " with is_template true allow_connections false");
        } catch (SQLException e) {
            throw new EnvironmentException("PostgreSQL " + major + " (" + provider + ") could not be prepared: " + e.getMessage(), e);
        }
    }

    @Override
    public ProviderKind provider() {
        return provider;
    }

    @Override
    public int major() {
        return major;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Database createDatabase(String label) {
        String clean = label == null ? "run" : label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (clean.length() > 40) {
            clean = clean.substring(0, 40);
        }
        String name = "zd_" + clean + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        String strategy = major >= 15 ? " strategy file_copy" : "";
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("create database " + name + " template " + TEMPLATE + strategy);
        } catch (SQLException e) {
            throw new EnvironmentException("Could not create a fresh database on PostgreSQL " + major + ": " + e.getMessage(), e);
        }
        return new Database(name, baseUrl + name, user, password, major, () -> drop(name));
    }

    private void drop(String name) {
        if (closed.get()) {
            return;
        }
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            throw new EnvironmentException("Could not drop database " + name + ": " + e.getMessage(), e);
        }
    }

    protected Connection admin() throws SQLException {
        return connect("postgres");
    }

    protected Connection connect(String db) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", "zerodown-admin");
        return DriverManager.getConnection(baseUrl + db, p);
    }

    @Override
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            stop();
        }
    }

    protected abstract void stop();

    @Override
    public String toString() {
        return "PostgreSQL " + version + " (" + provider + ")";
    }
}
