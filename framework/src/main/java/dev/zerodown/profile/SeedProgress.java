package dev.zerodown.profile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a long seed in the log: while seeding takes longer than {@link #EVERY}, a line every
 * {@link #EVERY} per table being copied, with rows done of the total, rows per second and the time
 * left at that rate. A short seed prints nothing but its summary.
 */
final class SeedProgress implements AutoCloseable {
    static final Duration EVERY = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(SeedProgress.class);

    /** One table's copy: its rows written so far, out of {@code total}. */
    static final class Tracked {
        final String table;
        final long total;
        final AtomicLong done = new AtomicLong();
        volatile long startNanos;

        Tracked(String table, long total) {
            this.table = table;
            this.total = total;
        }

        void started() {
            startNanos = System.nanoTime();
        }
    }

    private final List<Tracked> tables = new ArrayList<>();
    private final ScheduledThreadPoolExecutor timer;

    SeedProgress(Duration every) {
        this(every, LOG::info);
    }

    SeedProgress(Duration every, java.util.function.Consumer<String> sink) {
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "zerodown-seed-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> lines().forEach(sink), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    Tracked track(String table, long total) {
        Tracked t = new Tracked(table, total);
        synchronized (tables) {
            tables.add(t);
        }
        return t;
    }

    /** The lines for the tables being copied now (started, not done). */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        synchronized (tables) {
            for (Tracked t : tables) {
                long done = t.done.get();
                if (t.startNanos != 0 && done < t.total) {
                    out.add(line(t.table, done, t.total, (System.nanoTime() - t.startNanos) / 1e9));
                }
            }
        }
        return out;
    }

    static String line(String table, long done, long total, double seconds) {
        double rate = seconds > 0 ? done / seconds : 0;
        String left = rate > 0 ? String.format(Locale.ROOT, "about %.0fs left", (total - done) / rate) : "time left unknown";
        return String.format(Locale.ROOT, "Seeding %s: %,d of %,d rows (%.0f %%), %,.0f rows/s, %s", table, done, total,
                100.0 * done / Math.max(1, total), rate, left);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
