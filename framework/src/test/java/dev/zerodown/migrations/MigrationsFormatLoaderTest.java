package dev.zerodown.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerodown.config.ConfigurationException;
import dev.zerodown.hazards.HazardId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** diesel, golang-migrate, dbmate and Liquibase formatted SQL layouts to steps (no database). */
class MigrationsFormatLoaderTest {
    @TempDir
    Path dir;

    private void write(String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<MigrationStep> load(MigrationsFormat format) {
        return new MigrationLoader().load(format, List.of(dir.toString()), Map.of(), null);
    }

    private String path(String relative) {
        return dir + "/" + relative;
    }

    @Test
    void should_parse_every_format_name_and_refuse_others_with_the_one_message_shape() {
        assertThat(MigrationsFormat.parse("golang-migrate")).isEqualTo(MigrationsFormat.GOLANG_MIGRATE);
        assertThat(MigrationsFormat.parse("Liquibase")).isEqualTo(MigrationsFormat.LIQUIBASE);
        assertThat(MigrationsFormat.parse("")).isEqualTo(MigrationsFormat.FLYWAY);
        assertThatThrownBy(() -> MigrationsFormat.parse("flywy")).isInstanceOf(ConfigurationException.class)
                .hasMessage("setting `migrationsFormat` (property zerodown.migrationsFormat): `flywy` is not a migrations"
                        + " format; write flyway, diesel, golang-migrate, dbmate, liquibase");
    }

    @Test
    void should_read_diesel_folders_in_version_order_with_metadata_toml() {
        write("2024-01-02-000000_index_users/up.sql", "-- zerodown:allow non-concurrent-index: test\ncreate index concurrently users_name on users (name);\n");
        write("2024-01-02-000000_index_users/down.sql", "drop index users_name;\n");
        write("2024-01-02-000000_index_users/metadata.toml", "# diesel\nrun_in_transaction = false\n");
        write("2024-01-01-120000_create_users/up.sql", "create table users (id int primary key);\nalter table users add column name text;\n");
        write("2024-01-01-120000_create_users/down.sql", "drop table users;\n");
        write("00000000000000_diesel_initial_setup/up.sql", "select 1;\n");

        List<MigrationStep> steps = load(MigrationsFormat.DIESEL);

        assertThat(steps).extracting(MigrationStep::name).containsExactly("00000000000000_diesel_initial_setup",
                "2024-01-01-120000_create_users", "2024-01-02-000000_index_users");
        MigrationStep create = steps.get(1);
        assertThat(create.version()).isEqualTo("20240101120000");
        assertThat(create.fileName()).isEqualTo("2024-01-01-120000_create_users/up.sql");
        assertThat(create.location()).isEqualTo(path("2024-01-01-120000_create_users/up.sql"));
        assertThat(create.runsInTransaction()).isTrue();
        assertThat(create.statements()).extracting(SqlStatement::line).containsExactly(1, 2);
        MigrationStep index = steps.get(2);
        assertThat(index.runsInTransaction()).isFalse();
        assertThat(index.statements()).singleElement().satisfies(s -> {
            assertThat(s.line()).isEqualTo(2);
            assertThat(s.transactional()).isFalse();
            assertThat(s.acknowledges(HazardId.NON_CONCURRENT_INDEX)).isTrue();
        });
        assertThat(MigrationSteps.find(steps, "20240101120000")).isSameAs(create);
        assertThat(MigrationSteps.find(steps, "2024-01-01-120000_create_users")).isSameAs(create);
        assertThat(MigrationSteps.find(steps, "2024-01-01-120000_create_users/up.sql")).isSameAs(create);
    }

    @Test
    void should_refuse_a_diesel_folder_without_up_sql() {
        write("2024-01-01-120000_create_users/down.sql", "drop table users;\n");

        assertThatThrownBy(() -> load(MigrationsFormat.DIESEL)).isInstanceOf(ConfigurationException.class)
                .hasMessage(path("2024-01-01-120000_create_users") + ": no up.sql; a diesel migration folder"
                        + " <version>_<name>/ holds up.sql (and down.sql, which Zerodown does not run)");
    }

    @Test
    void should_refuse_a_concurrent_index_in_a_diesel_transaction() {
        write("2024-01-01-120000_index/up.sql", "create index concurrently i on t (a);\n");

        assertThatThrownBy(() -> load(MigrationsFormat.DIESEL)).isInstanceOf(ConfigurationException.class)
                .hasMessage(path("2024-01-01-120000_index/up.sql") + ":1: diesel runs this migration in one transaction,"
                        + " where PostgreSQL refuses create index concurrently i on t (a); add "
                        + path("2024-01-01-120000_index/metadata.toml") + " with run_in_transaction = false"
                        + " (or move the statement into a migration of its own)");
    }

    @Test
    void should_refuse_a_concurrent_index_among_other_statements_sent_as_one_query_string() {
        write("2024-01-01-120000_index/up.sql", "set lock_timeout = '1s';\ncreate index concurrently i on t (a);\n");
        write("2024-01-01-120000_index/metadata.toml", "run_in_transaction = false\n");

        assertThatThrownBy(() -> load(MigrationsFormat.DIESEL)).isInstanceOf(ConfigurationException.class)
                .hasMessage(path("2024-01-01-120000_index/up.sql") + ":2: diesel sends this migration to PostgreSQL as"
                        + " one query string, which PostgreSQL runs as one implicit transaction, where it refuses"
                        + " create index concurrently i on t (a); move this statement into a migration of its own");
    }

    @Test
    void should_read_golang_migrate_up_files_and_ignore_down_files() {
        write("000001_create_users.up.sql", "create table users (id int primary key);\ncreate table t (a int);\n");
        write("000001_create_users.down.sql", "drop table users;\n");
        write("000042_index.up.sql", "create index concurrently i on t (a);\n");
        write("000042_index.down.sql", "drop index i;\n");
        write("README.md", "not read");

        List<MigrationStep> steps = load(MigrationsFormat.GOLANG_MIGRATE);

        assertThat(steps).extracting(MigrationStep::name).containsExactly("000001_create_users", "000042_index");
        assertThat(steps).extracting(MigrationStep::fileName).containsExactly("000001_create_users.up.sql", "000042_index.up.sql");
        assertThat(steps.get(0).runsInTransaction()).as("several statements: one implicit transaction").isTrue();
        assertThat(steps.get(1).runsInTransaction()).isFalse();
        assertThat(MigrationSteps.find(steps, "000042")).isSameAs(steps.get(1));
        assertThat(MigrationSteps.find(steps, "42")).isSameAs(steps.get(1));
        assertThat(MigrationSteps.find(steps, "000042_index.up.sql")).isSameAs(steps.get(1));
    }

    @Test
    void should_refuse_duplicate_versions() {
        write("000001_a.up.sql", "select 1;\n");
        write("1_b.up.sql", "select 2;\n");

        assertThatThrownBy(() -> load(MigrationsFormat.GOLANG_MIGRATE)).isInstanceOf(ConfigurationException.class)
                .hasMessage("Duplicate migration version 1: " + path("000001_a.up.sql") + " and " + path("1_b.up.sql")
                        + "; give each migration its own version");
    }

    @Test
    void should_refuse_a_misnamed_golang_migrate_file() {
        write("000001_a.sql", "select 1;\n");

        assertThatThrownBy(() -> load(MigrationsFormat.GOLANG_MIGRATE)).isInstanceOf(ConfigurationException.class)
                .hasMessage(path("000001_a.sql") + ": not a golang-migrate file name; expected <version>_<title>.up.sql"
                        + " or <version>_<title>.down.sql (e.g. 000001_create_users.up.sql)");
    }

    @Test
    void should_read_only_the_up_section_of_a_dbmate_migration() {
        write("20240101120000_create_users.sql", """
                -- migrate:up
                create table users (id int primary key);
                alter table users add column name text;

                -- migrate:down
                drop table users;
                """);
        write("20240102000000_index_users.sql", """
                -- migrate:up transaction:false
                create index concurrently users_name on users (name);
                -- migrate:down
                drop index users_name;
                """);

        List<MigrationStep> steps = load(MigrationsFormat.DBMATE);

        assertThat(steps).extracting(MigrationStep::name).containsExactly("20240101120000_create_users",
                "20240102000000_index_users");
        assertThat(steps.get(0).statements()).extracting(SqlStatement::line).containsExactly(2, 3);
        assertThat(steps.get(0).runsInTransaction()).isTrue();
        assertThat(steps.get(1).statements()).extracting(SqlStatement::line).containsExactly(2);
        assertThat(steps.get(1).runsInTransaction()).isFalse();
        assertThat(MigrationSteps.find(steps, "20240102000000")).isSameAs(steps.get(1));
    }

    @Test
    void should_refuse_a_dbmate_file_without_migrate_up() {
        write("20240101120000_create_users.sql", "create table users (id int);\n");

        assertThatThrownBy(() -> load(MigrationsFormat.DBMATE)).isInstanceOf(ConfigurationException.class)
                .hasMessage(path("20240101120000_create_users.sql") + ":1: SQL before '-- migrate:up'; dbmate runs only"
                        + " what is in the '-- migrate:up' and '-- migrate:down' sections");
        write("20240101120000_create_users.sql", "-- create users\n-- migrate:down\n");
        assertThatThrownBy(() -> load(MigrationsFormat.DBMATE)).isInstanceOf(ConfigurationException.class)
                .hasMessage(path("20240101120000_create_users.sql") + ":2: '-- migrate:down' before '-- migrate:up';"
                        + " dbmate requires the up section first");
        write("20240101120000_create_users.sql", "-- nothing here\n");
        assertThatThrownBy(() -> load(MigrationsFormat.DBMATE)).isInstanceOf(ConfigurationException.class)
                .hasMessage(path("20240101120000_create_users.sql") + ": no '-- migrate:up' line; a dbmate migration"
                        + " holds '-- migrate:up', its statements, then optionally '-- migrate:down' and the statements"
                        + " that undo them");
    }

    @Test
    void should_refuse_a_concurrent_index_in_a_dbmate_transaction() {
        write("20240101120000_index.sql", "-- migrate:up\ncreate index concurrently i on t (a);\n");

        assertThatThrownBy(() -> load(MigrationsFormat.DBMATE)).isInstanceOf(ConfigurationException.class)
                .hasMessage(path("20240101120000_index.sql") + ":2: dbmate runs this migration in one transaction,"
                        + " where PostgreSQL refuses create index concurrently i on t (a); write"
                        + " '-- migrate:up transaction:false' at " + path("20240101120000_index.sql") + ":1"
                        + " (or move the statement into a migration of its own)");
    }

    @Test
    void should_read_liquibase_changesets_in_order_with_their_attributes() {
        write("changelog.sql", """
                --liquibase formatted sql

                --changeset alice:create-users
                --comment: the users table
                create table users (id int primary key);
                alter table users add column name text;
                --rollback drop table users;

                --changeset bob:index runInTransaction:false
                create index concurrently users_name on users (name);

                --changeset bob:fn endDelimiter:/ splitStatements:false
                create function one() returns int language sql as 'select 1'
                /
                --changeset carol:oracle-only dbms:oracle
                create table o (a int);
                """);

        List<MigrationStep> steps = load(MigrationsFormat.LIQUIBASE);

        assertThat(steps).extracting(MigrationStep::name).containsExactly("alice:create-users", "bob:index", "bob:fn");
        assertThat(steps).extracting(MigrationStep::version).containsExactly("1", "2", "3");
        assertThat(steps).extracting(MigrationStep::fileName).containsOnly("changelog.sql");
        assertThat(steps.get(0).statements()).extracting(SqlStatement::line).containsExactly(5, 6);
        assertThat(steps.get(0).runsInTransaction()).isTrue();
        assertThat(steps.get(1).statements()).extracting(SqlStatement::line).containsExactly(10);
        assertThat(steps.get(1).runsInTransaction()).isFalse();
        assertThat(steps.get(2).statements()).singleElement().satisfies(s -> {
            assertThat(s.line()).isEqualTo(13);
            assertThat(s.sql()).isEqualTo("create function one() returns int language sql as 'select 1'");
        });
        assertThat(MigrationSteps.find(steps, "bob:index")).isSameAs(steps.get(1));
        assertThat(MigrationSteps.find(steps, "2")).isSameAs(steps.get(1));
    }

    @Test
    void should_read_a_folder_of_changelogs_in_file_name_order_or_one_master_file() {
        write("b.sql", "--liquibase formatted sql\n--changeset a:2\nselect 2;\n");
        write("a.sql", "--liquibase formatted sql\n--changeset a:1\nselect 1;\n");

        assertThat(load(MigrationsFormat.LIQUIBASE)).extracting(MigrationStep::name).containsExactly("a:1", "a:2");
        assertThat(new MigrationLoader().load(MigrationsFormat.LIQUIBASE, List.of(path("b.sql")), Map.of(), null))
                .extracting(MigrationStep::name).containsExactly("a:2");
    }

    @Test
    void should_refuse_a_changeset_without_id() {
        write("changelog.sql", "--liquibase formatted sql\n--changeset alice\nselect 1;\n");

        assertThatThrownBy(() -> load(MigrationsFormat.LIQUIBASE)).isInstanceOf(ConfigurationException.class)
                .hasMessage(path("changelog.sql") + ":2: a changeset needs an author and an id: --changeset <author>:<id>"
                        + " (e.g. --changeset alice:1)");
    }

    @Test
    void should_refuse_a_duplicate_changeset() {
        write("changelog.sql", "--liquibase formatted sql\n--changeset alice:1\nselect 1;\n--changeset alice:1\nselect 2;\n");

        assertThatThrownBy(() -> load(MigrationsFormat.LIQUIBASE)).isInstanceOf(ConfigurationException.class)
                .hasMessage("Duplicate changeset alice:1: " + path("changelog.sql") + ":2 and " + path("changelog.sql")
                        + ":4; give each changeset its own author:id");
    }

    @Test
    void should_report_preconditions_as_unsupported_naming_file_and_line() {
        write("changelog.sql", "--liquibase formatted sql\n--changeset alice:1\n--precondition-sql-check expectedResult:0 select 1\nselect 1;\n");

        assertThatThrownBy(() -> load(MigrationsFormat.LIQUIBASE)).isInstanceOf(ConfigurationException.class)
                .hasMessage(path("changelog.sql") + ":3: Liquibase preconditions are not supported: Zerodown cannot tell"
                        + " whether Liquibase would run, skip or fail this changeset; remove the --precondition lines,"
                        + " or move the changeset to a changelog Zerodown does not check");
    }

    @Test
    void should_refuse_an_unknown_changeset_attribute_and_a_file_that_is_not_formatted_sql() {
        write("changelog.sql", "--liquibase formatted sql\n--changeset alice:1 runInTransation:false\nselect 1;\n");
        assertThatThrownBy(() -> load(MigrationsFormat.LIQUIBASE)).isInstanceOf(ConfigurationException.class)
                .hasMessage(path("changelog.sql") + ":2: unknown changeset attribute 'runInTransation'; accepted: "
                        + LiquibaseChangelog.ACCEPTED_ATTRIBUTES);
        write("changelog.sql", "create table t (a int);\n");
        assertThatThrownBy(() -> load(MigrationsFormat.LIQUIBASE)).isInstanceOf(ConfigurationException.class)
                .hasMessage(path("changelog.sql") + ": not a Liquibase formatted SQL changelog; its first line must be"
                        + " --liquibase formatted sql (XML, YAML and JSON changelogs end in .xml, .yaml, .yml or .json)");
    }

    @Test
    void should_say_what_it_expected_when_a_folder_holds_no_migrations_of_the_format() {
        write("V1__flyway.sql", "select 1;\n");

        assertThatThrownBy(() -> load(MigrationsFormat.DIESEL)).isInstanceOf(ConfigurationException.class)
                .hasMessage("No diesel migrations found in " + dir + "; expected folders <version>_<name>/up.sql"
                        + " (e.g. 2024-01-01-120000_create_users/up.sql) (migrationsFormat=diesel)");
    }
}
