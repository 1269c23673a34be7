package dev.zerodown.migrations;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.zerodown.config.ConfigurationException;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.filter.ChangeSetFilter;
import liquibase.changelog.filter.ChangeSetFilterResult;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.changelog.filter.DbmsChangeSetFilter;
import liquibase.changelog.filter.IgnoreChangeSetFilter;
import liquibase.changelog.filter.LabelChangeSetFilter;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.OfflineConnection;
import liquibase.precondition.core.PreconditionContainer;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * XML, YAML and JSON Liquibase changelogs (and whatever they include) read by Liquibase itself, from the
 * user's class path: its parser follows {@code include} and {@code includeAll}, its own filters keep the
 * changesets an {@code update} with the given contexts and labels would run on PostgreSQL, and its SQL
 * generators render each changeset for PostgreSQL offline ({@link OfflineConnection}, no database, no history
 * file). One changeset is one step; {@link LiquibaseRender} turns it into statements with their lines.
 *
 * <p>Only {@link LiquibaseClasspath#require} callers reach this class: it is the one that names Liquibase types.
 */
final class LiquibaseLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(LiquibaseLibrary.class);
    /** PostgreSQL as Liquibase renders for it; its generators only tell majors before 10 apart. */
    private static final String OFFLINE_URL = "offline:postgresql?version=13&outputLiquibaseSql=none";

    private LiquibaseLibrary() {
    }

    /**
     * A changelog to read.
     *
     * @param path          its path for Liquibase: below {@code folder}, or on the class path when {@code folder} is null
     * @param folder        the folder file-system paths are relative to; null for a changelog on the class path
     * @param displayFolder {@code folder} as the user wrote it, for messages; for the class path, the folder of the
     *                      {@code migrations} location
     */
    record Root(String path, Path folder, String displayFolder) {
        String display() {
            return folder == null ? "classpath:" + path : join(displayFolder, path);
        }

        /** How reports name a changelog file: its path below the {@code migrations} location's folder. */
        String fileName(String physical) {
            String base = folder == null && displayFolder != null && !displayFolder.isEmpty() ? displayFolder + "/" : "";
            return physical.startsWith(base) ? physical.substring(base.length()) : physical;
        }
    }

    static List<FormatLoader.Unit> changesets(Root root, LiquibaseFilter filter, ClassLoader classLoader) {
        ResourceAccessor accessor = accessor(root, classLoader);
        Map<String, Object> scope = new HashMap<>();
        scope.put(Scope.Attr.resourceAccessor.name(), accessor);
        scope.put(Scope.Attr.classLoader.name(), DatabaseChangeLog.class.getClassLoader());
        scope.put(Scope.Attr.logService.name(), new LiquibaseLog());
        scope.put("liquibase.analytics.enabled", Boolean.FALSE);
        try {
            return Scope.child(scope, () -> read(root, accessor, filter));
        } catch (ConfigurationException e) {
            throw e;
        } catch (Exception e) {
            String cause = cause(e);
            boolean notFound = cause.contains("was not found in the configured search path");
            throw new ConfigurationException(root.display() + ": Liquibase cannot read this changelog: "
                    + cause.replaceAll("\\s*More locations can be added with the 'searchPath' parameter\\.?", "")
                    + (notFound ? "; Zerodown looks for included files next to the changelog, in the working directory"
                            + " and on the class path: fix the path, or use relativeToChangelogFile=\"true\""
                            : "; fix the changelog (Liquibase's own update fails on it the same way)"));
        } finally {
            try {
                accessor.close();
            } catch (Exception e) {
                LOG.debug("closing Liquibase's resource accessor", e);
            }
        }
    }

    private static List<FormatLoader.Unit> read(Root root, ResourceAccessor accessor, LiquibaseFilter filter)
            throws Exception {
        Database database = DatabaseFactory.getInstance()
                .findCorrectDatabaseImplementation(new OfflineConnection(OFFLINE_URL, accessor));
        Contexts contexts = filter.contexts() == null ? new Contexts() : new Contexts(filter.contexts());
        LabelExpression labels = filter.labels() == null ? new LabelExpression() : new LabelExpression(filter.labels());
        ChangeLogParameters parameters = new ChangeLogParameters(database);
        parameters.setContexts(contexts);
        parameters.setLabels(labels);
        DatabaseChangeLog changeLog = liquibase.parser.ChangeLogParserFactory.getInstance()
                .getParser(root.path(), accessor).parse(root.path(), parameters, accessor);
        Sources files = new Sources(root, accessor);
        rejectChangelogPreconditions(changeLog, files);
        List<ChangeSetFilter> filters = List.of(new ContextChangeSetFilter(contexts), new LabelChangeSetFilter(labels),
                new DbmsChangeSetFilter(database), new IgnoreChangeSetFilter());
        Set<String> seen = new HashSet<>();
        List<FormatLoader.Unit> out = new ArrayList<>();
        for (ChangeSet changeSet : changeLog.getChangeSets()) {
            String file = changeSet.getChangeLog() == null ? root.path() : changeSet.getChangeLog().getPhysicalFilePath();
            ChangesetLines lines = files.lines(file);
            int line = lines.changeset(changeSet.getAuthor(), changeSet.getId());
            String where = files.display(file) + (line > 0 ? ":" + line : "");
            String denied = denied(filters, changeSet);
            if (denied != null) {
                LOG.info("{}: changeset {}:{} is not run: {} ({})", where, changeSet.getAuthor(), changeSet.getId(),
                        denied, filter.describe());
                continue;
            }
            if (!seen.add(changeSet.toString(false))) {
                LOG.info("{}: changeset {} is included a second time; Liquibase runs it once, so does Zerodown", where,
                        changeSet.toString(false));
                continue;
            }
            rejectPreconditions(changeSet.getPreconditions(), where, "changeset");
            note(changeSet, where);
            out.add(LiquibaseRender.unit(changeSet, database, root.fileName(file), files.display(file), lines, line,
                    where));
        }
        return out;
    }

    /**
     * Whether an {@code update} with {@code filter}'s contexts and labels runs a formatted SQL changeset with these
     * {@code context} and {@code labels} attributes: decided by Liquibase's own filters.
     *
     * @return null when it runs, else Liquibase's reason
     */
    static String deniedByContextOrLabels(LiquibaseFilter filter, String author, String id, String context,
                                          String labels) {
        ChangeSet changeSet = new ChangeSet(id, author, false, false, "changelog.sql", context, null, null);
        if (labels != null) {
            changeSet.setLabels(new liquibase.Labels(labels));
        }
        Contexts contexts = filter.contexts() == null ? new Contexts() : new Contexts(filter.contexts());
        LabelExpression expression = filter.labels() == null ? new LabelExpression() : new LabelExpression(filter.labels());
        return denied(List.of(new ContextChangeSetFilter(contexts), new LabelChangeSetFilter(expression)), changeSet);
    }

    /** Why Liquibase's {@code update} would not run the changeset, or null when it would. */
    private static String denied(List<ChangeSetFilter> filters, ChangeSet changeSet) {
        for (ChangeSetFilter f : filters) {
            ChangeSetFilterResult r = f.accepts(changeSet);
            if (!r.isAccepted()) {
                return r.getMessage();
            }
        }
        return null;
    }

    private static void rejectPreconditions(PreconditionContainer preconditions, String where, String whose) {
        if (preconditions != null && holdsOne(preconditions)) {
            throw new ConfigurationException(where.replaceAll(":0$", "") + ": Liquibase preconditions are not supported"
                    + " (this " + whose + " has preConditions): Zerodown cannot tell whether Liquibase would run, skip or"
                    + " fail it; remove the preConditions, or move the changesets to a changelog Zerodown does not check");
        }
    }

    /**
     * A changelog's own {@code preConditions}: an included changelog's are nested into its parent's, so the included
     * ones are looked at first, to name the file that holds them.
     */
    private static void rejectChangelogPreconditions(DatabaseChangeLog root, Sources files) {
        java.util.LinkedHashSet<DatabaseChangeLog> changelogs = new java.util.LinkedHashSet<>();
        for (ChangeSet changeSet : root.getChangeSets()) {
            if (changeSet.getChangeLog() != null && changeSet.getChangeLog() != root) {
                changelogs.add(changeSet.getChangeLog());
            }
        }
        changelogs.add(root);
        for (DatabaseChangeLog changeLog : changelogs) {
            String file = changeLog.getPhysicalFilePath();
            rejectPreconditions(changeLog.getPreconditions(), files.display(file) + ":"
                    + files.lines(file).element("preConditions", 1, Integer.MAX_VALUE), "changelog");
        }
    }

    /** Whether a precondition tree holds a real precondition (an included changelog adds an empty container). */
    private static boolean holdsOne(liquibase.precondition.Precondition p) {
        if (!(p instanceof liquibase.precondition.PreconditionLogic logic)) {
            return true;
        }
        return logic.getNestedPreconditions().stream().anyMatch(LiquibaseLibrary::holdsOne);
    }

    /** What Zerodown does with attributes whose effect a single run on a fresh database cannot show. */
    private static void note(ChangeSet changeSet, String where) {
        if (changeSet.isAlwaysRun() || changeSet.isRunOnChange()) {
            LOG.info("{}: changeset {}:{} is {}: Zerodown runs it once, at its place in the changelog, as Liquibase"
                    + " does on a fresh database; its re-runs on later updates{} are not measured", where,
                    changeSet.getAuthor(), changeSet.getId(), changeSet.isAlwaysRun() ? "runAlways" : "runOnChange",
                    changeSet.isAlwaysRun() ? "" : " (after it is edited)");
        }
        if (Boolean.FALSE.equals(changeSet.getFailOnError())) {
            LOG.info("{}: changeset {}:{} has failOnError=false: if it fails on PostgreSQL Zerodown reports the failure,"
                    + " where Liquibase would go on without its changes", where, changeSet.getAuthor(), changeSet.getId());
        }
    }

    /**
     * Where Liquibase looks for the changelog and the files it includes: the changelog's folder first, then the
     * working directory (Liquibase's default search path), then the class path (Spring Boot's and the Maven
     * plugin's); the first that has a path wins, so a file reachable two ways is not a duplicate.
     */
    private static ResourceAccessor accessor(Root root, ClassLoader classLoader) {
        List<ResourceAccessor> search = new ArrayList<>();
        ClassLoader loader = classLoader != null ? classLoader : LiquibaseLibrary.class.getClassLoader();
        try {
            if (root.folder() != null) {
                Path folder = root.folder().toAbsolutePath().normalize();
                search.add(new DirectoryResourceAccessor(folder));
                Path cwd = Path.of("").toAbsolutePath().normalize();
                if (!cwd.equals(folder)) {
                    search.add(new DirectoryResourceAccessor(cwd));
                }
            }
        } catch (IOException e) {
            throw new ConfigurationException(root.display() + ": cannot read its folder: " + e.getMessage());
        }
        search.add(new ClassLoaderResourceAccessor(loader));
        return new CompositeResourceAccessor(search) {
            @Override
            public List<Resource> getAll(String path) throws IOException {
                for (ResourceAccessor a : search) {
                    List<Resource> found = a.getAll(path);
                    if (found != null && !found.isEmpty()) {
                        return found;
                    }
                }
                return Collections.emptyList();
            }
        };
    }

    /** The changelog files' texts (for lines) and how messages name them. */
    private static final class Sources {
        private final Root root;
        private final ResourceAccessor accessor;
        private final Map<String, ChangesetLines> lines = new HashMap<>();

        Sources(Root root, ResourceAccessor accessor) {
            this.root = root;
            this.accessor = accessor;
        }

        ChangesetLines lines(String path) {
            return lines.computeIfAbsent(path, p -> {
                try (InputStream in = accessor.getExisting(p).openInputStream()) {
                    return new ChangesetLines(p, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                } catch (IOException e) {
                    LOG.debug("cannot read {} again for its lines", p, e);
                    return new ChangesetLines(p, "");
                }
            });
        }

        /** A file below the changelog's folder as the user wrote that folder; else its path, or {@code classpath:<path>}. */
        String display(String path) {
            if (root.folder() == null) {
                return "classpath:" + path;
            }
            try {
                Resource r = accessor.getExisting(path);
                if ("file".equals(r.getUri().getScheme())) {
                    Path p = Path.of(r.getUri());
                    if (p.startsWith(root.folder().toAbsolutePath().normalize())) {
                        return join(root.displayFolder(), root.folder().toAbsolutePath().normalize().relativize(p)
                                .toString().replace('\\', '/'));
                    }
                    return p.toString();
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("cannot locate {}", path, e);
            }
            return "classpath:" + path;
        }
    }

    static String join(String folder, String path) {
        if (folder == null || folder.isEmpty() || folder.equals(".")) {
            return path;
        }
        return folder.endsWith("/") || folder.endsWith(":") ? folder + path : folder + "/" + path;
    }

    /** The innermost Liquibase message (it names the file and line), else the innermost one, on one line. */
    static String cause(Throwable e) {
        String liquibase = null;
        String any = null;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                any = t.getMessage();
                if (t.getClass().getName().startsWith("liquibase.")) {
                    liquibase = t.getMessage();
                }
            }
        }
        String message = liquibase != null ? liquibase : any != null ? any : e.getClass().getSimpleName();
        String line = message.strip().replaceAll("\\s*\\R\\s*", " ");
        return line.length() > 400 ? line.substring(0, 400) + "…" : line;
    }
}
