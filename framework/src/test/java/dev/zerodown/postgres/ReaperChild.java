package dev.zerodown.postgres;

/** A JVM that starts an embedded server, says where it is, and waits to be killed (see {@link ReaperTest}). */
public final class ReaperChild {
    private ReaperChild() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedServer server = EmbeddedServer.start(17);
        long postmaster = DataDirectories.postmasterPid(server.directory().resolve("data")).orElse(-1L);
        System.out.println("READY " + postmaster + " " + (server.reaper() == null ? -1 : server.reaper().pid()) + " "
                + server.directory());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
