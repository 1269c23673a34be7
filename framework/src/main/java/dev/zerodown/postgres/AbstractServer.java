package dev.zerodown.postgres;

import java.util.concurrent.atomic.AtomicBoolean;

/** What every server shares: identity, version, and a close that runs once and is tracked for JVM exit. */
abstract class AbstractServer implements PostgresServer {
    private final ProviderKind provider;
    private final int major;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile String version = "";

    AbstractServer(ProviderKind provider, int major) {
        this.provider = provider;
        this.major = major;
        ServerRegistry.track(this);
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

    void version(String version) {
        this.version = version;
    }

    boolean isClosed() {
        return closed.get();
    }

    @Override
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                stop();
            } finally {
                ServerRegistry.untrack(this);
            }
        }
    }

    /** Stops the server or releases what this JVM made on it. Runs once. */
    protected abstract void stop();

    @Override
    public String toString() {
        return "PostgreSQL " + (version.isEmpty() ? Integer.toString(major) : version) + " (" + provider + ")";
    }
}
