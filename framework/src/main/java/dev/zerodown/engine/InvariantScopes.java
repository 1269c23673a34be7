package dev.zerodown.engine;

import java.util.ArrayList;
import java.util.List;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.invariants.Invariant;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.migrations.MigrationSteps;

/** Which invariants are active at which schema state: from <= state < until. */
final class InvariantScopes {
    private record Scoped(Invariant invariant, int from, int until) {
    }

    private final List<Scoped> scoped;

    private InvariantScopes(List<Scoped> scoped) {
        this.scoped = scoped;
    }

    static InvariantScopes of(List<Invariant> invariants, List<MigrationStep> steps) {
        List<Scoped> out = new ArrayList<>();
        for (Invariant inv : invariants) {
            int from = inv.fromStep() == null ? -1 : index(inv, inv.fromStep(), steps);
            int until = inv.untilStep() == null ? Integer.MAX_VALUE : index(inv, inv.untilStep(), steps);
            if (until <= from) {
                throw new ConfigurationException(inv.source() + ": invariant '" + inv.name() + "' is never active: 'until "
                        + inv.untilStep() + "' is not after 'from " + inv.fromStep() + "'");
            }
            out.add(new Scoped(inv, from, until));
        }
        return new InvariantScopes(out);
    }

    private static int index(Invariant inv, String step, List<MigrationStep> steps) {
        try {
            return steps.indexOf(MigrationSteps.find(steps, step));
        } catch (ConfigurationException e) {
            throw new ConfigurationException(inv.source() + ": invariant '" + inv.name() + "': " + e.getMessage());
        }
    }

    /**
     * @param lastApplied index of the last applied step in the loaded list (-1 when none)
     */
    List<Invariant> active(int lastApplied) {
        return scoped.stream().filter(s -> s.from <= lastApplied && lastApplied < s.until).map(Scoped::invariant).toList();
    }

    boolean isEmpty() {
        return scoped.isEmpty();
    }
}
