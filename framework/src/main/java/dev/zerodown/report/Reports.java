package dev.zerodown.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import dev.zerodown.report.internal.AtomicFiles;
import dev.zerodown.report.internal.IndexPage;
import dev.zerodown.report.internal.Text;
import dev.zerodown.result.RunResult;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every report of a run: {@code <reportDirectory>/<run>/pg<major>/} gets {@code report.json},
 * {@code report.html}, {@code report.md}, {@code report.sarif} and {@code TEST-zerodown-<run>-pg<major>.xml}; then
 * {@code <reportDirectory>/index.html} is rebuilt from every {@code report.json} present, so runs from
 * several test classes, plugin executions, PostgreSQL majors and JVMs all appear in it.
 */
@API(status = API.Status.INTERNAL)
public final class Reports {
    private static final Logger LOG = LoggerFactory.getLogger(Reports.class);
    private static final Object INDEX_LOCK = new Object();
    /**
     * The trend page of a run's history in its report directory: a run with {@code history} renders it there, and
     * both {@code index.html} and the run's {@code report.html} link it.
     */
    public static final String TREND_PAGE = "trend.html";

    private Reports() {
    }

    /** The folder of one run's reports: {@code <reportDirectory>/<run>/pg<major>}. */
    public static Path runDirectory(RunResult run, Path reportDirectory) {
        return reportDirectory.resolve(Text.fileSafe(run.name())).resolve("pg" + run.postgresMajor());
    }

    /** Writes every report; {@code report.sarif} names the hazards' files as they are (no project root known). */
    public static ReportFiles write(RunResult run, Path reportDirectory) {
        return write(run, reportDirectory, null, SourceFiles.NONE);
    }

    /**
     * Writes every report; {@code report.json} gets the run's effective settings ({@code Settings.effective()},
     * passwords redacted) unless {@code settings} is null, and {@code report.sarif} names the hazards' files
     * by their paths in {@code sources}. With {@code history} among the settings, {@code report.html} links the
     * trend page {@code <reportDirectory>/}{@value #TREND_PAGE}.
     */
    public static ReportFiles write(RunResult run, Path reportDirectory, java.util.Map<String, String> settings,
                                    SourceFiles sources) {
        Path dir = runDirectory(run, reportDirectory);
        Path json = dir.resolve("report.json");
        Path html = dir.resolve("report.html");
        AtomicFiles.write(html, HtmlReport.render(run, settings != null && settings.get("history") != null
                ? "../../" + TREND_PAGE : null));
        Path markdown = AtomicFiles.write(dir.resolve("report.md"), MarkdownReport.render(run, shown(html)));
        Path xml = AtomicFiles.write(dir.resolve("TEST-zerodown-" + Text.fileSafe(run.name()) + "-pg"
                + run.postgresMajor() + ".xml"), JUnitXmlReport.render(run));
        Path sarif = dir.resolve("report.sarif");
        SarifReport.write(run, sources, sarif);
        JsonReport.write(run, settings, json);
        Path index = writeIndex(reportDirectory);
        LOG.debug("Wrote reports of {} (PostgreSQL {}) to {}", run.name(), run.postgresMajor(), dir);
        return new ReportFiles(json, html, markdown, xml, index, sarif);
    }

    /**
     * Rebuilds {@code <reportDirectory>/index.html} from the report.json files present. Safe to call from
     * several threads (one at a time per JVM) and several JVMs (a file lock next to the index).
     */
    public static Path writeIndex(Path reportDirectory) {
        Path index = reportDirectory.resolve("index.html");
        synchronized (INDEX_LOCK) {
            try {
                Files.createDirectories(reportDirectory);
                try (FileChannel ch = FileChannel.open(reportDirectory.resolve(".index.lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    FileLock lock = lockOrNull(ch);
                    try {
                        AtomicFiles.write(index, IndexPage.render(reportDirectory));
                    } finally {
                        if (lock != null) {
                            lock.release();
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + index + ": " + e.getMessage(), e);
            }
        }
        return index;
    }

    /** The file lock, or null when this JVM already holds it through another class loader (atomic writes still hold). */
    private static FileLock lockOrNull(FileChannel ch) throws IOException {
        try {
            return ch.lock();
        } catch (OverlappingFileLockException e) {
            LOG.debug("Index lock already held in this JVM; writing {} without it", ch);
            return null;
        }
    }

    /** The path as a reader of report.md should see it: relative to the working directory when below it. */
    static Path shown(Path html) {
        Path abs = html.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs) : abs;
    }
}
