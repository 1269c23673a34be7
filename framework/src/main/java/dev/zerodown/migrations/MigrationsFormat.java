package dev.zerodown.migrations;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import dev.zerodown.config.ConfigurationException;
import org.apiguardian.api.API;

/**
 * How a migrations folder is laid out (setting {@code migrationsFormat}); each format maps its files to
 * {@link MigrationStep}s with its own tool's transaction rules (docs/migration-formats.md).
 */
@API(status = API.Status.EXPERIMENTAL)
public enum MigrationsFormat {
    /** {@code V<version>__<description>.sql}, {@code R__…}, {@code .sql.conf}: Flyway's rules. */
    FLYWAY("flyway"),
    /** {@code <version>_<name>/up.sql} with an optional {@code metadata.toml}. */
    DIESEL("diesel"),
    /** {@code <version>_<name>.up.sql}. */
    GOLANG_MIGRATE("golang-migrate"),
    /** {@code <version>_<name>.sql} with {@code -- migrate:up} and {@code -- migrate:down} sections. */
    DBMATE("dbmate"),
    /**
     * Liquibase changelogs: formatted SQL ({@code --liquibase formatted sql}, {@code --changeset author:id} blocks),
     * read by Zerodown; XML, YAML and JSON, read by the Liquibase on the class path. One changeset is one step.
     */
    LIQUIBASE("liquibase");

    private final String id;

    MigrationsFormat(String id) {
        this.id = id;
    }

    /** The name as the setting writes it: {@code golang-migrate}. */
    public String id() {
        return id;
    }

    /** Parses the setting's value; blank means {@link #FLYWAY}. */
    public static MigrationsFormat parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return FLYWAY;
        }
        for (MigrationsFormat f : values()) {
            if (f.id.equalsIgnoreCase(t)) {
                return f;
            }
        }
        throw ConfigurationException.badValue("migrationsFormat", text, "a migrations format",
                Arrays.stream(values()).map(MigrationsFormat::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
