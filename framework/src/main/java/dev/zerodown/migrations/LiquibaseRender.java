package dev.zerodown.migrations;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import dev.zerodown.config.ConfigurationException;
import liquibase.change.Change;
import liquibase.change.DbmsTargetedChange;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseList;
import liquibase.exception.ValidationErrors;
import liquibase.sql.Sql;
import liquibase.sql.visitor.SqlVisitor;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.ExecutablePreparedStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted changeset as Liquibase would send it to PostgreSQL: each change's statements rendered by
 * Liquibase's SQL generators, its {@code modifySql} applied, each rendered SQL one execution (one JDBC
 * {@code execute}), split again by the one splitter (a {@code splitStatements="false"} block holds several),
 * each statement placed at its line in the changelog: the line its text is written on ({@code sql}, formatted
 * SQL), else its change's element, else the changeset's.
 */
final class LiquibaseRender {
    private static final Logger LOG = LoggerFactory.getLogger(LiquibaseRender.class);
    /** Changes that send PostgreSQL nothing: a message, a history-table tag, nothing at all. */
    private static final Set<String> NO_SQL = Set.of("output", "tagDatabase", "empty");
    /** Changes that run code or stop the update, which Zerodown cannot render. */
    private static final Set<String> UNSUPPORTED = Set.of("executeCommand", "customChange", "stop");

    private LiquibaseRender() {
    }

    static FormatLoader.Unit unit(ChangeSet changeSet, Database database, String file, String display,
                                  ChangesetLines lines, int line, String where) throws Exception {
        String author = changeSet.getAuthor();
        String id = changeSet.getId();
        if (author == null || author.isBlank() || id == null || id.isBlank()) {
            throw new ConfigurationException(where + ": a changeset needs an author and an id (Liquibase refuses it too)");
        }
        int last = lines.lastLine(author, id);
        int from = Math.max(line, 1);
        List<List<SqlStatement>> executions = new ArrayList<>();
        for (Change change : changeSet.getChanges()) {
            String name = change.getSerializedObjectName();
            int changeLine = lines.element(name, from, last);
            from = Math.max(from, changeLine);
            int anchor = changeLine > 0 ? changeLine : Math.max(line, 1);
            String at = display + ":" + anchor;
            if (change instanceof DbmsTargetedChange t && !DatabaseList.definitionMatches(t.getDbms(), database, true)) {
                LOG.info("{}: {} is for dbms {}, not PostgreSQL; Liquibase skips it, so does Zerodown", at, name, t.getDbms());
                continue;
            }
            if (UNSUPPORTED.contains(name)) {
                throw new ConfigurationException(at + ": the Liquibase change '" + name + "' is not supported: it runs"
                        + " code or stops the update, which Zerodown cannot render as SQL; move it to a changelog"
                        + " Zerodown does not check, or write the SQL it runs in a <sql> change");
            }
            if (NO_SQL.contains(name)) {
                LOG.debug("{}: {} sends PostgreSQL no SQL", at, name);
                continue;
            }
            change.finishInitialization();
            ValidationErrors errors = change.validate(database);
            if (errors != null && errors.hasErrors()) {
                throw new ConfigurationException(at + ": Liquibase refuses this " + name + ": "
                        + String.join("; ", errors.getErrorMessages()) + "; fix the change");
            }
            boolean fromLiveDatabase = change.generateStatementsVolatile(database);
            liquibase.statement.SqlStatement[] generated = change.generateStatements(database);
            if (fromLiveDatabase && (generated == null || generated.length == 0)) {
                throw new ConfigurationException(at + ": Liquibase builds the SQL of this " + name + " from the live"
                        + " database when it runs and renders none without one, so Zerodown cannot check it; write"
                        + " the SQL it should run in a <sql> change");
            }
            if (fromLiveDatabase) {
                LOG.warn("{}: Liquibase builds the SQL of this {} from the live database when it runs; Zerodown checks"
                        + " the SQL Liquibase renders without one, which may differ", at, name);
            }
            for (liquibase.statement.SqlStatement statement : generated == null
                    ? new liquibase.statement.SqlStatement[0] : generated) {
                if (statement.skipOnUnsupported() && !SqlGeneratorFactory.getInstance().supports(statement, database)) {
                    continue;
                }
                Sql[] rendered = statement instanceof ExecutablePreparedStatement ? null
                        : SqlGeneratorFactory.getInstance().generateSql(statement, database);
                if (rendered == null || rendered.length == 0) {
                    throw new ConfigurationException(at + ": Liquibase renders no SQL for this " + name + " without a"
                            + " database (" + statement.getClass().getSimpleName() + "), so Zerodown cannot check it;"
                            + " write the SQL it should run in a <sql> change");
                }
                for (Sql sql : rendered) {
                    if (sql == null) {
                        continue;
                    }
                    String text = sql.toSql();
                    for (SqlVisitor visitor : changeSet.getSqlVisitors()) {
                        text = visitor.modifySql(text, database);
                    }
                    int written = lines.sql(firstLine(text), from, last);
                    from = Math.max(from, written);
                    List<SqlStatement> statements = ScriptParser.parse(placed(text, written > 0 ? written : anchor),
                            FormatLoader.AS_WRITTEN, FormatLoader.NO_PLACEHOLDERS, file, display);
                    if (!statements.isEmpty()) {
                        executions.add(statements);
                    }
                }
            }
        }
        List<SqlStatement> all = executions.stream().flatMap(List::stream).toList();
        FormatLoader.Tx tx = changeSet.isRunInTransaction() ? FormatLoader.Tx.TRANSACTION : outside(executions, where);
        String name = author + ":" + id;
        return new FormatLoader.Unit(null, name, file, display, name, null, tx, "Liquibase",
                "write " + spelled(file) + " on the changeset at " + where, where, all);
    }

    /**
     * How a changeset with {@code runInTransaction=false} reaches PostgreSQL: each execution in autocommit; one
     * that holds several statements ({@code splitStatements=false}) is one query string, one implicit transaction.
     */
    private static FormatLoader.Tx outside(List<List<SqlStatement>> executions, String where) {
        boolean severalInOne = executions.stream().anyMatch(e -> e.size() > 1);
        if (!severalInOne) {
            return FormatLoader.Tx.EACH_STATEMENT;
        }
        if (executions.size() == 1) {
            return FormatLoader.Tx.ONE_QUERY_STRING;
        }
        for (List<SqlStatement> e : executions) {
            for (SqlStatement s : e) {
                if (!s.transactional()) {
                    throw new ConfigurationException(where + ": this changeset runs outside a transaction and also sends"
                            + " several statements in one query string (splitStatements=false); Zerodown cannot run"
                            + " both ways in one step and PostgreSQL refuses " + s.summary() + " in a query string of"
                            + " several; move the statements that cannot run in a transaction into a changeset of their own");
                }
            }
        }
        LOG.warn("{}: runInTransaction=false with a splitStatements=false block among other changes: Zerodown judges"
                + " the changeset as one transaction, which may hold locks longer than Liquibase does", where);
        return FormatLoader.Tx.TRANSACTION;
    }

    /** The text with blank lines in front, so that its {@link #firstLine} lands on {@code line}. */
    static String placed(String text, int line) {
        int pad = Math.max(0, line - 1 - firstLineIndex(text));
        return "\n".repeat(pad) + text;
    }

    /** The first line that is neither blank nor a {@code --} comment: what is searched for in the changelog. */
    static String firstLine(String text) {
        String[] parts = text.split("\\R", -1);
        return parts[firstLineIndex(text)].strip();
    }

    private static int firstLineIndex(String text) {
        String[] parts = text.split("\\R", -1);
        for (int i = 0; i < parts.length; i++) {
            String s = parts[i].strip();
            if (!s.isEmpty() && !s.startsWith("--")) {
                return i;
            }
        }
        return 0;
    }

    /** {@code runInTransaction} set to false the way the changelog's format writes it. */
    private static String spelled(String file) {
        String f = file.toLowerCase(Locale.ROOT);
        if (f.endsWith(".xml")) {
            return "runInTransaction=\"false\"";
        }
        if (f.endsWith(".json")) {
            return "\"runInTransaction\": false";
        }
        if (f.endsWith(".sql")) {
            return "runInTransaction:false";
        }
        return "runInTransaction: false";
    }
}
