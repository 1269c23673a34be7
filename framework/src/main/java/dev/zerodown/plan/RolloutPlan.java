package dev.zerodown.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.load.AppVersionFactory;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.migrations.MigrationSteps;
import dev.zerodown.result.TransitionKind;
import org.apiguardian.api.API;

/**
 * A rollout checked against the migrations, up front: unknown step, step out of order, a version
 * deployed twice, a transition with no live version, a pending step no event names. Each problem
 * is a one-line {@link ConfigurationException}.
 *
 * <p>Repeatable {@code R__} scripts run where Flyway runs them: after the last versioned step, in the same
 * migrate. One the rollout does not name becomes a migrate transition of its own right after the versioned
 * step (or repeatable) before it, under the same live versions; when every versioned step is in the
 * baseline, it is in the baseline too.
 */
@API(status = API.Status.INTERNAL)
public final class RolloutPlan {
    private final List<MigrationStep> baseline;
    private final Map<String, AppVersionFactory> initial;
    private final List<PlannedTransition> transitions;

    /** Only {@link #of(Rollout, List)} builds a plan: a plan is always a validated one. */
    private RolloutPlan(List<MigrationStep> baseline, Map<String, AppVersionFactory> initial,
                        List<PlannedTransition> transitions) {
        this.baseline = List.copyOf(baseline);
        this.initial = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(initial));
        this.transitions = List.copyOf(transitions);
    }

    /** The steps applied without load or tracing. */
    public List<MigrationStep> baseline() {
        return baseline;
    }

    /** The versions started before the first transition, with their factories. */
    public Map<String, AppVersionFactory> initial() {
        return initial;
    }

    /** The transitions in order. */
    public List<PlannedTransition> transitions() {
        return transitions;
    }

    @Override
    public String toString() {
        return "RolloutPlan[baseline=" + baseline + ", initial=" + initial.keySet() + ", transitions=" + transitions + "]";
    }

    public static RolloutPlan of(Rollout rollout, List<MigrationStep> steps) {
        return new Validator(rollout, steps).validate();
    }

    private static final class Validator {
        private final Rollout rollout;
        private final List<MigrationStep> steps;
        private final Map<String, AppVersionFactory> apps = new HashMap<>();
        private final List<String> live = new ArrayList<>();
        private final List<String> canaries = new ArrayList<>();
        private final Set<String> everDeployed = new HashSet<>();
        private final Map<String, AppVersionFactory> initial = new LinkedHashMap<>();
        private final List<PlannedTransition> transitions = new ArrayList<>();
        private int next = -1;
        private Set<Integer> named = Set.of();
        private boolean contracted;
        private RolloutEvent.LongTransaction pendingHold;

        Validator(Rollout rollout, List<MigrationStep> steps) {
            this.rollout = rollout;
            this.steps = steps;
        }

        RolloutPlan validate() {
            List<RolloutEvent> events = rollout.events();
            int baselineEnd = baselineEnd(events);
            next = baselineEnd + 1;
            named = namedSteps(events);
            for (RolloutEvent e : events) {
                if (e instanceof RolloutEvent.Baseline b) {
                    if (!transitions.isEmpty() || !initial.isEmpty()) {
                        throw error(e, "'baseline' must come before every other event");
                    }
                } else if (e instanceof RolloutEvent.Start s) {
                    start(s);
                } else if (e instanceof RolloutEvent.Migrate m) {
                    migrate(m);
                } else if (e instanceof RolloutEvent.Deploy d) {
                    deploy(d);
                } else if (e instanceof RolloutEvent.Retire r) {
                    retire(r);
                } else if (e instanceof RolloutEvent.LongTransaction l) {
                    if (pendingHold != null) {
                        throw error(l, "two long transactions before one step; put a migrate between them");
                    }
                    pendingHold = l;
                }
            }
            if (pendingHold != null) {
                throw error(pendingHold, "a long transaction must come before a migrate or contract step");
            }
            List<MigrationStep> pending = steps.subList(Math.min(next, steps.size()), steps.size()).stream()
                    .filter(s -> !s.repeatable()).toList();
            if (!pending.isEmpty()) {
                throw new ConfigurationException("Rollout leaves pending step(s) " + names(pending)
                        + " unnamed; add 'migrate " + pending.get(0).name() + "' (or migrate(\"" + pending.get(0).name()
                        + "\")) where it should run");
            }
            // repeatables still pending: no step was migrated after the baseline, which holds every versioned one
            int baselineSize = next < steps.size() ? steps.size() : baselineEnd + 1;
            return new RolloutPlan(steps.subList(0, baselineSize), initial, transitions);
        }

        /** The steps some migrate event names (unknown names are reported where they are met). */
        private Set<Integer> namedSteps(List<RolloutEvent> events) {
            Set<Integer> out = new HashSet<>();
            for (RolloutEvent e : events) {
                if (e instanceof RolloutEvent.Migrate m) {
                    try {
                        out.add(steps.indexOf(MigrationSteps.find(steps, m.step())));
                    } catch (ConfigurationException unknown) {
                        // reported by migrate(), with the event's source
                    }
                }
            }
            return out;
        }

        /** Repeatables no event names, from {@code next} on: each a migrate transition here, as Flyway runs them. */
        private void unnamedRepeatables() {
            while (next < steps.size() && steps.get(next).repeatable() && !named.contains(next)) {
                MigrationStep step = steps.get(next++);
                transitions.add(transition(step.name() + " under " + live, TransitionKind.MIGRATE, step, null, null));
            }
        }

        /** Index of the last baseline step: the explicit baseline, else the step before the first migrated one. */
        private int baselineEnd(List<RolloutEvent> events) {
            for (RolloutEvent e : events) {
                if (e instanceof RolloutEvent.Baseline b) {
                    return indexOf(b.step(), e);
                }
            }
            for (RolloutEvent e : events) {
                if (e instanceof RolloutEvent.Migrate m) {
                    return indexOf(m.step(), e) - 1;
                }
            }
            return steps.size() - 1;
        }

        private void start(RolloutEvent.Start s) {
            if (!transitions.isEmpty()) {
                throw error(s, "'start " + s.version() + "' comes after a transition; use 'deploy " + s.version()
                        + "' for a version that joins later");
            }
            join(s.version(), s.app(), s);
            initial.put(s.version(), s.app());
        }

        private void migrate(RolloutEvent.Migrate m) {
            int i = indexOf(m.step(), m);
            if (i > next && steps.get(i).repeatable() && steps.subList(next, i).stream().allMatch(MigrationStep::repeatable)) {
                requireLive(m);
                unnamedRepeatables();
            }
            if (i < next) {
                throw error(m, "step " + steps.get(i).name() + " is out of order: it is already applied"
                        + (i <= next - 1 ? " (baseline or earlier event)" : ""));
            }
            if (i > next) {
                throw error(m, "step " + steps.get(i).name() + " is out of order: " + steps.get(next).name()
                        + " must be migrated before it");
            }
            next = i + 1;
            if (m.contract()) {
                contracted = true;
                canaries.clear();
            }
            requireLive(m);
            MigrationStep step = steps.get(i);
            transitions.add(transition(step.name() + " under " + live, m.contract() ? TransitionKind.CONTRACT
                    : TransitionKind.MIGRATE, step, null, pendingHold));
            pendingHold = null;
            unnamedRepeatables();
        }

        private void deploy(RolloutEvent.Deploy d) {
            if (initial.isEmpty() && transitions.isEmpty()) {
                throw error(d, "the rollout deploys '" + d.version() + "' before any version is live; begin with start");
            }
            join(d.version(), d.app(), d);
            if (pendingHold != null) {
                throw error(d, "a long transaction must come right before a migrate or contract step, not a deploy");
            }
            transitions.add(transition("deploy " + d.version() + " under " + live, TransitionKind.DEPLOY, null,
                    d.version(), null));
        }

        private void retire(RolloutEvent.Retire r) {
            if (!live.remove(r.version())) {
                throw error(r, "cannot retire '" + r.version() + "': it is not live (live: " + live + ")");
            }
            if (rollout.isRollbackCheck() && !contracted) {
                canaries.add(r.version());
            }
        }

        private void join(String version, AppVersionFactory app, RolloutEvent e) {
            if (!everDeployed.add(version)) {
                throw error(e, "version '" + version + "' is deployed twice; give the new code a new version name");
            }
            live.add(version);
            apps.put(version, app);
        }

        private void requireLive(RolloutEvent e) {
            if (live.isEmpty()) {
                throw error(e, "no version is live at '" + e + "'; start or deploy one before it");
            }
        }

        private PlannedTransition transition(String name, TransitionKind kind, MigrationStep step, String deployed,
                                             RolloutEvent.LongTransaction hold) {
            Map<String, AppVersionFactory> running = new LinkedHashMap<>();
            live.forEach(v -> running.put(v, apps.get(v)));
            canaries.forEach(v -> running.put(v, apps.get(v)));
            return new PlannedTransition(name, kind, step, deployed, live, canaries, running, hold);
        }

        private int indexOf(String name, RolloutEvent e) {
            try {
                return steps.indexOf(MigrationSteps.find(steps, name));
            } catch (ConfigurationException ex) {
                throw error(e, ex.getMessage());
            }
        }

        private ConfigurationException error(RolloutEvent e, String message) {
            return new ConfigurationException((e.source() == null ? "Rollout" : e.source()) + ": " + message);
        }

        private static String names(List<MigrationStep> s) {
            return s.stream().map(MigrationStep::name).collect(Collectors.joining(", "));
        }
    }
}
