package dev.zerodown.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.Set;
import java.util.stream.Collectors;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.ConfigurationProblems;
import dev.zerodown.load.AppVersionFactory;
import dev.zerodown.plan.Rollout;
import dev.zerodown.settings.Setting;
import dev.zerodown.settings.Settings;
import dev.zerodown.load.ProfileMix;
import dev.zerodown.profile.ColumnProfile;
import dev.zerodown.profile.ProductionProfile;
import dev.zerodown.profile.TableProfile;
import dev.zerodown.load.SqlWorkload;
import dev.zerodown.load.SyntheticMix;
import dev.zerodown.load.SyntheticTraffic;
import dev.zerodown.load.SyntheticWorkload;
import org.apiguardian.api.API;

/**
 * The app versions of a rollout without Java code: {@code <workloads>/<version>.sql} when that file
 * exists; else the production profile's query mix when a profile is set and has one (each
 * {@code $n} bound to a sample of its column, see {@link ProfileMix}); synthetic traffic derived from
 * the catalog otherwise. Each version is read once. Shared by every front door: the plugin and the CLI
 * (every version of their rollout), the JUnit extension and the plain Java API (the versions a rollout
 * gives without code, {@code Rollout.start("v1")}).
 *
 * <p>A {@code .sql} file in the folder named after no version of the rollout is an error, never a
 * silent fallback to synthetic traffic ({@link #requireMatching}).
 */
@API(status = API.Status.INTERNAL)
public final class WorkloadApps implements Function<String, AppVersionFactory> {
    private final Path folder;
    private final SyntheticMix mix;
    private final Path profile;
    private final Map<String, AppVersionFactory> apps = new LinkedHashMap<>();
    private ProductionProfile loaded;

    public WorkloadApps(Path folder) {
        this(folder, SyntheticMix.DEFAULT);
    }

    public WorkloadApps(Path folder, SyntheticMix mix) {
        this(folder, mix, null);
    }

    /** @param profile the production profile ({@code profile.json}), or null */
    public WorkloadApps(Path folder, SyntheticMix mix, Path profile) {
        this.folder = folder;
        this.mix = mix;
        this.profile = profile != null && Files.isRegularFile(profile) ? profile : null;
    }

    /** The setting {@code profile} as a file, or null when it is not set or names no file. */
    public static Path profileFile(String setting) {
        return setting == null || setting.isBlank() ? null : Path.of(setting);
    }

    /**
     * The apps of a run: the rollout's versions without code get their traffic from the {@code workloads}
     * folder; the rollout itself when every version has code. A folder set on purpose must exist (a default
     * one may be absent), and every workload file in it must be named after a version ({@link #requireMatching}).
     */
    static Rollout resolve(Rollout rollout, Settings settings) {
        WorkloadApps apps = of(rollout, settings);
        return apps == null ? rollout : rollout.withApps(apps);
    }

    /** The apps {@link #resolve} gives the rollout's versions without code; null when every version has code. */
    static WorkloadApps of(Rollout rollout, Settings settings) {
        if (rollout.versionsWithoutCode().isEmpty()) {
            return null;
        }
        Path folder = folder(settings.workloads(), !Path.of(settings.workloads()).normalize()
                .equals(Path.of(Setting.WORKLOADS.defaultValue())));
        WorkloadApps apps = new WorkloadApps(folder, settings.syntheticMix(), profileFile(settings.profile()));
        apps.requireMatching(rollout, settings);
        return apps;
    }

    /**
     * Says which of the versions asked for so far run the profile's query mix, each statement of it left out
     * (with why), and when none of it could run: the lines the plugin and the CLI log before a check, and the
     * JUnit extension and the plain Java API log when a run starts.
     *
     * @param shown the workloads folder as the log should name it
     */
    public void describeProfileTraffic(String shown, Consumer<String> info, Consumer<String> warn) {
        if (!profile().isEmpty()) {
            info.accept("No workload file in " + shown + " for " + profile() + ": the production profile's query mix"
                    + " (each statement weighted by its calls, each $n a sample of its column) stands in for them");
        }
        profileSkipped().forEach((statement, why) -> warn.accept("Profile query mix: left out `" + statement + "`: "
                + String.join("; ", why)));
        if (profileMixUnusable()) {
            warn.accept("Profile query mix: no statement's parameters could be inferred; synthetic traffic stands in instead");
        }
    }

    /** The {@code workloads} folder; one set on purpose ({@code explicit}) that is not a folder is an error. */
    public static Path folder(String setting, boolean explicit) {
        Path folder = Path.of(setting);
        if (explicit && !Files.isDirectory(folder)) {
            throw ConfigurationException.notThere("workloads", folder, "folder");
        }
        return folder;
    }

    /**
     * Every {@code <name>.sql} file of the folder must be the workload of a version of the rollout (seed and
     * invariants files excepted): a file named after no version ({@code V1.sql} for {@code v1}, a typo) is an
     * error naming it and the versions, as is the file of a version that the rollout gives Java code. All
     * such files are reported together.
     */
    public void requireMatching(Rollout rollout, Settings settings) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        List<String> versions = rollout.versions();
        List<String> withoutCode = rollout.versionsWithoutCode();
        Set<Path> others = new java.util.HashSet<>();
        for (String other : new String[] {settings.seed(), settings.invariants(), Setting.SEED.defaultValue(),
                Setting.INVARIANTS.defaultValue()}) {
            if (other != null) {
                others.add(Path.of(other).toAbsolutePath().normalize());
            }
        }
        ConfigurationProblems problems = new ConfigurationProblems();
        for (Path file : sqlFiles()) {
            String name = file.getFileName().toString();
            String version = name.substring(0, name.length() - ".sql".length());
            Path absolute = file.toAbsolutePath().normalize();
            if (others.contains(absolute) || name.equals("seed.sql") || name.equals("invariants.sql")) {
                continue;
            }
            if (!versions.contains(version)) {
                problems.add("Workload file " + name + " in " + absolute.getParent() + " (setting `workloads`) is named"
                        + " after no version of the rollout (versions: " + String.join(", ", versions) + "); rename it to "
                        + closest(version, versions).orElse("<version>") + ".sql, or move it out of the folder");
            } else if (!withoutCode.isEmpty() && !withoutCode.contains(version)) {
                problems.add("Workload file " + name + " in " + absolute.getParent() + " (setting `workloads`) is not"
                        + " used: the rollout gives version " + version + " Java code; remove the file, or give the"
                        + " version no code (start(\"" + version + "\") or deploy(\"" + version + "\")) to run it");
            }
        }
        problems.throwIfAny();
    }

    private List<Path> sqlFiles() {
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sql") && Files.isRegularFile(f)).sorted().toList();
        } catch (java.io.IOException e) {
            throw new dev.zerodown.config.EnvironmentException("Cannot list the workloads folder " + folder + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The version a misnamed file most likely meant: the same name in another case, or an edit or two away; none
     * when two versions are as near ({@code v3.sql} beside {@code v1} and {@code v2}).
     */
    private static java.util.Optional<String> closest(String name, List<String> versions) {
        List<String> near = versions.stream().filter(v -> edits(v.toLowerCase(java.util.Locale.ROOT),
                name.toLowerCase(java.util.Locale.ROOT)) <= (v.length() < 6 ? 1 : 2))
                .sorted(java.util.Comparator.comparingInt((String v) -> edits(v, name))).toList();
        boolean tie = near.size() > 1 && edits(near.get(0), name) == edits(near.get(1), name);
        return near.isEmpty() || tie ? java.util.Optional.empty() : java.util.Optional.of(near.get(0));
    }

    /** Edits from one name to the other: insertions, deletions, substitutions and swaps of two neighbours. */
    private static int edits(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
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
    public List<String> profile() {
        return apps.entrySet().stream().filter(e -> e.getValue() instanceof SqlWorkload w && "profile".equals(w.source()))
                .map(Map.Entry::getKey).toList();
    }

    /** The profile's statements left out (the same for every version), with why. */
    public Map<String, List<String>> profileSkipped() {
        return apps.values().stream().filter(f -> f instanceof SqlWorkload w && "profile".equals(w.source()))
                .map(f -> ((SqlWorkload) f).skipped()).findFirst().orElse(Map.of());
    }

    /** True when a profile is set and has a query mix that left out every statement. */
    public boolean profileMixUnusable() {
        return loaded != null && !loaded.queries().isEmpty() && profile().isEmpty() && !synthetic().isEmpty();
    }

    /** The versions asked for so far that have no workload file. */
    public List<String> synthetic() {
        return apps.entrySet().stream().filter(e -> !(e.getValue() instanceof SqlWorkload)).map(Map.Entry::getKey)
                .toList();
    }

    /** The synthetic traffic of the versions asked for so far. */
    public List<SyntheticTraffic> syntheticTraffic() {
        return apps.values().stream().filter(SyntheticTraffic.class::isInstance).map(SyntheticTraffic.class::cast)
                .toList();
    }

    public Path folder() {
        return folder;
    }
}
