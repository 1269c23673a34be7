package dev.zerodown.project;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.zerodown.config.ConfigurationException;
import org.apiguardian.api.API;

/**
 * The Flyway configuration a project already has, read where Flyway users keep it, so that a check
 * runs the migrations as Flyway would without repeating their settings: {@code flyway.toml} and
 * {@code flyway.conf} in the project's folder or its {@code conf/} folder, and Spring Boot's
 * {@code spring.flyway.*} in {@code src/main/resources/application.properties}, {@code .yml} or
 * {@code .yaml}. What Zerodown uses becomes settings (each overridden by Zerodown's own setting of
 * that name); what would make Zerodown read other files than Flyway is an error; what it does not
 * use is named in one line. Credentials are never read into anything that is logged.
 */
@API(status = API.Status.INTERNAL)
public final class FlywayConfig {
    /** Where Flyway users keep their configuration, relative to the project's folder, in the order read. */
    static final List<String> FILES = List.of("flyway.toml", "conf/flyway.toml", "flyway.conf", "conf/flyway.conf",
            "src/main/resources/application.properties", "src/main/resources/application.yml",
            "src/main/resources/application.yaml");

    /** Keys that name where Flyway connects: never used, never shown. */
    private static final Set<String> CONNECTION = Set.of("url", "user", "password", "driver", "connectRetries",
            "connectRetriesInterval", "initSql", "jdbcProperties", "environment", "enabled", "token");

    /**
     * Keys whose non-default value makes Flyway read other files or other text than Zerodown does: with
     * them, a check would judge different migrations, so they are refused (value = Flyway's default).
     */
    private static final Map<String, String> REFUSED = Map.of(
            "sqlMigrationPrefix", "V", "sqlMigrationSeparator", "__", "sqlMigrationSuffixes", ".sql",
            "repeatableSqlMigrationPrefix", "R", "placeholderPrefix", "${", "placeholderSuffix", "}",
            "placeholderSeparator", ":", "placeholderReplacement", "true");

    /** Keys that change nothing Zerodown measures, or that it applies its own way: named once, in one line. */
    private static final Set<String> NOT_APPLIED = Set.of("schemas", "defaultSchema", "createSchemas", "baselineVersion",
            "baselineOnMigrate", "baselineDescription", "target", "outOfOrder", "cleanDisabled", "validateOnMigrate",
            "validateMigrationNaming", "ignoreMigrationPatterns", "group", "installedBy", "callbacks", "encoding",
            "lockRetryCount", "executeInTransaction", "skipDefaultCallbacks", "failOnMissingLocations");

    /** One configuration file that was read. */
    record Source(Path file, String flavour, Map<String, String> values) {
    }

    private final List<Source> sources;
    private final Map<String, String> parameters;
    private final List<String> notes;

    private FlywayConfig(List<Source> sources, Map<String, String> parameters, List<String> notes) {
        this.sources = List.copyOf(sources);
        this.parameters = Map.copyOf(parameters);
        this.notes = List.copyOf(notes);
    }

    /** No Flyway configuration. */
    public static FlywayConfig none() {
        return new FlywayConfig(List.of(), Map.of(), List.of());
    }

    /**
     * Reads every Flyway configuration file of the project.
     *
     * @throws ConfigurationException naming the file and key when a file cannot be read, two files disagree,
     *                                or a key would make Flyway and Zerodown read different migrations
     */
    public static FlywayConfig read(Path basedir) {
        List<Source> sources = new ArrayList<>();
        for (String name : FILES) {
            Path file = basedir.resolve(name);
            if (Files.isRegularFile(file)) {
                Source s = parse(file, basedir.relativize(file).toString().replace('\\', '/'));
                if (!s.values().isEmpty()) {
                    sources.add(s);
                }
            }
        }
        return of(sources, basedir);
    }

    static FlywayConfig of(List<Source> sources, Path basedir) {
        Map<String, String> merged = new LinkedHashMap<>();
        Map<String, Path> from = new LinkedHashMap<>();
        for (Source s : sources) {
            for (Map.Entry<String, String> e : s.values().entrySet()) {
                String key = e.getKey();
                String before = merged.putIfAbsent(key, e.getValue());
                if (before != null && !before.equals(e.getValue()) && !CONNECTION.contains(key)) {
                    throw new ConfigurationException(basedir.relativize(s.file()) + " sets " + s.flavour() + key + " to `"
                            + e.getValue() + "` but " + basedir.relativize(from.get(key)) + " sets it to `" + before
                            + "`; make them agree, or set the Zerodown setting to choose");
                }
                from.putIfAbsent(key, s.file());
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        Map<String, String> placeholders = new LinkedHashMap<>();
        Set<String> notApplied = new TreeSet<>();
        Set<String> unknown = new TreeSet<>();
        for (Map.Entry<String, String> e : merged.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            Source source = sources.stream().filter(s -> s.file().equals(from.get(key))).findFirst().orElseThrow();
            if (key.startsWith("placeholders.")) {
                placeholders.put(key.substring("placeholders.".length()), value);
            } else if (key.equals("locations")) {
                parameters.put("migrations", value.replace("{vendor}", "postgresql"));
            } else if (key.equals("table")) {
                parameters.put("flywayTable", value);
            } else if (key.equals("mixed")) {
                parameters.put("mixed", value);
            } else if (REFUSED.containsKey(key)) {
                if (!REFUSED.get(key).equals(value)) {
                    throw new ConfigurationException(basedir.relativize(source.file()) + ": " + source.flavour() + key + " = `"
                            + value + "` is not supported (Zerodown reads Flyway's default naming and placeholder syntax,"
                            + " so it would check other files or other text than Flyway runs); remove it or keep Flyway's default `"
                            + REFUSED.get(key) + "`");
                }
            } else if (NOT_APPLIED.contains(key)) {
                notApplied.add(key);
            } else if (!CONNECTION.contains(key)) {
                unknown.add(key);
            }
        }
        String schema = defaultSchema(merged);
        if (schema != null) {
            placeholders.putIfAbsent("flyway:defaultSchema", schema);
        }
        if (parameters.containsKey("flywayTable")) {
            placeholders.putIfAbsent("flyway:table", parameters.get("flywayTable"));
        }
        if (!placeholders.isEmpty()) {
            parameters.put("placeholders", placeholders.entrySet().stream().map(p -> p.getKey() + "=" + p.getValue())
                    .collect(Collectors.joining(",")));
        }
        List<String> notes = new ArrayList<>();
        if (!sources.isEmpty()) {
            notes.add("Flyway configuration read from " + sources.stream().map(s -> basedir.relativize(s.file()).toString())
                    .collect(Collectors.joining(", ")) + ": " + (parameters.isEmpty() ? "nothing Zerodown uses"
                    : String.join(", ", describe(parameters, placeholders))) + " (a Zerodown setting of the same name wins)");
        }
        if (!notApplied.isEmpty()) {
            notes.add("Flyway settings not applied by Zerodown: " + String.join(", ", notApplied)
                    + " (migrations run in the scratch database's default search_path; see docs/migrations.md)");
        }
        if (!unknown.isEmpty()) {
            notes.add("Flyway settings Zerodown does not read: " + String.join(", ", unknown));
        }
        return new FlywayConfig(sources, parameters, notes);
    }

    private static List<String> describe(Map<String, String> parameters, Map<String, String> placeholders) {
        List<String> out = new ArrayList<>();
        parameters.forEach((k, v) -> out.add(k.equals("placeholders") ? "placeholders (" + placeholders.size() + ")" : k + "=" + v));
        return out;
    }

    /** Flyway's default schema: {@code defaultSchema}, else the first of {@code schemas}. */
    private static String defaultSchema(Map<String, String> values) {
        String d = values.get("defaultSchema");
        if (d != null && !d.isBlank()) {
            return d.strip();
        }
        String schemas = values.get("schemas");
        return schemas == null || schemas.isBlank() ? null : schemas.split(",")[0].strip();
    }

    /** Settings taken from the Flyway configuration (setting name → value), before Zerodown's own settings. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** What was read, what is not applied: one line each, for the log. */
    public List<String> notes() {
        return notes;
    }

    List<Source> sources() {
        return sources;
    }

    // ---- reading the files ------------------------------------------------------------------------------

    static Source parse(Path file, String display) {
        String name = file.getFileName().toString();
        try {
            if (name.endsWith(".toml")) {
                return new Source(file, "", toml(new TomlMapper().readTree(file.toFile())));
            }
            if (name.endsWith(".yml") || name.endsWith(".yaml")) {
                return new Source(file, "spring.flyway.", spring(flatten(firstDocument(file))));
            }
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            Map<String, String> flat = new LinkedHashMap<>();
            p.stringPropertyNames().stream().sorted().forEach(k -> flat.put(k, p.getProperty(k)));
            return name.startsWith("application")
                    ? new Source(file, "spring.flyway.", spring(flat))
                    : new Source(file, "flyway.", prefixed(flat, "flyway."));
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationException(display + " cannot be read as Flyway configuration: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "; fix the file or move it away");
        }
    }

    private static JsonNode firstDocument(Path file) throws IOException {
        ObjectMapper yaml = new YAMLMapper();
        try (var parser = yaml.getFactory().createParser(file.toFile())) {
            JsonNode first = yaml.readTree(parser);
            return first == null ? yaml.createObjectNode() : first;
        }
    }

    /** {@code [flyway]} and {@code [flyway.placeholders]}, plus the schemas of {@code [environments.default]}. */
    private static Map<String, String> toml(JsonNode root) {
        Map<String, String> flat = flatten(root);
        Map<String, String> out = prefixed(flat, "flyway.");
        String environment = flat.getOrDefault("flyway.environment", "default");
        Map<String, String> env = prefixed(flat, "environments." + environment + ".");
        for (String key : List.of("schemas", "defaultSchema")) {
            if (env.containsKey(key)) {
                out.putIfAbsent(key, env.get(key));
            }
        }
        return out;
    }

    /** Spring Boot's {@code spring.flyway.*}, relaxed names (kebab case) as camel case. */
    private static Map<String, String> spring(Map<String, String> flat) {
        Map<String, String> out = new LinkedHashMap<>();
        prefixed(flat, "spring.flyway.").forEach((k, v) -> out.put(k.startsWith("placeholders.") ? k : camel(k), v));
        return out;
    }

    private static Map<String, String> prefixed(Map<String, String> flat, String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        flat.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.length() > prefix.length()) {
                out.put(k.substring(prefix.length()), v.strip());
            }
        });
        return out;
    }

    static String camel(String kebab) {
        StringBuilder out = new StringBuilder();
        boolean up = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-' || c == '_') {
                up = true;
            } else {
                out.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        String s = out.toString();
        return s.equals(s.toUpperCase(Locale.ROOT)) ? s.toLowerCase(Locale.ROOT) : s;
    }

    /** A tree as dotted keys; lists joined with commas (Flyway's list syntax in {@code flyway.conf}). */
    private static Map<String, String> flatten(JsonNode root) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", root, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(n -> items.add(n.asText()));
            out.put(prefix, String.join(",", items));
        } else if (!node.isNull()) {
            out.put(prefix, node.asText());
        }
    }
}
