package dev.zerodown.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import dev.zerodown.load.AppVersionFactory;
import org.apiguardian.api.API;

/**
 * The ordered plan of steps and deploys: which versions are live while each step runs. Immutable;
 * every modifier returns a new rollout.
 *
 * <pre>{@code
 * Rollout.startWith("v1", AppV1::new)
 *     .migrate("V2")
 *     .deploy("v2", AppV2::new)
 *     .retire("v1")
 *     .contract("V3");
 * }</pre>
 *
 * Steps before the first one named (or up to {@link #baseline(String)}) form the baseline: applied
 * without load or tracing. Every later step must be named, in order.
 */
@API(status = API.Status.STABLE)
public final class Rollout {
    private final List<RolloutEvent> events;
    private final boolean rollbackCheck;

    private Rollout(List<RolloutEvent> events, boolean rollbackCheck) {
        this.events = List.copyOf(events);
        this.rollbackCheck = rollbackCheck;
    }

    /** Starts with a version serving traffic on the baseline schema. */
    public static Rollout startWith(String version, AppVersionFactory app) {
        return new Rollout(List.of(), false).start(version, app);
    }

    /**
     * Starts with a version whose traffic comes from the {@code workloads} folder, as in the Maven plugin: its
     * {@code <version>.sql} workload file, or synthetic traffic when there is none.
     */
    @API(status = API.Status.EXPERIMENTAL)
    public static Rollout startWith(String version) {
        return new Rollout(List.of(), false).start(version);
    }

    /** An empty rollout, for rollout files that begin with {@code baseline}. */
    public static Rollout empty() {
        return new Rollout(List.of(), false);
    }

    /** Applies every step up to and including this one without load: the schema already in production. */
    public Rollout baseline(String step) {
        return add(new RolloutEvent.Baseline(require(step, "step"), line()));
    }

    /** Adds a version to the live set before any transition. */
    public Rollout start(String version, AppVersionFactory app) {
        return add(new RolloutEvent.Start(require(version, "version"), Objects.requireNonNull(app, "app"), line()));
    }

    /** Like {@link #start(String, AppVersionFactory)}, the traffic from the {@code workloads} folder ({@link #startWith(String)}). */
    @API(status = API.Status.EXPERIMENTAL)
    public Rollout start(String version) {
        return add(new RolloutEvent.Start(require(version, "version"), null, line()));
    }

    /** Migrates each step in turn, each its own transition under the live versions. */
    public Rollout migrate(String... steps) {
        return steps(false, steps);
    }

    /** Like {@link #migrate}, and ends the rollback window: canaries stop before the first contract step. */
    public Rollout contract(String... steps) {
        return steps(true, steps);
    }

    /** A rolling deploy: the version joins the live set (a transition under old and new). */
    public Rollout deploy(String version, AppVersionFactory app) {
        return add(new RolloutEvent.Deploy(require(version, "version"), Objects.requireNonNull(app, "app"), line()));
    }

    /** Like {@link #deploy(String, AppVersionFactory)}, the traffic from the {@code workloads} folder ({@link #startWith(String)}). */
    @API(status = API.Status.EXPERIMENTAL)
    public Rollout deploy(String version) {
        return add(new RolloutEvent.Deploy(require(version, "version"), null, line()));
    }

    /** The version leaves the live set (with {@link #rollbackCheck()}, it keeps running as a canary). */
    public Rollout retire(String version) {
        return add(new RolloutEvent.Retire(require(version, "version"), line()));
    }

    /**
     * Puts a long transaction in the way of the next migrated step: a session holds ACCESS SHARE on the
     * table (like a report query or an idle-in-transaction client) from just before the step for this
     * long. A step without {@code lock_timeout} then queues behind it and requests pile up behind the step.
     */
    public Rollout longTransaction(String table, java.time.Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a long transaction needs a positive duration");
        }
        return add(new RolloutEvent.LongTransaction(require(table, "table"), duration, line()));
    }

    /** Keeps retired versions running as canaries until the first contract step: can we still roll back? */
    public Rollout rollbackCheck() {
        return new Rollout(events, true);
    }

    @API(status = API.Status.INTERNAL)
    public List<RolloutEvent> events() {
        return events;
    }

    /** The versions it starts or deploys, in order. */
    @API(status = API.Status.INTERNAL)
    public List<String> versions() {
        return events.stream().map(Rollout::joined).filter(Objects::nonNull).map(j -> j.getKey()).toList();
    }

    /** The versions given without code ({@link #start(String)}, {@link #deploy(String)}). */
    @API(status = API.Status.INTERNAL)
    public List<String> versionsWithoutCode() {
        return events.stream().map(Rollout::joined).filter(j -> j != null && j.getValue() == null)
                .map(j -> j.getKey()).toList();
    }

    /** A copy whose versions without code get {@code apps.apply(version)}. */
    @API(status = API.Status.INTERNAL)
    public Rollout withApps(java.util.function.Function<String, AppVersionFactory> apps) {
        List<RolloutEvent> next = new ArrayList<>();
        for (RolloutEvent e : events) {
            if (e instanceof RolloutEvent.Start s && s.app() == null) {
                next.add(new RolloutEvent.Start(s.version(), apps.apply(s.version()), s.source()));
            } else if (e instanceof RolloutEvent.Deploy d && d.app() == null) {
                next.add(new RolloutEvent.Deploy(d.version(), apps.apply(d.version()), d.source()));
            } else {
                next.add(e);
            }
        }
        return new Rollout(next, rollbackCheck);
    }

    private static java.util.Map.Entry<String, AppVersionFactory> joined(RolloutEvent e) {
        if (e instanceof RolloutEvent.Start s) {
            return new java.util.AbstractMap.SimpleEntry<>(s.version(), s.app());
        }
        return e instanceof RolloutEvent.Deploy d ? new java.util.AbstractMap.SimpleEntry<>(d.version(), d.app()) : null;
    }

    public boolean isRollbackCheck() {
        return rollbackCheck;
    }

    private Rollout steps(boolean contract, String... steps) {
        if (steps == null || steps.length == 0) {
            throw new IllegalArgumentException((contract ? "contract" : "migrate") + "() needs at least one step");
        }
        List<RolloutEvent> next = new ArrayList<>(events);
        Arrays.stream(steps).forEach(s -> next.add(new RolloutEvent.Migrate(require(s, "step"), contract, line())));
        return new Rollout(next, rollbackCheck);
    }

    private Rollout add(RolloutEvent e) {
        List<RolloutEvent> next = new ArrayList<>(events);
        next.add(e);
        return new Rollout(next, rollbackCheck);
    }

    Rollout withEvent(RolloutEvent e) {
        return add(e);
    }

    private static String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a rollout " + what + " name must not be blank");
        }
        return value.trim();
    }

    /** Events built in Java have no line; rollout files set one. */
    private static String line() {
        return null;
    }

    @Override
    public String toString() {
        return events.toString();
    }
}
