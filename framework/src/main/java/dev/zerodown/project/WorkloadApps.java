package dev.zerodown.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.Set;
import java.util.stream.Collectors;
import dev.zerodown.load.AppVersionFactory;
import dev.zerodown.load.ProfileMix;
import dev.zerodown.profile.ColumnProfile;
import dev.zerodown.profile.ProductionProfile;
import dev.zerodown.profile.TableProfile;
import dev.zerodown.load.SqlWorkload;
import dev.zerodown.load.SyntheticMix;
import dev.zerodown.load.SyntheticTraffic;
import dev.zerodown.load.SyntheticWorkload;

/**
 * The app versions of a rollout without Java code: {@code <workloads>/<version>.sql} when that file
 * exists; else the production profile's query mix when a profile is set and has one (each
 * {@code $n} bound to a sample of its column, see {@link ProfileMix}); synthetic traffic derived from
 * the catalog otherwise. Each version is read once.
 */
final class WorkloadApps implements Function<String, AppVersionFactory> {
    private final Path folder;
    private final SyntheticMix mix;
    private final Path profile;
    private final Map<String, AppVersionFactory> apps = new LinkedHashMap<>();
    private ProductionProfile loaded;

    WorkloadApps(Path folder) {
        this(folder, SyntheticMix.DEFAULT);
    }

    WorkloadApps(Path folder, SyntheticMix mix) {
        this(folder, mix, null);
    }

    /** @param profile the production profile ({@code profile.json}), or null */
    WorkloadApps(Path folder, SyntheticMix mix, Path profile) {
        this.folder = folder;
        this.mix = mix;
        this.profile = profile != null && Files.isRegularFile(profile) ? profile : null;
    }

    /** The setting {@code profile} as a file, or null when it is not set or names no file. */
    static Path profileFile(String setting) {
        return setting == null || setting.isBlank() ? null : Path.of(setting);
    }

    @Override
    public AppVersionFactory apply(String version) {
        return apps.computeIfAbsent(version, this::load);
    }

    private AppVersionFactory load(String version) {
        Path file = folder.resolve(version + ".sql");
        if (Files.isRegularFile(file)) {
            return SqlWorkload.parse(file);
        }
        SqlWorkload fromProfile = fromProfile(version);
        return fromProfile != null ? fromProfile : new SyntheticTraffic(mix, SyntheticWorkload.HISTORY_TABLES);
    }

    /** The profile's query mix for a version, or null without a profile, a mix, or a statement it can run. */
    private SqlWorkload fromProfile(String version) {
        if (profile == null) {
            return null;
        }
        if (loaded == null) {
            loaded = ProductionProfile.read(profile);
        }
        if (loaded.queries().isEmpty()) {
            return null;
        }
        Map<String, Set<String>> columns = new LinkedHashMap<>();
        for (TableProfile t : loaded.tables()) {
            columns.put(t.qualifiedName(), t.columns().stream().map(ColumnProfile::name).collect(Collectors.toSet()));
        }
        List<ProfileMix.Query> queries = loaded.queries().stream().map(q -> new ProfileMix.Query(q.query(), q.calls())).toList();
        SqlWorkload w = ProfileMix.workload(version, queries, columns);
        return w.requests().isEmpty() ? null : w;
    }

    /** The versions asked for so far that run the profile's query mix. */
    List<String> profile() {
        return apps.entrySet().stream().filter(e -> e.getValue() instanceof SqlWorkload w && "profile".equals(w.source()))
                .map(Map.Entry::getKey).toList();
    }

    /** The profile's statements left out (the same for every version), with why. */
    Map<String, List<String>> profileSkipped() {
        return apps.values().stream().filter(f -> f instanceof SqlWorkload w && "profile".equals(w.source()))
                .map(f -> ((SqlWorkload) f).skipped()).findFirst().orElse(Map.of());
    }

    /** True when a profile is set and has a query mix that left out every statement. */
    boolean profileMixUnusable() {
        return loaded != null && !loaded.queries().isEmpty() && profile().isEmpty() && !synthetic().isEmpty();
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
