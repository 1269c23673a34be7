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
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.apiguardian.api.API;

/**
 * A SQL workload file ({@code <version>.sql}): what one app version does, for teams without Java
 * code at hand. Each request, chosen by weight from a seeded random generator, is one statement in
 * autocommit, or a {@code -- request: NAME} … {@code -- end} block whose statements run in order in
 * one transaction on one connection (in autocommit with {@code -- request: NAME autocommit});
 * generators ({@code {{seq}}}, {@code {{int A B}}}, {@code {{uuid}}}, {@code {{pick a|b|c}}}) are
 * expanded per request, {@code {{seq}}} to one value for the whole request. The format is documented
 * in docs/workloads.md.
 *
 * <p>Pass it to {@link LoadDriver#start} like any {@link AppVersionFactory}; the driver gives it the
 * run's seed and the run's {@code {{seq}}} counter, shared by all versions and clients.
 */
@API(status = API.Status.STABLE)
public final class SqlWorkload implements AppVersionFactory {
    private final String file;
    private final List<Request> requests;
    private final List<Statement> statements;
    private final List<List<Template>> templates;
    private final int[] cumulativeWeights;
    private final AtomicLong ownSequence = new AtomicLong();
    private final String source;
    private final Map<String, List<String>> skipped;
    private final List<String> sampledColumns;
    private volatile Samples samples = Samples.NONE;

    /**
     * One statement of the file.
     *
     * @param source         {@code file:line} of its first token
     * @param sql            as written, generators unexpanded, without the final {@code ;}
     * @param weight         relative frequency of its request (default 1)
     * @param expectedErrors SQLStates declared with {@code -- expect-error:}
     */
    @API(status = API.Status.STABLE)
    public record Statement(String source, int line, String sql, int weight, Set<String> expectedErrors) {
        public Statement {
            expectedErrors = Set.copyOf(expectedErrors);
        }
    }

    /**
     * One request: a single statement, or the statements of a {@code -- request:} block.
     *
     * @param name          the block's name, null for a single statement
     * @param source        {@code file:line} of the block's {@code -- request:} line, or of the single statement
     * @param line          the line of {@code source}
     * @param weight        relative frequency (default 1)
     * @param transactional true for a block without {@code autocommit}: its statements run in one
     *                      transaction, committed at the end, rolled back when one fails
     * @param statements    in file order; a single statement's request has one
     */
    @API(status = API.Status.STABLE)
    public record Request(String name, String source, int line, int weight, boolean transactional, List<Statement> statements) {
        public Request {
            statements = List.copyOf(statements);
        }
    }

    private SqlWorkload(String file, List<Request> requests) {
        this(file, requests, "workload", Map.of());
    }

    private SqlWorkload(String file, List<Request> requests, String source, Map<String, List<String>> skipped) {
        this.file = file;
        this.source = source;
        this.skipped = skipped;
        this.requests = List.copyOf(requests);
        this.statements = requests.stream().flatMap(r -> r.statements().stream()).toList();
        List<List<Template>> compiled = new ArrayList<>();
        this.cumulativeWeights = new int[requests.size()];
        int sum = 0;
        for (int i = 0; i < requests.size(); i++) {
            Request r = requests.get(i);
            compiled.add(r.statements().stream().map(s -> Template.compile(s.sql(), file, s.line())).toList());
            sum += r.weight();
            cumulativeWeights[i] = sum;
        }
        this.templates = List.copyOf(compiled);
        this.sampledColumns = templates.stream().flatMap(List::stream).flatMap(t -> t.sampledColumns().stream())
                .distinct().toList();
    }

    /**
     * A workload made of a production profile's query mix: one single-statement request per
     * statement, weighted by its calls.
     *
     * @param version the version it stands for (its name in messages: {@code <version> (profile)})
     * @param skipped per statement left out, why
     */
    @API(status = API.Status.INTERNAL)
    public static SqlWorkload ofProfile(String version, List<Statement> statements, Map<String, List<String>> skipped) {
        String name = version + " (profile)";
        List<Request> requests = statements.stream()
                .map(st -> new Request(null, st.source(), st.line(), st.weight(), false, List.of(st))).toList();
        return new SqlWorkload(name, requests, "profile", java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(skipped)));
    }

    /** {@code workload} for a file, {@code profile} for a profile's query mix (see {@link dev.zerodown.result.Traffic}). */
    public String source() {
        return source;
    }

    /** A profile's statements that were left out, with why; empty for a file. */
    public Map<String, List<String>> skipped() {
        return skipped;
    }

    /**
     * Reads up to 100 values of each column its {@code {{sample …}}} generators name, which they
     * draw from until the next call. The load driver calls it when the version starts.
     */
    @API(status = API.Status.INTERNAL)
    public void sample(Connection connection) {
        if (!sampledColumns.isEmpty()) {
            samples = Samples.take(connection, sampledColumns);
        }
    }

    /** The columns {@code {{sample …}}} generators name, in file order. */
    @API(status = API.Status.INTERNAL)
    public List<String> sampledColumns() {
        return sampledColumns;
    }

    /** The values sampled for a column at the last start. */
    List<String> sampled(String column) {
        return samples.values(column);
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

    /** The requests in file order. */
    public List<Request> requests() {
        return requests;
    }

    /** Every statement in file order, those of blocks included. */
    public List<Statement> statements() {
        return statements;
    }

    /**
     * A client outside a load driver: its own random generator and a {@code {{seq}}} counter shared
     * only by the clients this object creates. The load driver uses the run's seed and counter instead.
     */
    @Override
    public AppVersion create(DataSource dataSource) {
        if (!sampledColumns.isEmpty() && samples == Samples.NONE) {
            try (Connection c = dataSource.getConnection()) {
                sample(c);
            } catch (SQLException e) {
                throw new dev.zerodown.config.EnvironmentException("Could not connect to sample the columns of " + file + ": "
                        + e.getMessage(), e);
            }
        }
        return client(dataSource, new SplittableRandom(LoadSettings.DEFAULT_SEED), ownSequence);
    }

    AppVersion client(DataSource dataSource, SplittableRandom random, AtomicLong sequence) {
        return new SqlClient(this, dataSource, random, sequence);
    }

    /**
     * Runs each request once, each in its own transaction that is rolled back (a single statement or
     * an autocommit block that cannot run in a transaction runs in autocommit), with a 10 s statement
     * timeout. Declared errors are fine. Call it when the version starts on the baseline, before load.
     *
     * @throws ConfigurationException naming file:line when a statement fails: "the workload does
     *                                not fit the baseline schema: …"
     */
    public void baselineCheck(Connection connection) {
        sample(connection);
        new BaselineCheck(this, connection).run();
    }

    int requestCount() {
        return requests.size();
    }

    Request request(int index) {
        return requests.get(index);
    }

    /** A request index chosen by weight. */
    int pick(SplittableRandom random) {
        int total = cumulativeWeights[cumulativeWeights.length - 1];
        int r = random.nextInt(total);
        int pos = Arrays.binarySearch(cumulativeWeights, r + 1);
        return pos >= 0 ? pos : -pos - 1;
    }

    /**
     * Runs one request of a client on a connection that is in autocommit: a single statement or an
     * autocommit block as it is, a transactional block in one transaction, committed, or rolled back
     * when a statement (or the commit) fails; the connection is back in autocommit afterwards.
     */
    void execute(Connection c, int index, SplittableRandom random, AtomicLong sequence) throws StatementFailure {
        Request r = requests.get(index);
        if (!r.transactional()) {
            run(c, index, random, sequence);
            return;
        }
        Statement first = r.statements().get(0);
        try {
            c.setAutoCommit(false);
        } catch (SQLException e) {
            throw new StatementFailure(first.sql(), first.source(), Set.of(), e);
        }
        try {
            run(c, index, random, sequence);
            try {
                c.commit();
            } catch (SQLException e) {
                throw new StatementFailure("commit of request '" + r.name() + "'", r.source(), Set.of(), e);
            }
        } catch (StatementFailure f) {
            rollbackQuietly(c);
            throw f;
        } finally {
            autoCommitQuietly(c);
        }
    }

    /**
     * Runs the statements of a request in order, in whatever transaction mode the connection is in,
     * stopping at the first that fails; {@code {{seq}}} draws one value for the whole request.
     */
    void run(Connection c, int index, SplittableRandom random, AtomicLong sequence) throws StatementFailure {
        List<Statement> request = requests.get(index).statements();
        List<Template> compiled = templates.get(index);
        long[] seq = {0};
        LongSupplier once = () -> seq[0] != 0 ? seq[0] : (seq[0] = sequence.incrementAndGet());
        for (int i = 0; i < request.size(); i++) {
            Statement s = request.get(i);
            Template t = compiled.get(i);
            Template.Rendered r = t.render(random, once, samples);
            try (PreparedStatement ps = c.prepareStatement(r.sql())) {
                t.bind(ps, r.params());
                ps.execute();
            } catch (SQLException e) {
                throw new StatementFailure(s.sql(), s.source(), s.expectedErrors(), e);
            }
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // the connection broke: the request already failed, the pool evicts the connection
        }
    }

    private static void autoCommitQuietly(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            // as above
        }
    }
}
