package dev.zerodown.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import dev.zerodown.load.AppVersionFactory;
import dev.zerodown.load.SqlWorkload;
import dev.zerodown.load.SyntheticMix;
import dev.zerodown.load.SyntheticTraffic;
import dev.zerodown.load.SyntheticWorkload;

/**
 * The app versions of a rollout without Java code: {@code <workloads>/<version>.sql} when that file
 * exists, synthetic traffic derived from the catalog otherwise. Each version is read once.
 */
final class WorkloadApps implements Function<String, AppVersionFactory> {
    private final Path folder;
    private final SyntheticMix mix;
    private final Map<String, AppVersionFactory> apps = new LinkedHashMap<>();

    WorkloadApps(Path folder) {
        this(folder, SyntheticMix.DEFAULT);
    }

    WorkloadApps(Path folder, SyntheticMix mix) {
        this.folder = folder;
        this.mix = mix;
    }

    @Override
    public AppVersionFactory apply(String version) {
        return apps.computeIfAbsent(version, this::load);
    }

    private AppVersionFactory load(String version) {
        Path file = folder.resolve(version + ".sql");
        return Files.isRegularFile(file) ? SqlWorkload.parse(file) : new SyntheticTraffic(mix, SyntheticWorkload.HISTORY_TABLES);
    }

    /** The versions asked for so far that have no workload file. */
    List<String> synthetic() {
        return apps.entrySet().stream().filter(e -> !(e.getValue() instanceof SqlWorkload)).map(Map.Entry::getKey)
                .toList();
    }

    /** The synthetic traffic of the versions asked for so far. */
    List<SyntheticTraffic> syntheticTraffic() {
        return apps.values().stream().filter(SyntheticTraffic.class::isInstance).map(SyntheticTraffic.class::cast)
                .toList();
    }

    Path folder() {
        return folder;
    }
}
