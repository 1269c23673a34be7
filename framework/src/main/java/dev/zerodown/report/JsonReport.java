package dev.zerodown.report;

import java.nio.file.Path;
import dev.zerodown.report.internal.AtomicFiles;
import dev.zerodown.report.internal.Json;
import dev.zerodown.report.internal.RunJson;
import dev.zerodown.result.RunResult;
import org.apiguardian.api.API;

/**
 * {@code report.json}: the run as stable, versioned JSON (schema in docs/reports.md). Fields keep their
 * documented order; {@code schemaVersion} changes only when a field is removed, renamed or changes meaning.
 */
@API(status = API.Status.INTERNAL)
public final class JsonReport {
    /** The {@code schemaVersion} this class writes. */
    public static final int SCHEMA_VERSION = RunJson.SCHEMA_VERSION;

    private JsonReport() {
    }

    /** The report as indented JSON text ending with a newline. */
    public static String toJson(RunResult run) {
        return Json.pretty(RunJson.tree(run));
    }

    /** The report with the run's effective settings ({@code Settings.effective()}) in its {@code settings} object. */
    public static String toJson(RunResult run, java.util.Map<String, String> settings) {
        return Json.pretty(RunJson.tree(run, settings));
    }

    /** Writes {@link #toJson(RunResult, java.util.Map)} to {@code file} (atomically; parent folders are created). */
    public static void write(RunResult run, java.util.Map<String, String> settings, Path file) {
        AtomicFiles.write(file, toJson(run, settings));
    }

    /** Writes {@link #toJson} to {@code file} (atomically; parent folders are created). */
    public static void write(RunResult run, Path file) {
        AtomicFiles.write(file, toJson(run));
    }
}
