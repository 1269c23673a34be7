package dev.zerodown.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import dev.zerodown.report.internal.AtomicFiles;
import dev.zerodown.report.internal.Markdown;
import org.apiguardian.api.API;

/**
 * The reports of several shards in one report directory: each run's folder as its shard wrote it
 * ({@code report.json}, {@code report.html}, {@code report.md}, {@code report.sarif}, the Surefire XML), then
 * {@code index.html} rebuilt over all of them and {@code summary.md}: the merged verdict, a table of the runs, and
 * each run's {@code report.md}. Nothing is rendered twice: the runs' files are the shards' own.
 */
@API(status = API.Status.INTERNAL)
public final class MergedReports {
    /** The merged Markdown summary's file name, in the report directory. */
    public static final String SUMMARY = "summary.md";

    private MergedReports() {
    }

    /**
     * One run to merge.
     *
     * @param key             {@code <run>/pg<major>}, its folder below the report directory
     * @param shard           the shard that ran it, {@code 2/4}
     * @param folder          its folder in the shard's report directory
     * @param verdict         {@code safe} or {@code unsafe}
     * @param postgresVersion the server's version
     */
    public record Source(String key, String shard, Path folder, String verdict, String postgresVersion) {
    }

    /**
     * What the merge wrote.
     *
     * @param index    {@code index.html}
     * @param summary  {@code summary.md}
     * @param junitXml every run's Surefire XML, in key order
     */
    public record Written(Path index, Path summary, List<Path> junitXml) {
    }

    /** Copies every run's folder into {@code out}, then writes the index and the summary. */
    public static Written write(List<Source> runs, int shards, Path out) {
        List<Path> xml = new ArrayList<>();
        for (Source s : runs) {
            Path target = out.resolve(s.key());
            replace(s.folder(), target);
            xml.addAll(files(target, "TEST-", ".xml"));
        }
        Path index = Reports.writeIndex(out);
        Path summary = AtomicFiles.write(out.resolve(SUMMARY), summary(runs, shards, out));
        return new Written(index, summary, List.copyOf(xml));
    }

    /**
     * The keys ({@code <run>/pg<major>}) of the runs whose {@code report.json} is in a report directory, in name
     * order.
     */
    public static List<String> reportKeys(Path reportDirectory) {
        List<String> keys = new ArrayList<>();
        if (!Files.isDirectory(reportDirectory)) {
            return keys;
        }
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(reportDirectory, Files::isDirectory)) {
            for (Path run : runs) {
                try (DirectoryStream<Path> majors = Files.newDirectoryStream(run,
                        p -> p.getFileName().toString().matches("pg\\d+") && Files.isRegularFile(p.resolve("report.json")))) {
                    majors.forEach(m -> keys.add(run.getFileName() + "/" + m.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list reports in " + reportDirectory + ": " + e.getMessage(), e);
        }
        keys.sort(Comparator.naturalOrder());
        return keys;
    }

    private static String summary(List<Source> runs, int shards, Path out) {
        long unsafe = runs.stream().filter(r -> "unsafe".equals(r.verdict())).count();
        StringBuilder b = new StringBuilder("## ").append(unsafe > 0 ? "\u274C" : "\u2705").append(" Zerodown: ");
        b.append(unsafe > 0 ? unsafe + " of " + runs.size() + " runs **unsafe**" : "all " + runs.size() + " runs **safe**")
                .append(", merged from ").append(shards).append(shards == 1 ? " shard" : " shards").append("\n\n");
        b.append("| | run | PostgreSQL | shard |\n|---|---|---|---|\n");
        for (Source s : runs) {
            b.append("| ").append("unsafe".equals(s.verdict()) ? "\u274C unsafe" : "\u2705 safe").append(" | ")
                    .append(Markdown.code(s.key())).append(" | ").append(Markdown.text(s.postgresVersion()))
                    .append(" | ").append(s.shard()).append(" |\n");
        }
        for (Source s : runs) {
            Path md = out.resolve(s.key()).resolve("report.md");
            if (Files.isRegularFile(md)) {
                b.append('\n').append(pointedAt(read(md), out.resolve(s.key()).resolve("report.html")));
            }
        }
        return b.toString();
    }

    /** A run's report.md with its link pointing to the merged copy of its HTML report. */
    private static String pointedAt(String markdown, Path html) {
        StringBuilder b = new StringBuilder();
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith(MarkdownReport.FULL_REPORT)) {
                line = MarkdownReport.FULL_REPORT + Markdown.code(Reports.shown(html).toString().replace('\\', '/'));
            }
            b.append(line).append('\n');
        }
        return b.toString().stripTrailing() + "\n";
    }

    private static void replace(Path from, Path to) {
        try {
            if (Files.exists(to)) {
                try (Stream<Path> old = Files.walk(to)) {
                    for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            try (Stream<Path> files = Files.walk(from)) {
                for (Path p : files.toList()) {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the reports of " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> files(Path dir, String prefix, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
