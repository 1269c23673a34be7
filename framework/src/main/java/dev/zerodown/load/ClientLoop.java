package dev.zerodown.load;

/** The loop of one client thread: wait for the next scheduled start (open loop), run one request, record it. */
final class ClientLoop implements Runnable {
    private final VersionLoad load;
    private final AppVersion app;

    ClientLoop(VersionLoad load, AppVersion app) {
        this.load = load;
        this.app = app;
    }

    @Override
    public void run() {
        while (load.running()) {
            long intended = load.nextStart();
            if (intended < 0) {
                return;
            }
            Throwable failure = null;
            try {
                app.request();
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable t) {
                failure = t;
            }
            load.record(app, intended, System.nanoTime(), failure);
        }
    }
}
