package dev.zerodown.project;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import dev.zerodown.engine.CompatibilityRun.RunOutcome;
import dev.zerodown.report.ConsoleReport;
import dev.zerodown.report.GithubAnnotations;
import dev.zerodown.report.ReportFiles;

/**
 * Shows one run as soon as it is known: the console table, where the report files are, and on
 * GitHub Actions the {@code ::error file=…,line=…::} lines that pin hazards to the pull request's diff.
 */
final class RunDisplay {
    private final CheckInputs inputs;
    private final CheckLog log;
    private final Map<String, String> env;
    private final PrintStream stdout;

    RunDisplay(CheckInputs inputs, CheckLog log, Map<String, String> env, PrintStream stdout) {
        this.inputs = inputs;
        this.log = log;
        this.env = env;
        this.stdout = stdout;
    }

    void show(RunOutcome outcome) {
        ConsoleReport.render(outcome.result(), false).lines().forEach(log::info);
        ReportFiles files = outcome.reports();
        if (files != null) {
            log.info("Report: " + files.json());
            if (files.html() != null) {
                log.info("Timeline: " + files.html());
            }
            if (files.junitXml() != null) {
                log.info("Surefire XML: " + files.junitXml());
            }
            if (files.sarif() != null) {
                log.info("SARIF: " + files.sarif());
            }
        }
        if ("true".equalsIgnoreCase(env.get("GITHUB_ACTIONS"))) {
            GithubAnnotations.lines(outcome.result(), annotationBase()).forEach(stdout::println);
            stdout.flush();
        }
    }

    /** The repository root file paths are shown from: GITHUB_WORKSPACE when the project is inside it, else the project. */
    static Path repositoryRoot(CheckInputs inputs, Map<String, String> env) {
        String workspace = env.get("GITHUB_WORKSPACE");
        if (workspace == null || workspace.isBlank()) {
            return inputs.basedir();
        }
        Path root = Path.of(workspace).toAbsolutePath().normalize();
        return inputs.basedir().startsWith(root) ? root : inputs.basedir();
    }

    /** The migrations folder as a path from the repository root (GITHUB_WORKSPACE, else the module). */
    Path annotationBase() {
        if (inputs.migrationFolders().isEmpty()) {
            return null;
        }
        Path root = repositoryRoot(inputs, env);
        Path folder = inputs.migrationFolders().get(0);
        return folder.startsWith(root) ? root.relativize(folder) : folder;
    }
}
