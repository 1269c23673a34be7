package dev.zerodown.project;

import java.util.ArrayList;
import java.util.List;
import dev.zerodown.config.Durations;
import dev.zerodown.engine.WorkloadApps;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.plan.Rollout;
import dev.zerodown.plan.RolloutEvent;
import dev.zerodown.plan.RolloutFile;

/**
 * The rollout to check: the rollout file when there is one, otherwise the contract's default plan
 * (steps before {@code since} as the baseline, {@code start old}, each checked step, each repeatable script,
 * {@code deploy new}).
 *
 * @param rollout     the rollout
 * @param description one line for the log: where the rollout came from and what it does
 */
record RolloutSource(Rollout rollout, String description) {

    static RolloutSource of(CheckInputs inputs, List<MigrationStep> steps, WorkloadApps apps) {
        if (inputs.rolloutFile() != null) {
            Rollout r = RolloutFile.parse(inputs.rolloutFile(), apps);
            return new RolloutSource(r, "Rollout " + inputs.basedir().relativize(inputs.rolloutFile()) + ": "
                    + describe(r, steps));
        }
        Rollout r = RolloutFile.byDefault(steps, inputs.settings().since(), apps);
        return new RolloutSource(r, "No rollout file at " + inputs.basedir().relativize(inputs.defaultRollout())
                + ": " + describe(r, steps));
    }

    /** {@code baseline V1..V3, start old, migrate V4, deploy new}. */
    static String describe(Rollout rollout, List<MigrationStep> steps) {
        List<String> parts = new ArrayList<>();
        for (RolloutEvent e : rollout.events()) {
            if (e instanceof RolloutEvent.Baseline b) {
                String first = shortName(steps.get(0));
                String last = shortName(b.step(), steps);
                parts.add("baseline " + (first.equals(last) ? last : first + ".." + last));
            } else if (e instanceof RolloutEvent.Start s) {
                parts.add("start " + s.version());
            } else if (e instanceof RolloutEvent.Migrate m) {
                parts.add((m.contract() ? "contract " : "migrate ") + shortName(m.step(), steps));
            } else if (e instanceof RolloutEvent.Deploy d) {
                parts.add("deploy " + d.version());
            } else if (e instanceof RolloutEvent.Retire r) {
                parts.add("retire " + r.version());
            } else if (e instanceof RolloutEvent.LongTransaction l) {
                parts.add("long-transaction " + l.table() + " " + Durations.format(l.duration()));
            }
        }
        return String.join(", ", parts);
    }

    private static String shortName(String name, List<MigrationStep> steps) {
        for (MigrationStep s : steps) {
            if (s.name().equals(name) || s.fileName().equals(name)) {
                return shortName(s);
            }
        }
        return name;
    }

    private static String shortName(MigrationStep s) {
        return s.repeatable() ? s.name() : (s.baselineMigration() ? "B" : "V") + s.version();
    }
}
