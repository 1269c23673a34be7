package dev.zerodown.postgres;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import dev.zerodown.config.EnvironmentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server on which Zerodown owns a template database and creates one fresh database per run from
 * it. From PostgreSQL 15 on the clone uses {@code STRATEGY FILE_COPY} (the default there, WAL_LOG,
 * was 1.6 to 1.7 times slower for our small template: docs/choosing-postgres.md); older majors
 * always copy files and know no {@code STRATEGY} clause.
 */
abstract class TemplateServer extends AbstractServer {
    private static final Logger LOG = LoggerFactory.getLogger(TemplateServer.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How {@code CREATE DATABASE} copies the template; the benchmark compares them. */
    enum CloneStrategy { FAST, FILE_COPY, WAL_LOG, SERVER_DEFAULT }

    private final ServerAddress address;
    private final String template;
    private final String token = randomHex(3);
    private final AtomicInteger counter = new AtomicInteger();
    private final Set<String> live = ConcurrentHashMap.newKeySet();
    private volatile SeededTemplates seeded;

    TemplateServer(ProviderKind provider, int major, ServerAddress address, String template) {
        super(provider, major);
        this.address = address;
        this.template = template;
    }

    /** A template name no other JVM on a shared server uses. */
    static String uniqueTemplateName() {
        return "zd_template_" + randomHex(4);
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    ServerAddress address() {
        return address;
    }

    String template() {
        return template;
    }

    /** Runs {@link #init()}; if it fails, closes the server (releasing what it started) and rethrows. */
    static <T extends TemplateServer> T initOrClose(T server) {
        try {
            server.init();
            return server;
        } catch (RuntimeException e) {
            try {
                server.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Reads the version, checks the major and creates the template. */
    protected void init() {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            ServerVersion v = ServerVersion.read(c);
            if (v.major() != major()) {
                throw new EnvironmentException("Asked for PostgreSQL " + major() + " but the " + provider() + " server at "
                        + address.where() + " is " + v.version());
            }
            version(v.version());
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + template + "' and datistemplate")) {
                if (rs.next()) { // a template left in a cluster saved with seeded baselines
                    s.execute("alter database " + template + " with is_template false");
                }
            }
            s.execute("drop database if exists " + template);
            s.execute("create database " + template + " template template1" + strategyClause(CloneStrategy.FAST));
            addPgStatStatements();
            s.execute("alter database " + template + " with is_template true allow_connections false");
        } catch (SQLException e) {
            throw new EnvironmentException("PostgreSQL " + major() + " (" + provider() + " at " + address.where()
                    + ") could not be prepared: " + ServerVersion.firstLine(e), e);
        }
    }

    private void addPgStatStatements() throws SQLException {
        try (Connection t = address.connect(template, "zerodown-admin"); Statement ts = t.createStatement()) {
            ts.execute("create extension if not exists pg_stat_statements");
        } catch (SQLException e) {
            LOG.info("pg_stat_statements is not available in {}: {}", this, ServerVersion.firstLine(e));
        }
    }

    @Override
    public Database createDatabase(String label) {
        return createDatabase(label, CloneStrategy.FAST);
    }

    Database createDatabase(String label, CloneStrategy strategy) {
        return create(label, template, strategy);
    }

    @Override
    public Database cloneDatabase(Database source, String label) {
        return create(label, source.name(), CloneStrategy.FAST);
    }

    @Override
    public java.util.Optional<SeededDatabase> createSeeded(String label, String key, java.util.function.Consumer<Database> prepare) {
        return keepsSeededBaselines() ? seeded().create(label, key, prepare) : java.util.Optional.empty();
    }

    /** Whether runs start from seeded baseline templates kept here; not where the database a run starts from is the baseline. */
    protected boolean keepsSeededBaselines() {
        return true;
    }

    /** The seeded baselines kept on this server. */
    SeededTemplates seeded() {
        SeededTemplates s = seeded;
        if (s == null) {
            synchronized (this) {
                if (seeded == null) {
                    seeded = new SeededTemplates(this, seedSuffix());
                }
                s = seeded;
            }
        }
        return s;
    }

    /** The seeded baselines kept on this server, or null when no run asked for one yet. */
    SeededTemplates seededIfAny() {
        return seeded;
    }

    /** What seeded template names end with: this JVM's token, so that JVMs sharing a server never share templates. */
    protected String seedSuffix() {
        return "_" + token;
    }

    /** A fresh database copied from the database {@code from}. */
    Database createFrom(String label, String from) {
        return create(label, from, CloneStrategy.FAST);
    }

    /** A database created here was renamed (to a seeded template): closing it, or the server, no longer drops it. */
    void renamed(String name) {
        live.remove(name);
    }

    private Database create(String label, String from, CloneStrategy strategy) {
        if (isClosed()) {
            throw new IllegalStateException(this + " is closed");
        }
        String name = "zd_" + clean(label) + "_" + token + "_" + counter.incrementAndGet();
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("create database " + name + " template " + from + strategyClause(strategy));
        } catch (SQLException e) {
            throw createFailed(from, e);
        }
        live.add(name);
        return address.database(name, major(), () -> drop(name));
    }

    /** The error when {@code CREATE DATABASE … TEMPLATE from} fails. */
    protected RuntimeException createFailed(String from, SQLException e) {
        return new EnvironmentException("Could not create a " + (from.equals(template) ? "fresh database" : "copy of " + from)
                + " on " + this + ": " + ServerVersion.firstLine(e), e);
    }

    private String strategyClause(CloneStrategy strategy) {
        return switch (strategy) {
            case FAST -> major() >= 15 ? " strategy file_copy" : "";
            case FILE_COPY -> " strategy file_copy";
            case WAL_LOG -> " strategy wal_log";
            case SERVER_DEFAULT -> "";
        };
    }

    private static String clean(String label) {
        String clean = label == null || label.isBlank() ? "run" : label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return clean.length() > 30 ? clean.substring(0, 30) : clean;
    }

    private void drop(String name) {
        if (!live.remove(name) || isClosed()) {
            return;
        }
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            throw new EnvironmentException("Could not drop database " + name + " on " + this + ": " + ServerVersion.firstLine(e), e);
        }
    }

    /** The fresh databases not yet closed, to drop them with the template when the server is released. */
    List<String> liveDatabases() {
        return List.copyOf(live);
    }

    /** Drops the databases still open and the template: for servers Zerodown does not stop itself. */
    protected void dropEverythingCreated() {
        dropEverythingCreated(true);
    }

    /** Drops the databases still open and, with {@code template}, the template too. */
    protected void dropEverythingCreated(boolean withTemplate) {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            for (String name : liveDatabases()) {
                s.execute("drop database if exists " + name + " with (force)");
                live.remove(name);
            }
            if (!withTemplate) {
                return;
            }
            if (seeded != null) {
                seeded.dropAll(s);
            }
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + template + "'")) {
                if (!rs.next()) {
                    return;
                }
            }
            s.execute("alter database " + template + " with is_template false");
            s.execute("drop database " + template + " with (force)");
        } catch (SQLException e) {
            LOG.warn("Could not drop the databases Zerodown created on {} (names start with zd_): {}", this, ServerVersion.firstLine(e));
        }
    }

    /** A connection to the maintenance database, with bounded waits. */
    protected Connection admin() throws SQLException {
        Connection c = address.connect(maintenanceDatabase(), "zerodown-admin");
        try (Statement s = c.createStatement()) {
            s.execute("set statement_timeout = '120s'; set lock_timeout = '60s'");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** The database admin connections go to: {@code postgres}, or the one of the JDBC URL for external servers. */
    protected String maintenanceDatabase() {
        return "postgres";
    }
}
