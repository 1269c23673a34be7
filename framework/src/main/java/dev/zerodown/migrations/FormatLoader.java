package dev.zerodown.migrations;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.zerodown.config.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration layouts of other tools (diesel, golang-migrate, dbmate, Liquibase changelogs) as
 * {@link MigrationStep}s, each with its tool's own transaction rule (docs/migration-formats.md). Every
 * text is split by {@link ScriptParser} (the one splitter, the one comment rule); lines that are the
 * format's own markup are blanked first, so every statement keeps its line in the file. Liquibase's XML, YAML
 * and JSON changelogs arrive already rendered and split ({@link LiquibaseRender}).
 */
final class FormatLoader {
    private static final Logger LOG = LoggerFactory.getLogger(FormatLoader.class);
    /** The other formats have no placeholders and no per-script configuration: the text runs as written. */
    static final ScriptConfig AS_WRITTEN = new ScriptConfig(Boolean.FALSE, StandardCharsets.UTF_8, false);
    static final Placeholders NO_PLACEHOLDERS = new Placeholders(Map.of());

    private static final Pattern DIESEL_FOLDER = Pattern.compile("([0-9][0-9-]*)(?:_(.*))?");
    private static final Pattern GOLANG_MIGRATE = Pattern.compile("([0-9]+)_(.*)\\.(up|down)\\.sql");
    private static final Pattern GOLANG_MIGRATE_LIKE = Pattern.compile("(?i)[0-9]+_.*\\.sql");
    private static final Pattern DBMATE = Pattern.compile("([0-9]+)(.*)\\.sql");
    private static final Pattern DBMATE_UP = Pattern.compile("--\\s*migrate:up(.*)");
    private static final Pattern DBMATE_DOWN = Pattern.compile("--\\s*migrate:down(.*)");

    private FormatLoader() {
    }

    /** How the tool sends a migration to PostgreSQL. */
    enum Tx {
        /** In one explicit transaction: a statement PostgreSQL refuses in a transaction block fails. */
        TRANSACTION,
        /**
         * As one query string (one simple-query {@code Exec}): PostgreSQL runs a string of several
         * statements as one implicit transaction, so it is atomic, and refuses there a statement that
         * cannot run in a transaction block; a single statement runs on its own.
         */
        ONE_QUERY_STRING,
        /** Each statement on its own, in autocommit. */
        EACH_STATEMENT
    }

    /**
     * One migration before its statements are parsed.
     *
     * @param text   the file's text with every line that is not this migration's SQL blanked
     * @param fix    what to write so that a statement refused in a transaction runs, for messages
     * @param order  where it was declared, for duplicate messages
     * @param parsed the statements when they are already split (Liquibase's rendered SQL); null to split {@code text}
     */
    record Unit(String version, String description, String fileName, String location, String name, String text,
                Tx tx, String tool, String fix, String order, List<SqlStatement> parsed) {
        Unit(String version, String description, String fileName, String location, String name, String text,
             Tx tx, String tool, String fix, String order) {
            this(version, description, fileName, location, name, text, tx, tool, fix, order, null);
        }
    }

    static List<MigrationStep> load(MigrationsFormat format, List<Location> locations, ClassLoader classLoader,
                                    LiquibaseFilter liquibase) {
        List<Unit> units = new ArrayList<>();
        for (Location location : locations) {
            List<LocationScanner.ScriptFile> files = files(format, location, classLoader);
            switch (format) {
                case DIESEL -> units.addAll(diesel(files));
                case GOLANG_MIGRATE -> units.addAll(golangMigrate(files));
                case DBMATE -> units.addAll(dbmate(files));
                case LIQUIBASE -> units.addAll(LiquibaseChangelogs.units(location, files, liquibase, classLoader));
                default -> throw new IllegalArgumentException(format.id());
            }
        }
        if (units.isEmpty()) {
            throw new ConfigurationException("No " + format.id() + " migrations found in "
                    + String.join(", ", locations.stream().map(Location::written).toList()) + "; expected "
                    + expected(format) + " (migrationsFormat=" + format.id() + ")");
        }
        if (format == MigrationsFormat.LIQUIBASE) {
            units = LiquibaseChangelog.numbered(units);
        } else {
            units = new ArrayList<>(units);
            units.sort(Comparator.comparing(Unit::version, MigrationName::compareVersions));
            for (int i = 1; i < units.size(); i++) {
                Unit a = units.get(i - 1);
                Unit b = units.get(i);
                if (MigrationName.compareVersions(a.version(), b.version()) == 0) {
                    throw new ConfigurationException("Duplicate migration version " + b.version() + ": "
                            + a.order() + " and " + b.order() + "; give each migration its own version");
                }
            }
        }
        return units.stream().map(FormatLoader::step).toList();
    }

    static String expected(MigrationsFormat format) {
        return switch (format) {
            case DIESEL -> "folders <version>_<name>/up.sql (e.g. 2024-01-01-120000_create_users/up.sql)";
            case GOLANG_MIGRATE -> "files <version>_<title>.up.sql (e.g. 000001_create_users.up.sql)";
            case DBMATE -> "files <version>_<name>.sql with a '-- migrate:up' line (e.g. 20240101120000_create_users.sql)";
            case LIQUIBASE -> "Liquibase changelogs (.xml, .yaml, .yml, .json, or .sql starting with --liquibase formatted sql)";
            case FLYWAY -> MigrationName.EXPECTED;
        };
    }

    /** The files of a location; for Liquibase a location may also be one changelog file. */
    private static List<LocationScanner.ScriptFile> files(MigrationsFormat format, Location location, ClassLoader cl) {
        if (format == MigrationsFormat.LIQUIBASE && LiquibaseChangelogs.isFile(location)) {
            return List.of(LiquibaseChangelogs.file(location, cl));
        }
        List<LocationScanner.ScriptFile> files = LocationScanner.scan(location, cl);
        return format == MigrationsFormat.LIQUIBASE ? files
                : files.stream().filter(f -> !LiquibaseChangelogs.onlyLiquibase(f.fileName())).toList();
    }

    /** {@code <version>_<name>/up.sql}, {@code down.sql} ignored, {@code metadata.toml}'s {@code run_in_transaction}. */
    private static List<Unit> diesel(List<LocationScanner.ScriptFile> files) {
        Map<String, Map<String, LocationScanner.ScriptFile>> folders = new TreeMap<>();
        for (LocationScanner.ScriptFile f : files) {
            String[] parts = f.relativePath().split("/");
            if (parts.length == 2 && !parts[0].startsWith(".")) {
                folders.computeIfAbsent(parts[0], k -> new LinkedHashMap<>()).put(parts[1], f);
            }
        }
        List<Unit> out = new ArrayList<>();
        folders.forEach((folder, content) -> {
            LocationScanner.ScriptFile any = content.values().iterator().next();
            String folderPath = any.displayPath().substring(0, any.displayPath().length() - any.fileName().length() - 1);
            LocationScanner.ScriptFile up = content.get("up.sql");
            if (up == null) {
                throw new ConfigurationException(folderPath + ": no up.sql; a diesel migration folder"
                        + " <version>_<name>/ holds up.sql (and down.sql, which Zerodown does not run)");
            }
            Matcher m = DIESEL_FOLDER.matcher(folder);
            if (!m.matches()) {
                throw new ConfigurationException(folderPath + ": not a diesel migration folder name; expected "
                        + "<version>_<name>, the version made of digits and dashes (e.g. 2024-01-01-120000_create_users)");
            }
            LocationScanner.ScriptFile metadata = content.get("metadata.toml");
            boolean inTransaction = metadata == null || dieselRunInTransaction(metadata);
            String metadataPath = folderPath + "/metadata.toml";
            out.add(new Unit(m.group(1).replace("-", ""), description(m.group(2)), folder + "/up.sql",
                    up.displayPath(), folder, MigrationLoader.decode(up.content(), StandardCharsets.UTF_8, up.displayPath()),
                    inTransaction ? Tx.TRANSACTION : Tx.ONE_QUERY_STRING, "diesel",
                    "add " + metadataPath + " with run_in_transaction = false", up.displayPath()));
        });
        return out;
    }

    /** {@code run_in_transaction = true|false} of a diesel {@code metadata.toml}; other keys are ignored, as diesel does. */
    private static boolean dieselRunInTransaction(LocationScanner.ScriptFile metadata) {
        String[] lines = MigrationLoader.decode(metadata.content(), StandardCharsets.UTF_8, metadata.displayPath())
                .split("\\R", -1);
        boolean value = true;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceFirst("#.*", "").strip();
            int eq = line.indexOf('=');
            if (eq < 0 || !line.substring(0, eq).strip().equals("run_in_transaction")) {
                if (!line.isEmpty()) {
                    LOG.debug("{}:{}: not run_in_transaction, ignored", metadata.displayPath(), i + 1);
                }
                continue;
            }
            String v = line.substring(eq + 1).strip();
            if (!v.equals("true") && !v.equals("false")) {
                throw new ConfigurationException(metadata.displayPath() + ":" + (i + 1) + ": run_in_transaction has value '"
                        + v + "'; accepted: true, false");
            }
            value = v.equals("true");
        }
        return value;
    }

    /** {@code <version>_<title>.up.sql} in the folder itself (not subfolders, as golang-migrate reads it). */
    private static List<Unit> golangMigrate(List<LocationScanner.ScriptFile> files) {
        List<Unit> out = new ArrayList<>();
        for (LocationScanner.ScriptFile f : files) {
            if (f.relativePath().contains("/") || !f.fileName().toLowerCase(Locale.ROOT).endsWith(".sql")) {
                continue;
            }
            Matcher m = GOLANG_MIGRATE.matcher(f.fileName());
            if (!m.matches()) {
                if (GOLANG_MIGRATE_LIKE.matcher(f.fileName()).matches()) {
                    throw new ConfigurationException(f.displayPath() + ": not a golang-migrate file name; expected "
                            + "<version>_<title>.up.sql or <version>_<title>.down.sql (e.g. 000001_create_users.up.sql)");
                }
                continue;
            }
            if (m.group(3).equals("up")) {
                out.add(new Unit(m.group(1), description(m.group(2)), f.fileName(), f.displayPath(),
                        m.group(1) + "_" + m.group(2), MigrationLoader.decode(f.content(), StandardCharsets.UTF_8, f.displayPath()),
                        Tx.ONE_QUERY_STRING, "golang-migrate", null, f.displayPath()));
            }
        }
        return out;
    }

    /** {@code <version>_<name>.sql} with a {@code -- migrate:up [transaction:false]} section, then {@code -- migrate:down}. */
    private static List<Unit> dbmate(List<LocationScanner.ScriptFile> files) {
        List<Unit> out = new ArrayList<>();
        for (LocationScanner.ScriptFile f : files) {
            Matcher m = DBMATE.matcher(f.fileName());
            if (f.relativePath().contains("/") || !m.matches()) {
                continue;
            }
            String text = MigrationLoader.decode(f.content(), StandardCharsets.UTF_8, f.displayPath());
            String[] lines = text.split("\\R", -1);
            int up = -1;
            int down = -1;
            boolean transaction = true;
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                Matcher u = DBMATE_UP.matcher(line);
                Matcher d = DBMATE_DOWN.matcher(line);
                if (u.matches()) {
                    if (up >= 0 || down >= 0) {
                        throw new ConfigurationException(f.displayPath() + ":" + (i + 1) + ": a second '-- migrate:up'"
                                + " or one after '-- migrate:down'; a dbmate migration holds one '-- migrate:up' section, then '-- migrate:down'");
                    }
                    up = i;
                    transaction = dbmateTransaction(u.group(1), f.displayPath() + ":" + (i + 1));
                } else if (d.matches()) {
                    if (up < 0) {
                        throw new ConfigurationException(f.displayPath() + ":" + (i + 1) + ": '-- migrate:down' before"
                                + " '-- migrate:up'; dbmate requires the up section first");
                    }
                    if (down < 0) {
                        down = i;
                    }
                } else if (up < 0 && !line.isEmpty() && !line.startsWith("--")) {
                    throw new ConfigurationException(f.displayPath() + ":" + (i + 1) + ": SQL before '-- migrate:up';"
                            + " dbmate runs only what is in the '-- migrate:up' and '-- migrate:down' sections");
                }
            }
            if (up < 0) {
                throw new ConfigurationException(f.displayPath() + ": no '-- migrate:up' line; a dbmate migration holds"
                        + " '-- migrate:up', its statements, then optionally '-- migrate:down' and the statements that undo them");
            }
            String name = f.fileName().substring(0, f.fileName().length() - 4);
            String rest = m.group(2).startsWith("_") ? m.group(2).substring(1) : m.group(2);
            out.add(new Unit(m.group(1), description(rest), f.fileName(), f.displayPath(), name,
                    keep(lines, up + 1, down < 0 ? lines.length : down),
                    transaction ? Tx.TRANSACTION : Tx.ONE_QUERY_STRING, "dbmate",
                    "write '-- migrate:up transaction:false' at " + f.displayPath() + ":" + (up + 1), f.displayPath()));
        }
        return out;
    }

    private static boolean dbmateTransaction(String options, String where) {
        boolean transaction = true;
        for (String option : options.strip().split("\\s+")) {
            if (option.isEmpty()) {
                continue;
            }
            if (option.equals("transaction:false") || option.equals("transaction:true")) {
                transaction = option.equals("transaction:true");
            } else {
                throw new ConfigurationException(where + ": unknown option '" + option
                        + "' of '-- migrate:up'; accepted: transaction:false, transaction:true");
            }
        }
        return transaction;
    }

    /** The lines {@code [from, to)} of {@code lines}, every other line blank, so that line numbers stay the file's. */
    static String keep(String[] lines, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                b.append('\n');
            }
            if (i >= from && i < to) {
                b.append(lines[i]);
            }
        }
        return b.toString();
    }

    private static String description(String name) {
        return name == null ? "" : name.replace('_', ' ');
    }

    /** Parses a unit's statements and settles how it runs, refusing what its tool would fail on. */
    private static MigrationStep step(Unit u) {
        List<SqlStatement> statements = u.parsed() != null ? u.parsed()
                : ScriptParser.parse(u.text(), AS_WRITTEN, NO_PLACEHOLDERS, u.fileName(), u.location());
        boolean inTransaction = switch (u.tx()) {
            case TRANSACTION -> {
                for (SqlStatement s : statements) {
                    if (!s.transactional()) {
                        throw new ConfigurationException(u.location() + ":" + s.line() + ": " + u.tool()
                                + " runs this migration in one transaction, where PostgreSQL refuses " + s.summary()
                                + "; " + u.fix() + " (or move the statement into a migration of its own)");
                    }
                }
                yield true;
            }
            case ONE_QUERY_STRING -> {
                if (statements.size() > 1) {
                    for (SqlStatement s : statements) {
                        if (!s.transactional()) {
                            throw new ConfigurationException(u.location() + ":" + s.line() + ": " + u.tool()
                                    + " sends this migration to PostgreSQL as one query string, which PostgreSQL runs as"
                                    + " one implicit transaction, where it refuses " + s.summary()
                                    + "; move this statement into a migration of its own");
                        }
                    }
                }
                yield statements.size() > 1;
            }
            case EACH_STATEMENT -> false;
        };
        return new MigrationStep(u.version(), u.description(), u.fileName(), u.location(), statements, inTransaction,
                u.name());
    }
}
