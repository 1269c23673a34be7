package dev.zerodown.load;

import dev.zerodown.config.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apiguardian.api.API;

/**
 * A SQL workload file ({@code <version>.sql}): what one app version does, for teams without Java
 * code at hand. Each request runs one statement in autocommit, chosen by weight from a seeded random
 * generator; generators ({@code {{seq}}}, {@code {{int A B}}}, {@code {{uuid}}}, {@code {{pick a|b|c}}})
 * are expanded per request. The format is documented in docs/workloads.md.
 *
 * <p>Pass it to {@link LoadDriver#start} like any {@link AppVersionFactory}; the driver gives it the
 * run's seed and the run's {@code {{seq}}} counter, shared by all versions and clients.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class SqlWorkload implements AppVersionFactory {
    private final String file;
    private final List<Statement> statements;
    private final List<Template> templates;
    private final int[] cumulativeWeights;
    private final AtomicLong ownSequence = new AtomicLong();

    /**
     * One statement of the file.
     *
     * @param source         {@code file:line} of its first token
     * @param sql            as written, generators unexpanded, without the final {@code ;}
     * @param weight         relative frequency (default 1)
     * @param expectedErrors SQLStates declared with {@code -- expect-error:}
     */
    @API(status = API.Status.EXPERIMENTAL)
    public record Statement(String source, int line, String sql, int weight, Set<String> expectedErrors) {
        public Statement {
            expectedErrors = Set.copyOf(expectedErrors);
        }
    }

    private SqlWorkload(String file, List<Statement> statements) {
        this.file = file;
        this.statements = List.copyOf(statements);
        List<Template> compiled = new ArrayList<>();
        this.cumulativeWeights = new int[statements.size()];
        int sum = 0;
        for (int i = 0; i < statements.size(); i++) {
            Statement s = statements.get(i);
            compiled.add(Template.compile(s.sql(), file, s.line()));
            sum += s.weight();
            cumulativeWeights[i] = sum;
        }
        this.templates = List.copyOf(compiled);
    }

    /** Reads and checks a workload file; a malformed one is a one-line {@link ConfigurationException} naming file:line. */
    public static SqlWorkload parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read workload file " + file + ": " + e.getMessage()
                    + "; check the setting 'workloads'", e);
        }
        return parse(String.valueOf(file.getFileName()), text);
    }

    /**
     * Parses workload text.
     *
     * @param fileName the name used in messages and as the version name, such as {@code v1.sql}
     */
    public static SqlWorkload parse(String fileName, String text) {
        return new SqlWorkload(fileName, WorkloadParser.parse(fileName, text));
    }

    /** The file name, such as {@code v1.sql}. */
    public String file() {
        return file;
    }

    /** The version the file is for: its name without {@code .sql}. */
    public String version() {
        return file.endsWith(".sql") ? file.substring(0, file.length() - 4) : file;
    }

    public List<Statement> statements() {
        return statements;
    }

    /**
     * A client outside a load driver: its own random generator and a {@code {{seq}}} counter shared
     * only by the clients this object creates. The load driver uses the run's seed and counter instead.
     */
    @Override
    public AppVersion create(DataSource dataSource) {
        return client(dataSource, new SplittableRandom(LoadSettings.DEFAULT_SEED), ownSequence);
    }

    AppVersion client(DataSource dataSource, SplittableRandom random, AtomicLong sequence) {
        return new SqlClient(this, dataSource, random, sequence);
    }

    /**
     * Runs each statement once, each in its own transaction that is rolled back (a statement that
     * cannot run in a transaction runs in autocommit), with a 10 s statement timeout. Declared
     * errors are fine. Call it when the version starts on the baseline, before load.
     *
     * @throws ConfigurationException naming file:line when a statement fails: "the workload does
     *                                not fit the baseline schema: …"
     */
    public void baselineCheck(Connection connection) {
        new BaselineCheck(this, connection).run();
    }

    int statementCount() {
        return statements.size();
    }

    Statement statement(int index) {
        return statements.get(index);
    }

    Template template(int index) {
        return templates.get(index);
    }

    /** A statement index chosen by weight. */
    int pick(SplittableRandom random) {
        int total = cumulativeWeights[cumulativeWeights.length - 1];
        int r = random.nextInt(total);
        int pos = Arrays.binarySearch(cumulativeWeights, r + 1);
        return pos >= 0 ? pos : -pos - 1;
    }

    /** Runs one statement on a connection: the request of a client, or the baseline check. */
    void execute(Connection c, int index, SplittableRandom random, AtomicLong sequence) throws StatementFailure {
        Statement s = statements.get(index);
        Template t = templates.get(index);
        Template.Rendered r = t.render(random, sequence::incrementAndGet);
        try (PreparedStatement ps = c.prepareStatement(r.sql())) {
            t.bind(ps, r.params());
            ps.execute();
        } catch (SQLException e) {
            throw new StatementFailure(s.sql(), s.expectedErrors(), e);
        }
    }
}
