package dev.zerodown.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import dev.zerodown.config.Text;

/** A server's version as it reports it, such as {@code 17.11} with major 17. */
record ServerVersion(String version, int major) {

    static ServerVersion read(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(
                     "select current_setting('server_version'), current_setting('server_version_num')::int / 10000")) {
            rs.next();
            return new ServerVersion(rs.getString(1).split(" ")[0], rs.getInt(2));
        }
    }

    /** The first line of an exception's message, for one-line errors. */
    static String firstLine(Throwable e) {
        String line = Text.firstLine(e.getMessage());
        return line.isEmpty() ? e.getClass().getSimpleName() : line;
    }

    /** The first line of the innermost cause's message. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return firstLine(t);
    }
}
