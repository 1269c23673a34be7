package dev.zerodown.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import dev.zerodown.hazards.Severity;
import dev.zerodown.report.internal.Text;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.TransitionResult;
import org.apiguardian.api.API;

/**
 * GitHub Actions workflow commands that pin hazards to the pull request's diff: {@code ::error} for
 * each hazard that makes the run unsafe, {@code ::warning} for warnings, {@code ::notice} for
 * acknowledged hazards. Print them to standard output when {@code GITHUB_ACTIONS=true}.
 */
@API(status = API.Status.INTERNAL)
public final class GithubAnnotations {
    private GithubAnnotations() {
    }

    /**
     * @param baseDir the folder the hazards' file names are relative to (the migrations folder), as the
     *                path from the repository root; {@code null} or empty leaves the names as they are
     */
    public static List<String> lines(RunResult run, Path baseDir) {
        Set<String> out = new LinkedHashSet<>();
        for (TransitionResult t : run.transitions()) {
            for (Hazard h : t.hazards()) {
                String command = command(h);
                if (command != null) {
                    out.add(line(command, h, t, run, baseDir));
                }
            }
        }
        return List.copyOf(new ArrayList<>(out));
    }

    private static String command(Hazard h) {
        if (h.severity() == Severity.OFF) {
            return null;
        }
        if (h.acknowledged()) {
            return "notice";
        }
        return h.severity() == Severity.ERROR ? "error" : "warning";
    }

    private static String line(String command, Hazard h, TransitionResult t, RunResult run, Path baseDir) {
        List<String> props = new ArrayList<>();
        if (h.file() != null) {
            props.add("file=" + property(path(baseDir, h.file())));
            if (h.line() != null) {
                props.add("line=" + h.line());
            }
        }
        props.add("title=" + property(h.id().id()));
        StringBuilder msg = new StringBuilder();
        String message = Text.oneLine(h.message());
        msg.append(message.isEmpty() ? h.id().id() : message).append(" (").append(t.name()).append(", PostgreSQL ")
                .append(run.postgresMajor()).append(')');
        if (h.acknowledged()) {
            msg.append("\nAcknowledged: ").append(Text.oneLine(h.reason()));
        }
        if (h.evidence() != null) {
            msg.append("\nMeasured: ").append(Text.oneLine(h.evidence()));
        }
        if (h.recipe() != null) {
            msg.append("\nSafe recipe: ").append(Text.oneLine(h.recipe()));
        }
        return "::" + command + " " + String.join(",", props) + "::" + data(msg.toString());
    }

    private static String path(Path baseDir, String file) {
        String base = baseDir == null ? "" : baseDir.toString().replace('\\', '/');
        if (base.isEmpty() || file.startsWith("/") || file.contains(":")) {
            return file;
        }
        return Path.of(base).resolve(file).normalize().toString().replace('\\', '/');
    }

    /** Escapes a workflow command's message. */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escapes a workflow command's property value. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
