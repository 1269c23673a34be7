package dev.zerodown.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where a server listens and who connects: enough to build the JDBC URL of any database on it.
 *
 * @param hosts    {@code host:port} (or pgjdbc's comma-separated list)
 * @param params   URL parameters without user and password (may be empty), such as {@code sslmode=require}
 * @param user     user name
 * @param password password, may be empty
 */
record ServerAddress(String hosts, String params, String user, String password) {

    static ServerAddress local(int port, String user, String password) {
        return new ServerAddress("localhost:" + port, "", user, password);
    }

    /** The JDBC URL of database {@code db}, without credentials. */
    String url(String db) {
        return "jdbc:postgresql://" + hosts + "/" + db + (params.isEmpty() ? "" : "?" + params);
    }

    /** Where, for messages: host and port only, never credentials. */
    String where() {
        return hosts;
    }

    Connection connect(String db, String applicationName) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", applicationName);
        p.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(url(db), p);
    }

    Database database(String name, int major, Runnable dropper) {
        return new Database(name, url(name), user, password == null ? "" : password, major, dropper);
    }
}
