package dev.zerodown.migrations;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.EnvironmentException;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a Flyway-style migrations folder into {@link MigrationStep}s: {@code V<version>__<description>.sql}
 * in version order, then {@code R__<description>.sql} by description; per-script {@code .sql.conf};
 * {@code ${name}} placeholders; each script split into statements with Flyway's PostgreSQL parser.
 * Needs no database.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class MigrationLoader {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationLoader.class);
    private final LiquibaseFilter liquibase;

    public MigrationLoader() {
        this(LiquibaseFilter.NONE);
    }

    private MigrationLoader(LiquibaseFilter liquibase) {
        this.liquibase = liquibase;
    }

    /**
     * A loader that reads Liquibase changelogs as an {@code update --contexts=… --labels=…} runs them: only the
     * changesets whose {@code context} and {@code labels} match (settings {@code liquibaseContexts},
     * {@code liquibaseLabels}; null or blank: every changeset, as in Liquibase). Other formats are unaffected.
     */
    public MigrationLoader withLiquibase(String contexts, String labels) {
        return new MigrationLoader(new LiquibaseFilter(contexts, labels));
    }

    /**
     * @param locations    Flyway locations: a folder path, {@code filesystem:<path>} or {@code classpath:<path>};
     *                     an entry may hold several separated by commas. Subfolders are scanned too.
     * @param placeholders values for {@code ${name}} placeholders (names are case-insensitive)
     * @param classLoader  where {@code classpath:} locations are looked up (null: this library's own)
     * @return the steps in the order Flyway applies them
     * @throws ConfigurationException for a missing folder, a misnamed migration file, a duplicate version,
     *                                a bad {@code .sql.conf}, an unknown placeholder or acknowledgement
     * @throws EnvironmentException   when a location exists but cannot be read
     */
    public List<MigrationStep> load(List<String> locations, Map<String, String> placeholders, ClassLoader classLoader) {
        return load(MigrationsFormat.FLYWAY, locations, placeholders, classLoader);
    }

    /**
     * Loads migrations laid out in {@code format}: Flyway's as {@link #load(List, Map, ClassLoader)} does, the
     * others as docs/migration-formats.md describes (placeholders apply to Flyway scripts only).
     */
    public List<MigrationStep> load(MigrationsFormat format, List<String> locations, Map<String, String> placeholders,
                                    ClassLoader classLoader) {
        if (format != null && format != MigrationsFormat.FLYWAY) {
            List<MigrationStep> steps = FormatLoader.load(format, Location.parseAll(locations), classLoader, liquibase);
            LOG.debug("Loaded {} {} migration steps from {}", steps.size(), format, locations);
            return steps;
        }
        List<Candidate> versioned = new ArrayList<>();
        List<Candidate> repeatable = new ArrayList<>();
        for (Location location : Location.parseAll(locations)) {
            for (Candidate c : candidates(location, classLoader)) {
                (c.name().repeatable() ? repeatable : versioned).add(c);
            }
        }
        if (versioned.isEmpty() && repeatable.isEmpty()) {
            throw new ConfigurationException("No migrations found in " + String.join(", ", locations)
                    + "; expected files named V<version>__<description>.sql (e.g. V1__create_users.sql)");
        }
        versioned.sort((a, b) -> MigrationName.compareVersions(a.name().version(), b.name().version()));
        repeatable.sort(Comparator.comparing((Candidate c) -> c.name().description()));
        rejectDuplicates(versioned, repeatable);

        Placeholders values = new Placeholders(placeholders == null ? Map.of() : placeholders);
        List<MigrationStep> steps = new ArrayList<>();
        for (Candidate c : versioned) {
            steps.add(step(c, values));
        }
        for (Candidate c : repeatable) {
            steps.add(step(c, values));
        }
        LOG.debug("Loaded {} migration steps from {}", steps.size(), locations);
        return List.copyOf(steps);
    }

    /** The migration scripts of one location, each with its {@code .sql.conf} if it has one. */
    private static List<Candidate> candidates(Location location, ClassLoader classLoader) {
        List<LocationScanner.ScriptFile> files = LocationScanner.scan(location, classLoader);
        Map<String, LocationScanner.ScriptFile> confs = new HashMap<>();
        files.stream().filter(f -> f.relativePath().endsWith(".conf")).forEach(f -> confs.put(f.relativePath(), f));
        List<Candidate> out = new ArrayList<>();
        for (LocationScanner.ScriptFile f : files) {
            if (!f.relativePath().endsWith(".conf")) {
                MigrationName.parse(f.fileName(), f.displayPath())
                        .ifPresent(name -> out.add(new Candidate(name, f, confs.get(f.relativePath() + ".conf"))));
            }
        }
        Set<LocationScanner.ScriptFile> used = new HashSet<>();
        out.forEach(c -> used.add(c.conf()));
        confs.values().stream().filter(conf -> !used.contains(conf)).forEach(conf -> LOG.warn(
                "{}: no migration script of that name next to it, so it applies to nothing", conf.displayPath()));
        return out;
    }

    private record Candidate(MigrationName name, LocationScanner.ScriptFile file, LocationScanner.ScriptFile conf) {
    }

    private static void rejectDuplicates(List<Candidate> versioned, List<Candidate> repeatable) {
        for (int i = 1; i < versioned.size(); i++) {
            Candidate a = versioned.get(i - 1);
            Candidate b = versioned.get(i);
            if (MigrationName.compareVersions(a.name().version(), b.name().version()) == 0) {
                throw new ConfigurationException("Duplicate migration version " + b.name().version() + ": "
                        + describe(a, b) + "; give each migration file its own version");
            }
        }
        for (int i = 1; i < repeatable.size(); i++) {
            Candidate a = repeatable.get(i - 1);
            Candidate b = repeatable.get(i);
            if (a.name().description().equals(b.name().description())) {
                throw new ConfigurationException("Duplicate repeatable migration '" + b.name().description() + "': "
                        + describe(a, b) + "; give each repeatable migration its own description");
            }
        }
    }

    private static String describe(Candidate a, Candidate b) {
        String x = a.file().displayPath();
        String y = b.file().displayPath();
        return x.equals(y) ? a.file().origin() + " and " + b.file().origin() : x + " and " + y;
    }

    private static MigrationStep step(Candidate c, Placeholders placeholders) {
        LocationScanner.ScriptFile f = c.file();
        ScriptConfig config = c.conf() == null ? ScriptConfig.DEFAULT
                : ScriptConfig.parse(decode(c.conf().content(), StandardCharsets.UTF_8, c.conf().displayPath()),
                        c.conf().displayPath());
        String text = decode(f.content(), config.encoding(), f.displayPath());
        List<SqlStatement> statements = ScriptParser.parse(text, config, placeholders, f.fileName(), f.displayPath());
        if (Boolean.TRUE.equals(config.executeInTransaction())) {
            rejectForcedTransaction(statements, c);
        }
        return new MigrationStep(c.name().version(), c.name().description(), f.fileName(), f.displayPath(),
                statements, !Boolean.FALSE.equals(config.executeInTransaction()), null, MigrationStep.flywayChecksum(text));
    }

    /** Flyway obeys an explicit {@code executeInTransaction=true}, and PostgreSQL then refuses the statement. */
    private static void rejectForcedTransaction(List<SqlStatement> statements, Candidate c) {
        for (SqlStatement s : statements) {
            if (!s.transactional()) {
                throw new ConfigurationException(c.conf().displayPath() + " sets executeInTransaction=true, but "
                        + c.file().displayPath() + ":" + s.line() + " cannot run inside a transaction block ("
                        + s.summary() + "); remove that line or set executeInTransaction=false");
            }
        }
    }

    static String decode(byte[] bytes, Charset charset, String displayPath) {
        try {
            String text = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new ConfigurationException(displayPath + ": not valid " + charset.name()
                    + "; save it as " + charset.name() + " or set encoding=<charset> in its .sql.conf");
        }
    }
}
