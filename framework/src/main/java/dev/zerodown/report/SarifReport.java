package dev.zerodown.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.hazards.Recipes;
import dev.zerodown.hazards.Severity;
import dev.zerodown.report.internal.AtomicFiles;
import dev.zerodown.report.internal.Json;
import dev.zerodown.report.internal.Text;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.TransitionResult;
import org.apiguardian.api.API;

/**
 * {@code report.sarif}: the run's error and warning hazards as SARIF 2.1.0, for GitHub code scanning
 * ({@code github/codeql-action/upload-sarif}) and other SARIF viewers. One result per hazard, its rule the
 * hazard id (every id is a rule, with the catalogue's description and the safe recipe), its location the
 * migration file from the project root and the statement's line; an acknowledged hazard is a result with
 * an in-source suppression. {@code partialFingerprints} hash what stays the same from run to run (the id,
 * the file, the statement, the transition), never lines, timings or counts.
 */
@API(status = API.Status.INTERNAL)
public final class SarifReport {
    /** The SARIF version written. */
    public static final String VERSION = "2.1.0";
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    /** The key of the fingerprint in {@code partialFingerprints}. */
    public static final String FINGERPRINT = "zerodownHazard/v1";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Properties DESCRIPTIONS = descriptions();

    private SarifReport() {
    }

    /** The report as indented JSON text ending with a newline. */
    public static String toSarif(RunResult run, SourceFiles sources) {
        ObjectNode log = F.objectNode();
        log.put("$schema", SCHEMA);
        log.put("version", VERSION);
        ObjectNode sarifRun = log.putArray("runs").addObject();
        ObjectNode driver = sarifRun.putObject("tool").putObject("driver");
        driver.put("name", "Zerodown");
        driver.put("semanticVersion", version());
        ArrayNode rules = driver.putArray("rules");
        for (HazardId id : HazardId.values()) {
            rules.add(rule(id));
        }
        sarifRun.putObject("automationDetails").put("id", "zerodown/" + Text.fileSafe(run.name()) + "/pg"
                + run.postgresMajor() + "/");
        ArrayNode results = sarifRun.putArray("results");
        String lastStep = null;
        for (TransitionResult t : run.transitions()) {
            lastStep = t.step() != null ? t.step() : lastStep;
            for (Hazard h : t.hazards()) {
                if (h.severity() != Severity.OFF) {
                    results.add(result(h, t, run, sources, lastStep));
                }
            }
        }
        return Json.pretty(log);
    }

    /** Writes {@link #toSarif} to {@code file} (atomically; parent folders are created). */
    public static void write(RunResult run, SourceFiles sources, Path file) {
        AtomicFiles.write(file, toSarif(run, sources));
    }

    private static ObjectNode rule(HazardId id) {
        ObjectNode r = F.objectNode();
        r.put("id", id.id());
        r.put("name", ruleName(id));
        r.putObject("shortDescription").put("text", DESCRIPTIONS.getProperty(id.id(), id.id()));
        String recipe = Recipes.of(id);
        if (recipe != null) {
            r.putObject("fullDescription").put("text", Text.oneLine(recipe));
            r.putObject("help").put("text", "Safe recipe: " + Text.oneLine(recipe));
        }
        r.putObject("defaultConfiguration").put("level", level(id.defaultSeverity()));
        r.putObject("properties").putArray("tags").add("zerodown").add("postgresql").add("migration");
        return r;
    }

    private static ObjectNode result(Hazard h, TransitionResult t, RunResult run, SourceFiles sources, String lastStep) {
        ObjectNode r = F.objectNode();
        r.put("ruleId", h.id().id());
        r.put("ruleIndex", h.id().ordinal());
        r.put("level", level(h.severity()));
        r.putObject("message").put("text", message(h, t, run));
        String file = h.file() != null ? h.file() : lastStep;
        if (file != null) {
            ObjectNode physical = r.putArray("locations").addObject().putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", uri(sources.path(file)));
            physical.putObject("region").put("startLine", h.file() != null && h.line() != null ? h.line() : 1);
        }
        r.putObject("partialFingerprints").put(FINGERPRINT, fingerprint(h, t, sources.path(file == null ? "" : file)));
        if (h.acknowledged()) {
            ObjectNode s = r.putArray("suppressions").addObject();
            s.put("kind", "inSource");
            s.put("justification", Text.oneLine(h.reason()));
        }
        ObjectNode p = r.putObject("properties");
        p.put("transition", t.name());
        p.put("postgresVersion", run.postgresVersion());
        if (h.relation() != null) {
            p.put("relation", h.relation());
        }
        if (h.statement() != null) {
            p.put("statement", h.statement());
        }
        return r;
    }

    private static String message(Hazard h, TransitionResult t, RunResult run) {
        String message = Text.oneLine(h.message());
        StringBuilder b = new StringBuilder(message.isEmpty() ? h.id().id() : message);
        b.append(" (").append(t.name()).append(", PostgreSQL ").append(run.postgresMajor()).append(')');
        if (h.evidence() != null) {
            b.append("\nMeasured: ").append(Text.oneLine(h.evidence()));
        }
        if (h.recipe() != null) {
            b.append("\nSafe recipe: ").append(Text.oneLine(h.recipe()));
        }
        if (h.acknowledged()) {
            b.append("\nAcknowledged: ").append(Text.oneLine(h.reason()));
        }
        return b.toString();
    }

    /**
     * SHA-256 of what identifies the finding across runs: the id, the file, the statement (blanks
     * collapsed), the relation, the transition, and the message with its figures taken out.
     */
    static String fingerprint(Hazard h, TransitionResult t, String path) {
        String text = String.join("\u0000", h.id().id(), path,
                h.statement() == null ? "" : h.statement().strip().replaceAll("\\s+", " "),
                h.relation() == null ? "" : h.relation(), t.name(),
                h.message() == null ? "" : Text.oneLine(h.message()).replaceAll("\\d+", "#"));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A relative URI reference: each path segment percent-encoded where it must be. */
    static String uri(String path) {
        StringBuilder b = new StringBuilder();
        for (byte c : path.getBytes(StandardCharsets.UTF_8)) {
            int u = c & 0xff;
            if (Character.isLetterOrDigit(u) && u < 128 || "/-._~".indexOf(u) >= 0) {
                b.append((char) u);
            } else {
                b.append('%').append(String.format("%02X", u));
            }
        }
        String s = b.toString();
        return path.startsWith("/") ? "file://" + s : s;
    }

    static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case OFF -> "none";
        };
    }

    /** {@code non-concurrent-index} → {@code NonConcurrentIndex}. */
    private static String ruleName(HazardId id) {
        StringBuilder b = new StringBuilder();
        for (String part : id.id().split("-")) {
            b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return b.toString();
    }

    private static String version() {
        String v = SarifReport.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    private static Properties descriptions() {
        Properties p = new Properties();
        try (InputStream in = SarifReport.class.getResourceAsStream("hazards.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
