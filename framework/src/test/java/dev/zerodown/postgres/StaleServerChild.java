package dev.zerodown.postgres;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A JVM that starts an embedded server in the folder given as first argument, prints
 * {@code ready <folder> <postmaster pid>} and waits to be killed ({@link ServerLifecycleTest}).
 */
public final class StaleServerChild {
    private StaleServerChild() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedServer server = EmbeddedServer.start(Integer.parseInt(args[1]), Paths.get(args[0]));
        Path dir = server.directory();
        long pid = DataDirectories.postmasterPid(dir.resolve("data")).orElseThrow();
        System.out.println("ready " + dir + " " + pid);
        System.out.flush();
        Thread.sleep(120_000);
    }
}
