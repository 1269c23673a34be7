package dev.zerodown.postgres;

import java.nio.file.Paths;

/**
 * A JVM that starts an embedded server of the major given as second argument in the folder given
 * as first, prints {@code ready <version> <binaries id>} and stops it ({@link BinariesLayoutTest}).
 * An error is printed as {@code error <message>}.
 */
public final class BinariesChild {
    private BinariesChild() {
    }

    public static void main(String[] args) {
        int major = Integer.parseInt(args[1]);
        try (EmbeddedServer server = EmbeddedServer.start(major, Paths.get(args[0]))) {
            System.out.println("ready " + server.version() + " " + PostgresBinaries.binariesId(major));
        } catch (RuntimeException e) {
            System.out.println("error " + e.getMessage());
        }
        System.out.flush();
    }
}
