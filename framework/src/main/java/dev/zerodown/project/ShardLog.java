package dev.zerodown.project;

import java.util.ArrayList;
import java.util.List;
import dev.zerodown.engine.CompatibilityRun.RunOutcome;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.report.ShardManifest;
import dev.zerodown.report.internal.GitCommit;
import dev.zerodown.settings.Settings;
import dev.zerodown.settings.Shard;

/** A sharded check's line about its slice, and the manifest ({@code shard.json}) it leaves for merge. */
final class ShardLog {
    private ShardLog() {
    }

    /** One line naming the runs of this shard and where the others went; "had no runs" when it has none. */
    static void before(String name, Settings settings, CheckLog log) {
        Shard shard = settings.shard();
        if (shard == null) {
            return;
        }
        List<Integer> all = settings.postgresVersions().stream().distinct().sorted().toList();
        List<String> elsewhere = new ArrayList<>();
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            int on = Shard.of(name, i, shard.count());
            String key = ShardManifest.key(name, all.get(i));
            if (on == shard.index()) {
                mine.add(key);
            } else {
                elsewhere.add(key + " on " + on + "/" + shard.count());
            }
        }
        String others = elsewhere.isEmpty() ? "" : "; " + String.join(", ", elsewhere);
        if (mine.isEmpty()) {
            log.info("Zerodown: shard " + shard + " had no runs: " + name + " has " + all.size() + " run"
                    + (all.size() == 1 ? "" : "s") + " and " + shard.count() + " shards" + others);
        } else {
            log.info("Shard " + shard + ": " + String.join(", ", mine) + " (" + mine.size() + " of " + all.size()
                    + " runs of " + name + others + ")");
        }
    }

    /** The manifest of a finished shard: its runs with their verdicts, every run's key and what it ran on. */
    static ShardManifest manifest(String name, CheckInputs inputs, List<MigrationStep> steps,
                                  List<RunOutcome> outcomes) {
        Settings settings = inputs.settings();
        List<ShardManifest.Run> runs = new ArrayList<>();
        for (RunOutcome o : outcomes) {
            RunVerdict v = RunVerdict.of(o.result());
            runs.add(new ShardManifest.Run(ShardManifest.key(name, o.result().postgresMajor()),
                    o.result().postgresMajor(), v.postgresVersion(), v.verdict().id(), v.transitions(), v.failure(),
                    v.warnings()));
        }
        List<String> all = settings.postgresVersions().stream().distinct().sorted()
                .map(m -> ShardManifest.key(name, m)).toList();
        String commit = GitCommit.of(System.getenv(), inputs.basedir()).orElse(null);
        return new ShardManifest(name, settings.shard().index(), settings.shard().count(), runs, all, commit,
                ShardInputs.of(inputs, steps));
    }
}
