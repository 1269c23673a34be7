package dev.zerodown.project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.report.MergedReports;
import dev.zerodown.report.ShardManifest;
import dev.zerodown.result.Verdict;
import dev.zerodown.settings.FailOn;
import org.apiguardian.api.API;

/**
 * {@code merge}: joins the report directories of a sharded check ({@code shard=i/n}) into one report directory
 * with one index, one Surefire XML set, one Markdown summary and one verdict. It reads every {@code shard.json}
 * below the folders it is given and merges only a complete set: every shard 1..n of every check exactly once, all
 * with the same n, the same inputs and the same commit, each run's reports present. Anything else is a
 * configuration error listing every problem (a missing shard names the runs it was dealt), never a verdict.
 */
@API(status = API.Status.INTERNAL)
public final class ShardMerge {
    /** The name of the setting-like parameter that lists the shards' folders. */
    public static final String SHARD_REPORTS = "shardReports";

    private final CheckLog log;

    public ShardMerge(CheckLog log) {
        this.log = log;
    }

    /** One manifest found, with the file it came from. */
    private record Found(ShardManifest manifest, Path file) {
        Path folder() {
            return file.getParent();
        }
    }

    /** One run to merge, in (check, major) order. */
    private record Merged(String name, int major, MergedReports.Source source, RunVerdict verdict) {
    }

    /**
     * The folders an entry of {@code shardReports} names: itself, or with {@code *}, {@code ?} or {@code [} in
     * it, every folder its glob matches (relative to {@code base}).
     */
    public static List<Path> folders(List<String> entries, Path base) {
        List<String> problems = new ArrayList<>();
        List<Path> out = new ArrayList<>();
        for (String entry : entries) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            if (!e.matches(".*[*?\\[{].*")) {
                out.add(base.resolve(e).toAbsolutePath().normalize());
                continue;
            }
            List<Path> matched = glob(e, base);
            if (matched.isEmpty()) {
                problems.add("`" + e + "` (" + SHARD_REPORTS + ") matches no folder in " + base
                        + "; name the folders the shards' report directories were downloaded to");
            }
            out.addAll(matched);
        }
        if (out.isEmpty() && problems.isEmpty()) {
            problems.add("No shard report folders given (" + SHARD_REPORTS + "): name the folders the shards'"
                    + " report directories were downloaded to, comma-separated, or the one folder holding them");
        }
        if (!problems.isEmpty()) {
            throw ConfigurationException.of(problems);
        }
        return out;
    }

    private static List<Path> glob(String pattern, Path base) {
        Path absolute = base.resolve(pattern).toAbsolutePath().normalize();
        Path start = absolute.getRoot();
        int depth = 0;
        for (Path part : absolute) {
            if (depth == 0 && !part.toString().matches(".*[*?\\[{].*")) {
                start = start.resolve(part);
            } else {
                depth++;
            }
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + absolute.toString().replace("\\", "\\\\"));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(start, depth)) {
            return paths.filter(Files::isDirectory).filter(matcher::matches).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + start + ": " + e.getMessage(), e);
        }
    }

    /**
     * Merges the shards found below {@code shardFolders} into {@code reportDirectory} and returns the build
     * failure's message when the merged verdicts and {@code failOn} call for one.
     *
     * @param failOn the build result's level ({@code error} when null), whatever the shards ran with: shards often
     *               run with {@code failOn=never} to leave the verdict to the merge
     * @throws ConfigurationException when the shards are not one complete set
     */
    public Optional<String> merge(List<Path> shardFolders, Path reportDirectory, FailOn failOn) {
        Path out = reportDirectory.toAbsolutePath().normalize();
        List<Found> found = find(shardFolders, out);
        int n = found.get(0).manifest().of();
        Map<String, Map<Integer, Found>> checks = complete(found, shardFolders);
        List<Merged> merged = new ArrayList<>();
        checks.forEach((name, shards) -> shards.values().forEach(f -> f.manifest().runs().forEach(r -> merged.add(
                new Merged(name, r.major(), new MergedReports.Source(r.key(), f.manifest().label(),
                        f.folder().resolve("pg" + r.major()), r.verdict(), r.postgresVersion()),
                        new RunVerdict(name, r.postgresVersion(), "unsafe".equals(r.verdict()) ? Verdict.UNSAFE
                                : Verdict.SAFE, r.transitions(), r.failure(), r.warnings()))))));
        merged.sort(Comparator.comparing(Merged::name).thenComparingInt(Merged::major));
        List<MergedReports.Source> sources = merged.stream().map(Merged::source).toList();
        List<RunVerdict> verdicts = merged.stream().map(Merged::verdict).toList();
        refuseOtherReports(out, sources);
        leftOut(found, sources);
        MergedReports.Written written = MergedReports.write(sources, n, out);
        log.info("Merged " + sources.size() + " run" + (sources.size() == 1 ? "" : "s") + " of " + n + " shard"
                + (n == 1 ? "" : "s") + " (" + String.join(", ", checks.keySet()) + ") into " + out);
        log.info("Index: " + written.index());
        log.info("Summary: " + written.summary());
        log.info("Surefire XML: " + written.junitXml().size() + " file" + (written.junitXml().size() == 1 ? "" : "s")
                + " below " + out);
        return new BuildVerdict(failOn == null ? FailOn.ERROR : failOn, log).concludeVerdicts(verdicts);
    }

    /** Every manifest below the folders, each file once. */
    private List<Found> find(List<Path> folders, Path out) {
        List<String> problems = new ArrayList<>();
        Set<Path> files = new LinkedHashSet<>();
        for (Path folder : folders) {
            Path f = folder.toAbsolutePath().normalize();
            if (!Files.isDirectory(f)) {
                problems.add("Shard report folder " + f + " (" + SHARD_REPORTS + ") is not a folder; name the folders"
                        + " the shards' report directories were downloaded to");
            } else if (out.startsWith(f) || f.startsWith(out)) {
                problems.add("reportDirectory " + out + " and the shard report folder " + f + " overlap; merge into a"
                        + " folder of its own (the merge would write over a shard's reports)");
            } else {
                files.addAll(manifests(f));
            }
        }
        if (problems.isEmpty() && files.isEmpty()) {
            problems.add("No shard manifest (" + ShardManifest.FILE + ") below " + folders + ": merge takes the report"
                    + " directories of checks run with shard=i/n (property zerodown.shard)");
        }
        if (!problems.isEmpty()) {
            throw ConfigurationException.of(problems);
        }
        List<Found> found = new ArrayList<>();
        for (Path file : files) {
            found.add(new Found(ShardManifest.read(file), file));
        }
        return found;
    }

    private static List<Path> manifests(Path folder) {
        List<Path> out = new ArrayList<>();
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    return !dir.equals(folder) && (name.startsWith(".") || name.equals("node_modules"))
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (file.getFileName().toString().equals(ShardManifest.FILE)) {
                        out.add(file.toAbsolutePath().normalize());
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot search " + folder + " for shard manifests: " + e.getMessage(), e);
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /** The manifests by check and shard, when they are one complete set; every problem otherwise. */
    private static Map<String, Map<Integer, Found>> complete(List<Found> found, List<Path> folders) {
        List<String> problems = new ArrayList<>();
        Map<Integer, List<Found>> byCount = new TreeMap<>();
        found.forEach(f -> byCount.computeIfAbsent(f.manifest().of(), k -> new ArrayList<>()).add(f));
        if (byCount.size() > 1) {
            List<String> groups = new ArrayList<>();
            byCount.forEach((n, fs) -> groups.add("n=" + n + ": " + String.join(", ", fs.stream()
                    .map(f -> f.manifest().label() + " of " + f.manifest().run() + " (" + f.file() + ")").toList())));
            throw new ConfigurationException("The shards were split differently (" + String.join("; ", groups)
                    + "); merge the shards of one pipeline run, all with the same n");
        }
        int n = found.get(0).manifest().of();
        Map<String, Map<Integer, Found>> checks = new TreeMap<>();
        for (Found f : found) {
            Map<Integer, Found> shards = checks.computeIfAbsent(f.manifest().run(), k -> new TreeMap<>());
            Found twin = shards.putIfAbsent(f.manifest().shard(), f);
            if (twin != null) {
                problems.add("Shard " + f.manifest().label() + " of " + f.manifest().run() + " is there twice: "
                        + twin.file() + " and " + f.file() + "; give each shard's report directory once");
            }
        }
        checks.forEach((name, shards) -> {
            Found first = shards.values().iterator().next();
            shards.values().stream().skip(1).forEach(f -> differences(first, f, problems));
            missing(name, n, shards, first.manifest().allRuns(), folders, problems);
            for (Found f : shards.values()) {
                for (ShardManifest.Run r : f.manifest().runs()) {
                    Path json = f.folder().resolve("pg" + r.major()).resolve("report.json");
                    if (!Files.isRegularFile(json)) {
                        problems.add("Shard " + f.manifest().label() + " of " + name + " lists " + r.key() + " but "
                                + json + " is missing; download the shard's whole report directory");
                    }
                }
            }
        });
        if (!problems.isEmpty()) {
            throw ConfigurationException.of(problems);
        }
        return checks;
    }

    private static void missing(String name, int n, Map<Integer, Found> shards, List<String> allRuns, List<Path> folders,
                                List<String> problems) {
        List<String> present = shards.keySet().stream().map(i -> i + "/" + n).toList();
        for (int i = 1; i <= n; i++) {
            if (shards.containsKey(i)) {
                continue;
            }
            List<String> dealt = new ArrayList<>();
            for (int p = 0; p < allRuns.size(); p++) {
                if (dev.zerodown.settings.Shard.of(name, p, n) == i) {
                    dealt.add(allRuns.get(p));
                }
            }
            problems.add("Shard " + i + "/" + n + " of " + name + " is missing: found " + String.join(", ", present)
                    + " in " + String.join(", ", folders.stream().map(Path::toString).toList()) + "; "
                    + (dealt.isEmpty() ? "it was dealt no run, but" : "its runs " + String.join(", ", dealt) + " are not merged, and")
                    + " a set without it is not complete. Download every shard's report directory (a failed or"
                    + " cancelled shard job leaves none), or rerun shard " + i + "/" + n);
        }
        Map<String, List<String>> dealtTo = new LinkedHashMap<>();
        shards.values().forEach(f -> f.manifest().runs().forEach(r -> dealtTo.computeIfAbsent(r.key(),
                k -> new ArrayList<>()).add(f.manifest().label())));
        dealtTo.forEach((key, labels) -> {
            if (labels.size() > 1) {
                problems.add(key + " was run by shards " + String.join(" and ", labels) + " of " + name
                        + "; the shards were dealt by different Zerodown versions: run every shard with the same one");
            }
        });
    }

    /** One problem per way two shards of a check disagree on what they ran. */
    private static void differences(Found a, Found b, List<String> problems) {
        ShardManifest x = a.manifest();
        ShardManifest y = b.manifest();
        List<String> why = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>(x.inputs().settings().keySet());
        names.addAll(y.inputs().settings().keySet());
        for (String s : names) {
            String vx = x.inputs().settings().get(s);
            String vy = y.inputs().settings().get(s);
            if (!java.util.Objects.equals(vx, vy)) {
                why.add("setting " + s + " is " + shown(vy) + " there but " + shown(vx) + " in " + x.label());
            }
        }
        if (!java.util.Objects.equals(x.inputs().migrations(), y.inputs().migrations())) {
            why.add("the migrations differ");
        }
        if (!java.util.Objects.equals(x.inputs().files(), y.inputs().files())) {
            why.add("the rollout, invariants, seed, profile or workload files differ");
        }
        if (!x.allRuns().equals(y.allRuns())) {
            why.add("its runs are " + y.allRuns() + " but " + x.allRuns() + " in " + x.label());
        }
        if (x.commit() != null && y.commit() != null && !x.commit().equals(y.commit())) {
            why.add("it ran commit " + y.commit() + " but " + x.label() + " ran " + x.commit());
        }
        if (!why.isEmpty()) {
            problems.add("Shard " + y.label() + " of " + y.run() + " (" + b.file() + ") ran other inputs than shard "
                    + x.label() + " (" + a.file() + "): " + String.join("; ", why)
                    + "; merge the shards of one pipeline run");
        }
    }

    private static String shown(String value) {
        return value == null ? "unset" : "`" + value + "`";
    }

    /** The merged folder must not show runs no shard wrote: the index lists every report.json it holds. */
    private static void refuseOtherReports(Path out, List<MergedReports.Source> sources) {
        Set<String> merged = new LinkedHashSet<>(sources.stream().map(MergedReports.Source::key).toList());
        List<String> others = MergedReports.reportKeys(out).stream().filter(k -> !merged.contains(k)).toList();
        if (!others.isEmpty()) {
            throw new ConfigurationException("reportDirectory " + out + " already holds reports no shard wrote ("
                    + String.join(", ", others) + "); merge into an empty folder, or remove them");
        }
    }

    /** Reports in the shards' folders that no manifest lists (a JUnit class, an unsharded check): named, not merged. */
    private void leftOut(List<Found> found, List<MergedReports.Source> sources) {
        Set<String> merged = new LinkedHashSet<>(sources.stream().map(MergedReports.Source::key).toList());
        Set<String> others = new LinkedHashSet<>();
        for (Found f : found) {
            Path reportDirectory = f.folder().getParent();
            MergedReports.reportKeys(reportDirectory).stream().filter(k -> !merged.contains(k))
                    .forEach(k -> others.add(reportDirectory.resolve(k).toString()));
        }
        if (!others.isEmpty()) {
            log.warn("Left out " + others.size() + " report" + (others.size() == 1 ? "" : "s") + " that no shard"
                    + " manifest lists (a JUnit test class, or a check run without shard): " + String.join(", ", others));
        }
    }
}
