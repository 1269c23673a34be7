package dev.zerodown.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.EnvironmentException;
import org.apiguardian.api.API;

/**
 * What production looks like, without its data: per user table the estimated rows, size, column
 * statistics, indexes and constraints, plus the query mix of {@code pg_stat_statements}. Captured
 * read-only by {@link #capture(DataSource)}, stored as {@code profile.json} (format documented in
 * docs/production-profile.md, {@code profileVersion} {@value #VERSION}) and used to seed a test
 * database to a scale of production.
 *
 * @param profileVersion the format's version, {@value #VERSION}
 * @param serverVersion  {@code server_version} of the captured server, e.g. {@code 16.4}
 * @param capturedAt     ISO-8601 instant of the capture
 * @param values         whether row values (most-common values, histogram bounds) were captured
 * @param tables         user tables, by schema and name
 * @param queries        the query mix, most-called first; empty without pg_stat_statements
 * @param queryStats     since when the query mix's calls were counted; null when unknown (PostgreSQL 13, an older
 *                       capture, or no pg_stat_statements)
 * @param warnings       what was left out and why (missing privileges, no pg_stat_statements)
 */
@API(status = API.Status.EXPERIMENTAL)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"profileVersion", "serverVersion", "capturedAt", "values", "tables", "queries", "queryStats", "warnings"})
public record ProductionProfile(int profileVersion, String serverVersion, String capturedAt, boolean values,
                                List<TableProfile> tables, List<QueryProfile> queries, QueryStats queryStats,
                                List<String> warnings) {

    /** The version of the {@code profile.json} format this code writes and reads. */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ProductionProfile {
        tables = tables == null ? List.of() : List.copyOf(tables);
        queries = queries == null ? List.of() : List.copyOf(queries);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Captures with the defaults: no row values, the statements covering 95 % of calls (at most 200). */
    public static ProductionProfile capture(DataSource source) {
        return capture(source, CaptureOptions.defaults());
    }

    /**
     * Captures a profile over a read-only session ({@code default_transaction_read_only=on}, a short
     * {@code statement_timeout}). What the role may not read, or a missing {@code pg_stat_statements},
     * becomes a one-line entry of {@link #warnings()}, never a failure.
     */
    public static ProductionProfile capture(DataSource source, CaptureOptions options) {
        return new ProfileCapture(options).capture(source);
    }

    /**
     * The query mix's calls per second: the captured statements' calls over the seconds {@link #queryStats()}
     * counted them; empty, with the reason, when the profile cannot tell.
     */
    public QueryRate queryRate() {
        return QueryRate.of(this);
    }

    /** The table {@code schema.name}, if profiled. */
    public Optional<TableProfile> table(String schema, String name) {
        return tables.stream().filter(t -> t.schema().equals(schema) && t.name().equals(name)).findFirst();
    }

    /** Writes {@code profile.json}, creating parent folders. */
    public void write(Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, toJson());
        } catch (IOException e) {
            throw new EnvironmentException("Cannot write the profile " + file + ": " + e.getMessage(), e);
        }
    }

    /** The {@code profile.json} text. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize the profile", e);
        }
    }

    /** Reads a {@code profile.json}; a missing file, bad JSON or another format version is a one-line error. */
    public static ProductionProfile read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the profile " + file + ": " + e.getMessage()
                    + "; capture one with mvn zerodown:capture or fix the setting 'profile'");
        }
        return parse(text, file.toString());
    }

    /** Parses {@code profile.json} text; {@code source} names it in errors. */
    public static ProductionProfile parse(String text, String source) {
        ProductionProfile p;
        try {
            p = JSON.readValue(text, ProductionProfile.class);
        } catch (IOException e) {
            throw new ConfigurationException("The profile " + source + " is not valid JSON: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "; capture it again");
        }
        if (p.profileVersion() != VERSION) {
            throw new ConfigurationException("The profile " + source + " has profileVersion " + p.profileVersion()
                    + ", but this Zerodown reads version " + VERSION + "; capture it again with this version");
        }
        return p;
    }
}
