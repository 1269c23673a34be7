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
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.EnvironmentException;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a Flyway-style migrations folder into {@link MigrationStep}s: {@code V<version>__<description>.sql}
 * in version order, then {@code R__<description>.sql} by description; a {@code B<version>__} baseline
 * migration in place of the versions it stands for; per-script {@code .sql.conf}; {@code ${name}}
 * placeholders; each script split into statements with Flyway's PostgreSQL parser; SQL callbacks
 * ({@code beforeMigrate.sql}, …) apart from the steps. Needs no database.
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
     * @return the steps in the order Flyway applies them to an empty database
     * @throws ConfigurationException for a missing folder, a misnamed migration file, a duplicate version,
     *                                a bad {@code .sql.conf}, an unknown placeholder or acknowledgement, a Java migration
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
        return read(format, locations, placeholders, classLoader).steps();
    }

    /**
     * Everything a {@code migrate} reads from the locations: the steps as {@link #load} returns them, the scripts a
     * baseline migration stands for, and the SQL callbacks (Flyway's format only; the others have none).
     */
    public Migrations read(MigrationsFormat format, List<String> locations, Map<String, String> placeholders,
                           ClassLoader classLoader) {
        if (format != null && format != MigrationsFormat.FLYWAY) {
            List<MigrationStep> steps = FormatLoader.load(format, Location.parseAll(locations), classLoader, liquibase);
            LOG.debug("Loaded {} {} migration steps from {}", steps.size(), format, locations);
            return Migrations.of(steps);
        }
        Scanned scanned = new Scanned();
        for (Location location : Location.parseAll(locations)) {
            scan(location, classLoader, scanned);
        }
        if (scanned.versioned.isEmpty() && scanned.repeatable.isEmpty() && scanned.baselines.isEmpty()) {
            throw new ConfigurationException("No migrations found in " + String.join(", ", locations)
                    + "; expected files named V<version>__<description>.sql (e.g. V1__create_users.sql)");
        }
        Comparator<Candidate> byVersion = (a, b) -> MigrationName.compareVersions(a.name().version(), b.name().version());
        scanned.versioned.sort(byVersion);
        scanned.baselines.sort(byVersion);
        scanned.repeatable.sort(Comparator.comparing((Candidate c) -> c.name().description()));
        rejectDuplicates(scanned.versioned, scanned.repeatable);
        rejectDuplicates(scanned.baselines, List.of());

        Placeholders values = new Placeholders(placeholders == null ? Map.of() : placeholders);
        Candidate baseline = scanned.baselines.isEmpty() ? null : scanned.baselines.get(scanned.baselines.size() - 1);
        List<MigrationStep> steps = new ArrayList<>();
        List<MigrationStep> superseded = new ArrayList<>();
        if (baseline != null) {
            steps.add(step(baseline, values));
            scanned.baselines.subList(0, scanned.baselines.size() - 1).forEach(c -> superseded.add(step(c, values)));
        }
        for (Candidate c : scanned.versioned) {
            boolean covered = baseline != null
                    && MigrationName.compareVersions(c.name().version(), baseline.name().version()) <= 0;
            (covered ? superseded : steps).add(step(c, values));
        }
        for (Candidate c : scanned.repeatable) {
            steps.add(step(c, values));
        }
        superseded.sort(Comparator.comparing(MigrationStep::version, MigrationName::compareVersions)
                .thenComparing(MigrationStep::baselineMigration));
        if (baseline != null) {
            LOG.debug("{} is a baseline migration: it stands for {}", baseline.file().displayPath(),
                    superseded.stream().map(MigrationStep::fileName).toList());
        }
        Callbacks callbacks = callbacks(scanned.callbacks, values);
        LOG.debug("Loaded {} migration steps and {} callbacks from {}", steps.size(), callbacks.all().size(), locations);
        return new Migrations(steps, superseded, callbacks);
    }

    /** What the locations hold, sorted by kind. */
    private static final class Scanned {
        final List<Candidate> versioned = new ArrayList<>();
        final List<Candidate> baselines = new ArrayList<>();
        final List<Candidate> repeatable = new ArrayList<>();
        final List<CallbackFile> callbacks = new ArrayList<>();
    }

    /** The scripts of one location, each with its {@code .sql.conf} if it has one. */
    private static void scan(Location location, ClassLoader classLoader, Scanned out) {
        List<LocationScanner.ScriptFile> files = LocationScanner.scan(location, classLoader);
        Map<String, LocationScanner.ScriptFile> confs = new HashMap<>();
        files.stream().filter(f -> f.relativePath().endsWith(".conf")).forEach(f -> confs.put(f.relativePath(), f));
        Set<LocationScanner.ScriptFile> used = new HashSet<>();
        for (LocationScanner.ScriptFile f : files) {
            if (f.relativePath().endsWith(".conf")) {
                continue;
            }
            if (JavaMigrations.isCandidate(f.fileName())) {
                JavaMigrations.reject(f, location);
                continue;
            }
            LocationScanner.ScriptFile conf = confs.get(f.relativePath() + ".conf");
            Optional<CallbackFile> callback = CallbackFile.parse(f, conf);
            if (callback.isPresent()) {
                out.callbacks.add(callback.get());
                used.add(conf);
                continue;
            }
            Optional<MigrationName> name = MigrationName.parse(f.fileName(), f.displayPath());
            if (name.isPresent()) {
                Candidate c = new Candidate(name.get(), f, conf);
                (c.name().repeatable() ? out.repeatable : c.name().baseline() ? out.baselines : out.versioned).add(c);
                used.add(conf);
            }
        }
        confs.values().stream().filter(conf -> !used.contains(conf)).forEach(conf -> LOG.warn(
                "{}: no migration script of that name next to it, so it applies to nothing", conf.displayPath()));
    }

    private record Candidate(MigrationName name, LocationScanner.ScriptFile file, LocationScanner.ScriptFile conf) {
    }

    /** A callback script found in a location, not parsed yet. */
    private record CallbackFile(CallbackEvent event, String description, LocationScanner.ScriptFile file,
                                LocationScanner.ScriptFile conf) {
        private static final Pattern NAME = Pattern.compile("([A-Za-z]+)(?:__(.*))?\\.sql");

        static Optional<CallbackFile> parse(LocationScanner.ScriptFile f, LocationScanner.ScriptFile conf) {
            Matcher m = NAME.matcher(f.fileName());
            if (!m.matches()) {
                return Optional.empty();
            }
            Optional<CallbackEvent> event = CallbackEvent.of(m.group(1));
            if (event.isEmpty()) {
                if (m.group(1).matches("(?i)(before|after)[A-Za-z]+")) {
                    LOG.warn("{}: named like a Flyway callback, but '{}' is no callback event of Flyway's (such as"
                            + " beforeMigrate, afterEachMigrate, afterMigrate), so Flyway and Zerodown ignore it",
                            f.displayPath(), m.group(1));
                }
                return Optional.empty();
            }
            String description = m.group(2) == null ? null : m.group(2).replace('_', ' ');
            return Optional.of(new CallbackFile(event.get(), description, f, conf));
        }

        /** The name Flyway compares to find two callbacks of one name: the file name without {@code .sql}. */
        String key() {
            return file.fileName().substring(0, file.fileName().length() - 4);
        }
    }

    private static Callbacks callbacks(List<CallbackFile> files, Placeholders placeholders) {
        Map<String, CallbackFile> seen = new HashMap<>();
        List<Callbacks.Callback> out = new ArrayList<>();
        for (CallbackFile f : files) {
            CallbackFile other = seen.putIfAbsent(f.key(), f);
            if (other != null) {
                throw new ConfigurationException("Two SQL callbacks named " + f.file().fileName() + ": "
                        + other.file().displayPath() + " and " + f.file().displayPath()
                        + "; Flyway refuses that too: keep one, or give each a description (" + f.event().id()
                        + "__<description>.sql)");
            }
            MigrationStep script = step(new Candidate(new MigrationName(null, f.key(), false), f.file(), f.conf()),
                    placeholders);
            if (f.event().skippedDuringMigrate()) {
                LOG.warn("{}: Flyway runs {} callbacks during a migrate, Zerodown does not: what this script does is"
                        + " not part of the check", f.file().displayPath(), f.event().id());
            } else if (!f.event().runs()) {
                LOG.debug("{}: a {} callback, for a Flyway command other than migrate; not run", f.file().displayPath(),
                        f.event().id());
            }
            out.add(new Callbacks.Callback(f.event(), f.description(), script));
        }
        return new Callbacks(out);
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
                statements, !Boolean.FALSE.equals(config.executeInTransaction()), null, MigrationStep.flywayChecksum(text),
                c.name().baseline());
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
