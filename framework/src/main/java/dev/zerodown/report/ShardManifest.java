package dev.zerodown.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.report.internal.AtomicFiles;
import dev.zerodown.report.internal.Json;
import dev.zerodown.report.internal.Text;
import org.apiguardian.api.API;

/**
 * {@code <reportDirectory>/<run>/shard.json}: what one shard of a check was given and what it found, so that
 * {@code merge} can tell a complete set of shards from an incomplete one (format in docs/nightly.md, versioned by
 * {@code schemaVersion}). The reports of each run it lists are in {@code pg<major>/} next to it.
 *
 * @param run     the check's run name (the module, the CLI's project folder)
 * @param shard   this shard, from 1 to {@code of}
 * @param of      how many shards the check was split into
 * @param runs    the runs this shard was given, in key order, each with its verdict
 * @param allRuns the keys of every run of the check, over all shards
 * @param commit  the commit the shard ran ({@code GITHUB_SHA}, {@code CI_COMMIT_SHA} or {@code .git}), or null
 * @param inputs  what the shards of one check must agree on
 */
@API(status = API.Status.INTERNAL)
public record ShardManifest(String run, int shard, int of, List<Run> runs, List<String> allRuns, String commit,
                            Inputs inputs) {
    /** The manifest's file name, in the run's folder. */
    public static final String FILE = "shard.json";
    /** The {@code schemaVersion} this class writes and reads. */
    public static final int SCHEMA_VERSION = 1;
    /** How the runs were dealt, written into every manifest. */
    public static final String ASSIGNMENT = "runs sorted by key, dealt round-robin from shard 1 + CRC32(run) mod n";

    public ShardManifest {
        runs = List.copyOf(runs);
        allRuns = List.copyOf(allRuns);
    }

    /**
     * One run of the shard.
     *
     * @param key             {@code <run>/pg<major>}
     * @param major           the PostgreSQL major
     * @param postgresVersion the server's version, such as {@code 17.6}
     * @param verdict         {@code safe} or {@code unsafe}
     * @param transitions     how many transitions ran
     * @param failure         the build failure's text when unsafe ({@code FailureMessage}), else null
     * @param warnings        the {@code failOn=warning} failure's text when a safe run has warnings, else null
     */
    public record Run(String key, int major, String postgresVersion, String verdict, int transitions, String failure,
                      String warnings) {
    }

    /**
     * What the shards of one check must agree on.
     *
     * @param settings   the effective settings but those a pipeline may set per shard ({@code shard},
     *                   {@code reportDirectory}, {@code history}, {@code failOn}, {@code jdbcUrl},
     *                   {@code allowExternal}), paths relative to the project
     * @param migrations SHA-256 of the migration steps (file names and statements)
     * @param files      SHA-256 of the rollout, invariants, seed, profile and workload files
     */
    public record Inputs(Map<String, String> settings, String migrations, String files) {
        public Inputs {
            settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }
    }

    /** {@code <run>/pg<major>}: a run's key, which is also its report folder below the report directory. */
    public static String key(String run, int major) {
        return Text.fileSafe(run) + "/pg" + major;
    }

    /** {@code 2/4}. */
    public String label() {
        return shard + "/" + of;
    }

    /** Writes {@code <reportDirectory>/<run>/shard.json} and returns it. */
    public Path write(Path reportDirectory) {
        return AtomicFiles.write(reportDirectory.resolve(Text.fileSafe(run)).resolve(FILE), Json.pretty(tree()));
    }

    /** Removes a manifest an earlier sharded run left in {@code <reportDirectory>/<run>/}, so its index does not show it. */
    public static void remove(Path reportDirectory, String run) {
        try {
            Files.deleteIfExists(reportDirectory.resolve(Text.fileSafe(run)).resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the old shard manifest of " + run + ": " + e.getMessage(), e);
        }
    }

    private ObjectNode tree() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode n = f.objectNode();
        n.put("schemaVersion", SCHEMA_VERSION);
        n.put("run", run);
        n.put("shard", shard);
        n.put("of", of);
        n.put("assignment", ASSIGNMENT);
        ArrayNode given = n.putArray("runs");
        for (Run r : runs) {
            ObjectNode o = given.addObject();
            o.put("key", r.key());
            o.put("major", r.major());
            o.put("postgresVersion", r.postgresVersion());
            o.put("verdict", r.verdict());
            o.put("transitions", r.transitions());
            o.put("failure", r.failure());
            o.put("warnings", r.warnings());
        }
        ArrayNode all = n.putArray("allRuns");
        allRuns.forEach(all::add);
        n.put("commit", commit);
        ObjectNode in = n.putObject("inputs");
        ObjectNode settings = in.putObject("settings");
        inputs.settings().forEach(settings::put);
        in.put("migrations", inputs.migrations());
        in.put("files", inputs.files());
        return n;
    }

    /** Reads a manifest; a file that is not one (or of another schema version) is a one-line error naming it. */
    public static ShardManifest read(Path file) {
        JsonNode n;
        try {
            n = Json.read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            throw new ConfigurationException("Shard manifest " + file + " cannot be read (" + e.getMessage()
                    + "); download the shard's report directory again");
        }
        if (n.path("schemaVersion").asInt(-1) != SCHEMA_VERSION || !n.path("run").isTextual()
                || !n.path("shard").isInt() || !n.path("of").isInt()) {
            throw new ConfigurationException("Shard manifest " + file + " is not a schemaVersion " + SCHEMA_VERSION
                    + " shard manifest; merge shards written by this Zerodown version");
        }
        List<Run> runs = new ArrayList<>();
        for (JsonNode r : n.path("runs")) {
            runs.add(new Run(r.path("key").asText(), r.path("major").asInt(), r.path("postgresVersion").asText(),
                    r.path("verdict").asText(), r.path("transitions").asInt(), text(r.path("failure")),
                    text(r.path("warnings"))));
        }
        List<String> all = new ArrayList<>();
        n.path("allRuns").forEach(k -> all.add(k.asText()));
        Map<String, String> settings = new LinkedHashMap<>();
        n.path("inputs").path("settings").fields().forEachRemaining(e -> settings.put(e.getKey(), text(e.getValue())));
        JsonNode in = n.path("inputs");
        return new ShardManifest(n.path("run").asText(), n.path("shard").asInt(), n.path("of").asInt(), runs, all,
                text(n.path("commit")), new Inputs(settings, text(in.path("migrations")), text(in.path("files"))));
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }
}
