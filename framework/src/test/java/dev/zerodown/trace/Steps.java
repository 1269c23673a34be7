package dev.zerodown.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.judge.StepJudge;
import dev.zerodown.migrations.MigrationLoader;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.result.Hazard;

/** Loads migration steps for tests with the real {@link MigrationLoader}, and judges their traces. */
final class Steps {
    private Steps() {
    }

    /** What the judge finds in {@code trace} without traffic (the tracer only measures). */
    static List<Hazard> hazards(StepTrace trace) {
        return StepJudge.hazards(trace);
    }

    /** Those with this id. */
    static List<Hazard> hazards(StepTrace trace, HazardId id) {
        return hazards(trace).stream().filter(h -> h.id() == id).toList();
    }

    /** The steps of a Flyway-style folder. */
    static List<MigrationStep> load(Path folder) {
        return new MigrationLoader().load(List.of("filesystem:" + folder.toAbsolutePath()), Map.of(), null);
    }

    /** Writes {@code sql} as {@code fileName} into its own folder under {@code dir} and loads it. */
    static MigrationStep of(Path dir, String fileName, String sql) {
        return of(dir, fileName, sql, null);
    }

    /** Same, with a {@code .sql.conf} holding {@code conf} (null: none). */
    static MigrationStep of(Path dir, String fileName, String sql, String conf) {
        try {
            Path folder = Files.createTempDirectory(dir, "step");
            Files.writeString(folder.resolve(fileName), sql, StandardCharsets.UTF_8);
            if (conf != null) {
                Files.writeString(folder.resolve(fileName + ".conf"), conf, StandardCharsets.UTF_8);
            }
            return load(folder).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
