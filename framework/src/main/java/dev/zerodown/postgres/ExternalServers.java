package dev.zerodown.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.EnvironmentException;

/**
 * The {@code external} provider: a server given by {@code jdbcUrl}. Zerodown runs migrations only in
 * a database that is clearly disposable:
 * <ul>
 *   <li>with {@code allowExternal} naming exactly the URL's database (the user declared it disposable, such
 *       as a fresh staging clone): in scratch databases cloned from it ({@code CREATE DATABASE … TEMPLATE}
 *       the URL's database), data and Flyway history included, dropped after each run; with the second opt-in
 *       {@code cloneStrategy=in-place}, in that database itself, one run at a time (a role that may not create
 *       databases needs it);</li>
 *   <li>otherwise in scratch databases it creates from its own template on that server and drops
 *       afterwards; the URL's database is only connected to. This needs the CREATEDB privilege;</li>
 *   <li>otherwise it refuses, and the message says how to opt in.</li>
 * </ul>
 */
final class ExternalServers {
    private ExternalServers() {
    }

    static PostgresServer connect(PostgresOptions options) {
        ExternalUrl url = ExternalUrl.parse(options.jdbcUrl());
        String db = url.database();
        if (options.allowExternal() != null && !options.allowExternal().equals(db)) {
            throw new ConfigurationException("allowExternal (property zerodown.allowExternal) is '" + options.allowExternal()
                    + "' but jdbcUrl names database '" + db + "'; the opt-in must name exactly the database of jdbcUrl: allowExternal="
                    + db);
        }
        try (Connection c = url.server().connect(db, "zerodown-admin")) {
            ServerVersion v = ServerVersion.read(c);
            if (v.major() != options.major()) {
                throw new ConfigurationException("jdbcUrl points to PostgreSQL " + v.version() + " at " + url.server().where()
                        + ", but postgresVersions asks for " + options.major() + "; set postgresVersions=" + v.major()
                        + " (property zerodown.postgresVersions) for this server");
            }
            boolean mayCreate = mayCreateDatabases(c);
            boolean inPlace = PostgresOptions.IN_PLACE.equals(options.cloneStrategy());
            if (inPlace && options.allowExternal() == null) {
                throw new ConfigurationException("cloneStrategy=in-place (property zerodown.cloneStrategy) runs in the"
                        + " database of jdbcUrl itself, which needs the opt-in allowExternal=" + db + " too; set both, or"
                        + " leave cloneStrategy out to run in scratch databases");
            }
            if (options.allowExternal() != null) {
                if (inPlace) {
                    return new OptedInServer(v, url);
                }
                if (!mayCreate) {
                    throw new ConfigurationException("Cannot copy database '" + db + "' at " + url.server().where()
                            + " (allowExternal): user '" + url.server().user() + "' may not CREATE DATABASE, and each run"
                            + " starts from a copy (cloneStrategy=template); grant it (ALTER ROLE " + url.server().user()
                            + " CREATEDB), or set cloneStrategy=in-place (property zerodown.cloneStrategy) to run in '" + db
                            + "' itself, whose data the runs then change");
                }
                return new CloneServer(v, url);
            }
            if (!mayCreate) {
                throw refusal(url);
            }
            return ScratchServer.start(options.major(), url);
        } catch (SQLException e) {
            throw new EnvironmentException("Could not connect to jdbcUrl " + url.server().url(db) + " as '" + url.server().user()
                    + "': " + ServerVersion.firstLine(e), e);
        }
    }

    private static boolean mayCreateDatabases(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select rolcreatedb or rolsuper from pg_roles where rolname = current_user")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    static ConfigurationException refusal(ExternalUrl url) {
        String db = url.database();
        String user = url.server().user();
        return new ConfigurationException("Refusing to run migrations in database '" + db + "' at " + url.server().where()
                + " (jdbcUrl): Zerodown runs them only in scratch databases it creates and drops itself, and user '" + user
                + "' may not CREATE DATABASE there; grant it (ALTER ROLE " + user + " CREATEDB), or, if '" + db
                + "' is a disposable copy, opt in with allowExternal=" + db + " (property zerodown.allowExternal=" + db + ")");
    }

    /** Scratch databases from a template of its own on the external server; both dropped when released. */
    static final class ScratchServer extends TemplateServer {
        private final ExternalUrl url;

        private ScratchServer(int major, ExternalUrl url) {
            super(ProviderKind.EXTERNAL, major, url.server(), uniqueTemplateName());
            this.url = url;
        }

        static ScratchServer start(int major, ExternalUrl url) {
            try {
                return initOrClose(new ScratchServer(major, url));
            } catch (EnvironmentException e) {
                if (e.getCause() instanceof SQLException sql && "42501".equals(sql.getSQLState())) {
                    throw refusal(url);
                }
                throw e;
            }
        }

        @Override
        protected String maintenanceDatabase() {
            return url.database();
        }

        @Override
        protected void stop() {
            dropEverythingCreated();
        }
    }

    /**
     * Scratch databases cloned from the opted-in database of the URL ({@code CREATE DATABASE … TEMPLATE}), so
     * every run starts from its data and its Flyway history; the clones are dropped, the URL's database never.
     * Admin connections go to {@code postgres}: a session on the template would block the copy.
     */
    static final class CloneServer extends TemplateServer {
        private final ExternalUrl url;

        CloneServer(ServerVersion v, ExternalUrl url) {
            super(ProviderKind.EXTERNAL, v.major(), url.server(), url.database());
            version(v.version());
            this.url = url;
        }

        @Override
        protected RuntimeException createFailed(String from, SQLException e) {
            String where = "'" + from + "' at " + url.server().where();
            if ("55006".equals(e.getSQLState())) {
                return new ConfigurationException("Cannot clone database " + where + " (allowExternal): other sessions are connected to it,"
                        + " and CREATE DATABASE ... TEMPLATE needs none; disconnect them (applications, psql, pgAdmin) or point jdbcUrl at a copy nobody else uses");
            }
            if ("42501".equals(e.getSQLState())) {
                return new ConfigurationException("Cannot clone database " + where + " (allowExternal): user '" + url.server().user()
                        + "' may create databases but not copy this one (" + ServerVersion.firstLine(e)
                        + "); make it the owner of '" + from + "' (ALTER DATABASE " + from + " OWNER TO " + url.server().user() + ")");
            }
            return super.createFailed(from, e);
        }

        @Override
        protected String maintenanceDatabase() {
            return url.database().equals("postgres") ? "template1" : "postgres";
        }

        /** The opted-in database is the baseline (its data, its Flyway history): every run starts from a copy of it. */
        @Override
        protected boolean keepsSeededBaselines() {
            return false;
        }

        @Override
        protected void stop() {
            dropEverythingCreated(false);
        }

        /** Without a statement timeout: copying a production-sized clone takes as long as it takes. */
        @Override
        protected Connection admin() throws SQLException {
            Connection c = address().connect(maintenanceDatabase(), "zerodown-admin");
            try (Statement s = c.createStatement()) {
                s.execute("set statement_timeout = 0; set lock_timeout = '60s'");
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return c;
        }
    }

    /** The database of the URL itself, opted in by a role that may not create databases: one run at a time, never dropped. */
    static final class OptedInServer extends AbstractServer {
        private final ExternalUrl url;
        private final java.util.concurrent.atomic.AtomicBoolean inUse = new java.util.concurrent.atomic.AtomicBoolean();

        OptedInServer(ServerVersion v, ExternalUrl url) {
            super(ProviderKind.EXTERNAL, v.major());
            version(v.version());
            this.url = url;
        }

        @Override
        public Database createDatabase(String label) {
            if (isClosed()) {
                throw new IllegalStateException(this + " is closed");
            }
            if (!inUse.compareAndSet(false, true)) {
                throw new EnvironmentException("Database '" + url.database() + "' (allowExternal) is in use by another run;"
                        + " runs in an opted-in database take turns: close the previous Database first, or run test classes one at a time");
            }
            return url.server().database(url.database(), major(), () -> inUse.set(false));
        }

        @Override
        protected void stop() {
            // the database belongs to the user: nothing to drop
        }
    }
}
