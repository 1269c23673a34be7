package dev.zerodown.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.load.AppVersionFactory;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.migrations.MigrationSteps;
import org.apiguardian.api.API;

/**
 * The setting {@code since}, the first step to check, applied to any rollout (Java, rollout file or the
 * default one): the steps before it become the baseline, the versions live when it runs are started
 * (retired ones kept as canaries when the rollout checks rollbacks), and the events from it on stay as
 * they are. Earlier transitions are not run.
 */
@API(status = API.Status.INTERNAL)
public final class RolloutSince {
    static final String SETTING = "Setting 'since' (zerodown.since)";

    private RolloutSince() {
    }

    /** The rollout from {@code since} on; the rollout itself when {@code since} is unset or its first migrated step. */
    public static Rollout apply(Rollout rollout, List<MigrationStep> steps, String since) {
        if (since == null || since.isBlank()) {
            return rollout;
        }
        int first = steps.indexOf(step(steps, since));
        List<RolloutEvent> events = rollout.events();
        int at = -1;
        int firstMigrated = -1;
        for (int i = 0; i < events.size() && at < 0; i++) {
            if (events.get(i) instanceof RolloutEvent.Migrate m) {
                int index = index(steps, m.step());
                if (index < 0) {
                    return rollout; // an unknown step: the plan reports it
                }
                firstMigrated = firstMigrated < 0 ? index : firstMigrated;
                at = index == first ? i : -1;
            }
        }
        if (at < 0 || first < firstMigrated) {
            throw new ConfigurationException(SETTING + " names " + steps.get(first).name() + ", which the rollout "
                    + (at < 0 && firstMigrated >= 0 && first > firstMigrated ? "does not migrate" : "applies as its baseline")
                    + "; name a step it migrates: " + migrated(events, steps));
        }
        return first == firstMigrated ? rollout : from(rollout, events, at, steps.get(first - 1));
    }

    /** The versioned step {@code since} names; a repeatable script or an unknown name is a configuration error. */
    static MigrationStep step(List<MigrationStep> steps, String since) {
        MigrationStep step = MigrationSteps.find(steps, since, SETTING);
        if (step.repeatable()) {
            throw new ConfigurationException(SETTING + " names the repeatable script " + step.fileName()
                    + ", which runs after the versioned steps and cannot start the check; name a versioned step: "
                    + steps.stream().filter(s -> !s.repeatable()).map(MigrationStep::name).collect(Collectors.joining(", ")));
        }
        return step;
    }

    private static Rollout from(Rollout rollout, List<RolloutEvent> events, int at, MigrationStep lastBaseline) {
        Map<String, RolloutEvent> joined = new LinkedHashMap<>();
        Map<String, AppVersionFactory> apps = new LinkedHashMap<>();
        List<String> live = new ArrayList<>();
        List<String> canaries = new ArrayList<>();
        boolean contracted = false;
        RolloutEvent.LongTransaction hold = null;
        for (RolloutEvent e : events.subList(0, at)) {
            hold = e instanceof RolloutEvent.LongTransaction l ? l : e instanceof RolloutEvent.Migrate ? null : hold;
            if (e instanceof RolloutEvent.Start s) {
                joined.put(s.version(), s);
                apps.put(s.version(), s.app());
                live.add(s.version());
            } else if (e instanceof RolloutEvent.Deploy d) {
                joined.put(d.version(), d);
                apps.put(d.version(), d.app());
                live.add(d.version());
            } else if (e instanceof RolloutEvent.Retire r) {
                live.remove(r.version());
                canaries.add(r.version());
            } else if (e instanceof RolloutEvent.Migrate m && m.contract()) {
                contracted = true;
                canaries.clear();
            }
        }
        boolean rollbackCheck = rollout.isRollbackCheck() && !contracted;
        Rollout out = rollbackCheck ? Rollout.empty().rollbackCheck() : Rollout.empty();
        out = out.withEvent(new RolloutEvent.Baseline(lastBaseline.name(), null));
        for (Map.Entry<String, RolloutEvent> j : joined.entrySet()) {
            String v = j.getKey();
            if (live.contains(v) || rollbackCheck && canaries.contains(v)) {
                out = out.withEvent(new RolloutEvent.Start(v, apps.get(v), j.getValue().source()));
            }
        }
        for (String v : rollbackCheck ? canaries : List.<String>of()) {
            out = out.withEvent(new RolloutEvent.Retire(v, null));
        }
        if (hold != null) {
            out = out.withEvent(hold);
        }
        for (RolloutEvent e : events.subList(at, events.size())) {
            out = out.withEvent(e);
        }
        return out;
    }

    private static int index(List<MigrationStep> steps, String name) {
        try {
            return MigrationSteps.indexOf(steps, name);
        } catch (ConfigurationException e) {
            return -1;
        }
    }

    private static String migrated(List<RolloutEvent> events, List<MigrationStep> steps) {
        return events.stream().filter(RolloutEvent.Migrate.class::isInstance)
                .map(e -> MigrationSteps.find(steps, ((RolloutEvent.Migrate) e).step()).name())
                .collect(Collectors.joining(", "));
    }
}
