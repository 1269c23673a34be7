package dev.zerodown.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerodown.config.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XML, YAML and JSON changelogs read by Liquibase 4.33 and rendered for PostgreSQL offline (no database). */
class LiquibaseChangelogsTest {
    static final String XML_HEAD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
            """;

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

    private List<MigrationStep> load(String location) {
        return load(location, null, null);
    }

    private List<MigrationStep> load(String location, String contexts, String labels) {
        return new MigrationLoader().withLiquibase(contexts, labels)
                .load(MigrationsFormat.LIQUIBASE, List.of(location), Map.of(), null);
    }

    private String path(String relative) {
        return dir + "/" + relative;
    }

    private static List<String> lines(MigrationStep step) {
        return step.statements().stream().map(s -> step.location() + ":" + s.line() + " "
                + (s.transactional() ? "" : "[non-transactional] ") + s.sql()).toList();
    }

    @Test
    void should_read_an_xml_changelog_with_include_and_include_all_in_liquibase_order() {
        write("db/master.xml", XML_HEAD + """
                  <changeSet id="create-users" author="alice">
                    <createTable tableName="users">
                      <column name="id" type="bigint"><constraints primaryKey="true"/></column>
                      <column name="email" type="text"/>
                    </createTable>
                  </changeSet>
                  <include file="changes/add-name.xml" relativeToChangelogFile="true"/>
                  <includeAll path="more/" relativeToChangelogFile="true"/>
                  <changeSet id="index-email" author="alice" runInTransaction="false">
                    <sql>create index concurrently users_email on users (email)</sql>
                  </changeSet>
                  <changeSet id="rename" author="alice">
                    <renameColumn tableName="users" oldColumnName="name" newColumnName="full_name"/>
                  </changeSet>
                </databaseChangeLog>
                """);
        write("db/changes/add-name.xml", XML_HEAD + """
                  <changeSet id="add-name" author="bob">
                    <addColumn tableName="users">
                      <column name="name" type="text"/>
                    </addColumn>
                  </changeSet>
                </databaseChangeLog>
                """);
        write("db/more/b-index.yaml", """
                databaseChangeLog:
                  - changeSet:
                      id: index-name
                      author: carol
                      changes:
                        - createIndex:
                            indexName: users_name
                            tableName: users
                            columns:
                              - column:
                                  name: name
                """);
        write("db/more/a-age.sql", """
                --liquibase formatted sql
                --changeset dan:age
                alter table users add column age int;
                """);

        List<MigrationStep> steps = load(path("db/master.xml"));

        assertThat(steps).extracting(MigrationStep::name)
                .containsExactly("alice:create-users", "bob:add-name", "dan:age", "carol:index-name", "alice:index-email",
                        "alice:rename");
        assertThat(steps).extracting(MigrationStep::version).containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(steps).extracting(MigrationStep::fileName).containsExactly("master.xml", "changes/add-name.xml",
                "more/a-age.sql", "more/b-index.yaml", "master.xml", "master.xml");
        assertThat(steps).flatExtracting(LiquibaseChangelogsTest::lines).containsExactly(
                path("db/master.xml") + ":6 CREATE TABLE users (id BIGINT NOT NULL, email TEXT, CONSTRAINT users_pkey PRIMARY KEY (id))",
                path("db/changes/add-name.xml") + ":6 ALTER TABLE users ADD name TEXT",
                path("db/more/a-age.sql") + ":3 alter table users add column age int",
                path("db/more/b-index.yaml") + ":6 CREATE INDEX users_name ON users(name)",
                path("db/master.xml") + ":14 [non-transactional] create index concurrently users_email on users (email)",
                path("db/master.xml") + ":17 ALTER TABLE users RENAME COLUMN name TO full_name");
        assertThat(steps).extracting(MigrationStep::runsInTransaction).containsExactly(true, true, true, true, false, true);
        assertThat(MigrationSteps.find(steps, "alice:index-email")).isSameAs(steps.get(4));
    }

    @Test
    void should_read_yaml_and_json_changelogs_with_the_line_of_each_change() {
        write("changelog.yaml", """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: alice
                      changes:
                        - createTable:
                            tableName: t
                            columns:
                              - column: {name: id, type: int}
                        - sql:
                            sql: create index concurrently t_id on t (id)
                      runInTransaction: false
                """);
        write("changelog.json", """
                {"databaseChangeLog": [
                  {"changeSet": {
                    "id": "2",
                    "author": "bob",
                    "changes": [
                      {"addColumn": {"tableName": "t", "columns": [{"column": {"name": "b", "type": "text"}}]}},
                      {"sql": {"sql": "update t set b = 'x'"}}
                    ]
                  }}
                ]}
                """);

        MigrationStep yaml = load(path("changelog.yaml")).get(0);
        MigrationStep json = load(path("changelog.json")).get(0);

        assertThat(lines(yaml)).containsExactly(path("changelog.yaml") + ":6 CREATE TABLE t (id INTEGER)",
                path("changelog.yaml") + ":11 [non-transactional] create index concurrently t_id on t (id)");
        assertThat(yaml.runsInTransaction()).isFalse();
        assertThat(lines(json)).containsExactly(path("changelog.json") + ":6 ALTER TABLE t ADD b TEXT",
                path("changelog.json") + ":7 update t set b = 'x'");
        assertThat(json.runsInTransaction()).isTrue();
    }

    @Test
    void should_keep_split_statements_end_delimiter_and_modify_sql_as_liquibase_sends_them() {
        write("changelog.xml", XML_HEAD + """
                  <changeSet id="fn" author="alice">
                    <sql endDelimiter="/">create function one() returns int language sql as 'select 1'
                /
                create function two() returns int language sql as 'select 2'
                /</sql>
                  </changeSet>
                  <changeSet id="together" author="alice" runInTransaction="false">
                    <sql splitStatements="false">update t set a = 1; update t set a = 2</sql>
                  </changeSet>
                  <changeSet id="modified" author="alice">
                    <createTable tableName="m"><column name="id" type="int"/></createTable>
                    <modifySql dbms="postgresql"><append value=" with (fillfactor = 70)"/></modifySql>
                    <modifySql dbms="oracle"><append value=" tablespace x"/></modifySql>
                  </changeSet>
                </databaseChangeLog>
                """);

        List<MigrationStep> steps = load(path("changelog.xml"));

        assertThat(lines(steps.get(0))).containsExactly(
                path("changelog.xml") + ":6 create function one() returns int language sql as 'select 1'",
                path("changelog.xml") + ":8 create function two() returns int language sql as 'select 2'");
        assertThat(lines(steps.get(1))).containsExactly(path("changelog.xml") + ":12 update t set a = 1",
                path("changelog.xml") + ":12 update t set a = 2");
        assertThat(steps.get(1).runsInTransaction()).as("one query string of two statements: one implicit transaction")
                .isTrue();
        assertThat(lines(steps.get(2))).containsExactly(
                path("changelog.xml") + ":15 CREATE TABLE m (id INTEGER) with (fillfactor = 70)");
    }

    @Test
    void should_run_only_the_changesets_an_update_with_the_contexts_and_labels_runs() {
        write("changelog.xml", XML_HEAD + """
                  <changeSet id="always" author="a"><sql>select 1</sql></changeSet>
                  <changeSet id="test-data" author="a" context="test"><sql>select 2</sql></changeSet>
                  <changeSet id="prod-eu" author="a" context="prod" labels="eu"><sql>select 3</sql></changeSet>
                  <changeSet id="prod-us" author="a" context="prod" labels="us"><sql>select 4</sql></changeSet>
                  <changeSet id="not-test" author="a" context="!test"><sql>select 5</sql></changeSet>
                </databaseChangeLog>
                """);

        assertThat(load(path("changelog.xml"))).extracting(MigrationStep::name)
                .as("no contexts and no labels: every changeset, as in Liquibase")
                .containsExactly("a:always", "a:test-data", "a:prod-eu", "a:prod-us", "a:not-test");
        assertThat(load(path("changelog.xml"), "prod", null)).extracting(MigrationStep::name)
                .containsExactly("a:always", "a:prod-eu", "a:prod-us", "a:not-test");
        assertThat(load(path("changelog.xml"), "prod", "eu")).extracting(MigrationStep::name)
                .containsExactly("a:always", "a:prod-eu", "a:not-test");
        assertThat(load(path("changelog.xml"), "test", "!us")).extracting(MigrationStep::name)
                .as("context prod does not match test, whatever the labels").containsExactly("a:always", "a:test-data");
    }

    @Test
    void should_filter_formatted_sql_changesets_by_context_and_labels_with_liquibase_rules() {
        write("changelog.sql", """
                --liquibase formatted sql
                --changeset a:1
                select 1;
                --changeset a:2 context:test
                select 2;
                --changeset a:3 context:prod labels:eu
                select 3;
                """);

        assertThat(load(path("changelog.sql"))).extracting(MigrationStep::name).containsExactly("a:1", "a:2", "a:3");
        assertThat(load(path("changelog.sql"), "prod", "eu")).extracting(MigrationStep::name).containsExactly("a:1", "a:3");
        assertThat(load(path("changelog.sql"), null, "!eu")).extracting(MigrationStep::name).containsExactly("a:1", "a:2");
    }

    @Test
    void should_skip_changesets_and_changes_for_another_dbms() {
        write("changelog.xml", XML_HEAD + """
                  <changeSet id="mysql-only" author="a" dbms="mysql"><sql>select 1</sql></changeSet>
                  <changeSet id="pg" author="a" dbms="postgresql,h2">
                    <sql dbms="mysql">select 2</sql>
                    <sql>select 3</sql>
                  </changeSet>
                  <changeSet id="not-pg" author="a" dbms="!postgresql"><sql>select 4</sql></changeSet>
                </databaseChangeLog>
                """);

        List<MigrationStep> steps = load(path("changelog.xml"));

        assertThat(steps).extracting(MigrationStep::name).containsExactly("a:pg");
        assertThat(steps.get(0).statements()).extracting(SqlStatement::sql).containsExactly("select 3");
    }

    @Test
    void should_name_a_missing_include_with_liquibase_s_message() {
        write("changelog.xml", XML_HEAD + """
                  <include file="changes/missing.xml" relativeToChangelogFile="true"/>
                </databaseChangeLog>
                """);

        assertThatThrownBy(() -> load(path("changelog.xml"))).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(path("changelog.xml") + ": Liquibase cannot read this changelog: ")
                .hasMessageContaining("The file changes/missing.xml was not found in the configured search path")
                .hasMessageEndingWith("; Zerodown looks for included files next to the changelog, in the working"
                        + " directory and on the class path: fix the path, or use relativeToChangelogFile=\"true\"");
    }

    @Test
    void should_refuse_preconditions_of_a_changeset_and_of_a_changelog_with_the_line() {
        write("changeset.xml", XML_HEAD + """
                  <changeSet id="1" author="a"><sql>select 1</sql></changeSet>
                  <changeSet id="2" author="a">
                    <preConditions onFail="MARK_RAN"><tableExists tableName="t"/></preConditions>
                    <sql>select 2</sql>
                  </changeSet>
                </databaseChangeLog>
                """);
        write("changelog.yaml", """
                databaseChangeLog:
                  - preConditions:
                      - dbms:
                          type: postgresql
                  - changeSet:
                      id: 1
                      author: a
                      changes:
                        - sql: {sql: select 1}
                """);

        assertThatThrownBy(() -> load(path("changeset.xml"))).isInstanceOf(ConfigurationException.class)
                .hasMessage(path("changeset.xml") + ":6: Liquibase preconditions are not supported (this changeset has"
                        + " preConditions): Zerodown cannot tell whether Liquibase would run, skip or fail it; remove the"
                        + " preConditions, or move the changesets to a changelog Zerodown does not check");
        write("master.xml", XML_HEAD + """
                  <include file="changelog.yaml" relativeToChangelogFile="true"/>
                </databaseChangeLog>
                """);

        assertThatThrownBy(() -> load(path("changelog.yaml"))).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(path("changelog.yaml") + ":2: Liquibase preconditions are not supported (this"
                        + " changelog has preConditions)");
        assertThatThrownBy(() -> load(path("master.xml"))).isInstanceOf(ConfigurationException.class)
                .as("the included changelog that holds them is named").hasMessageStartingWith(path("changelog.yaml")
                        + ":2: Liquibase preconditions are not supported (this changelog has preConditions)");
    }

    @Test
    void should_refuse_a_change_in_a_transaction_that_postgres_refuses_there() {
        write("changelog.xml", XML_HEAD + """
                  <changeSet id="idx" author="a">
                    <sql>create index concurrently t_a on t (a)</sql>
                  </changeSet>
                </databaseChangeLog>
                """);

        assertThatThrownBy(() -> load(path("changelog.xml"))).isInstanceOf(ConfigurationException.class)
                .hasMessage(path("changelog.xml") + ":6: Liquibase runs this migration in one transaction, where"
                        + " PostgreSQL refuses create index concurrently t_a on t (a); write runInTransaction=\"false\""
                        + " on the changeset at " + path("changelog.xml") + ":5 (or move the statement into a migration"
                        + " of its own)");
    }

    @Test
    void should_refuse_changes_that_run_code_or_read_the_live_database() {
        write("command.xml", XML_HEAD + """
                  <changeSet id="1" author="a"><executeCommand executable="rm"/></changeSet>
                </databaseChangeLog>
                """);
        write("fks.xml", XML_HEAD + """
                  <changeSet id="1" author="a"><dropAllForeignKeyConstraints baseTableName="t"/></changeSet>
                </databaseChangeLog>
                """);

        assertThatThrownBy(() -> load(path("command.xml"))).isInstanceOf(ConfigurationException.class)
                .hasMessage(path("command.xml") + ":5: the Liquibase change 'executeCommand' is not supported: it runs"
                        + " code or stops the update, which Zerodown cannot render as SQL; move it to a changelog"
                        + " Zerodown does not check, or write the SQL it runs in a <sql> change");
        assertThatThrownBy(() -> load(path("fks.xml"))).isInstanceOf(ConfigurationException.class)
                .hasMessage(path("fks.xml") + ":5: Liquibase builds the SQL of this dropAllForeignKeyConstraints from"
                        + " the live database when it runs and renders none without one, so Zerodown cannot check it;"
                        + " write the SQL it should run in a <sql> change");
    }

    @Test
    void should_name_steps_by_liquibase_identity_when_two_files_share_an_author_and_id() {
        write("db/a.yaml", "databaseChangeLog:\n  - changeSet:\n      id: 1\n      author: a\n      changes:\n        - sql: {sql: select 1}\n");
        write("db/b.yaml", "databaseChangeLog:\n  - changeSet:\n      id: 1\n      author: a\n      changes:\n        - sql: {sql: select 2}\n");

        assertThat(load(path("db"))).extracting(MigrationStep::name).containsExactly("a.yaml::1::a", "b.yaml::1::a");
    }

    @Test
    void should_refuse_a_folder_that_holds_a_master_changelog_and_the_files_it_includes() {
        write("db/master.xml", XML_HEAD + """
                  <include file="changes/a.xml" relativeToChangelogFile="true"/>
                </databaseChangeLog>
                """);
        write("db/changes/a.xml", XML_HEAD + """
                  <changeSet id="1" author="a"><sql>select 1</sql></changeSet>
                </databaseChangeLog>
                """);

        assertThatThrownBy(() -> load(path("db"))).isInstanceOf(ConfigurationException.class)
                .hasMessage(path("db/changes/a.xml") + " is in the migrations folder and is also included by "
                        + path("db/master.xml") + ", so its changesets would run twice; set migrations to the master"
                        + " changelog (" + path("db/master.xml") + ") instead of the folder");
    }

    @Test
    void should_read_a_changelog_on_the_class_path() {
        List<MigrationStep> steps = load("classpath:liquibase/changelog.yaml");

        assertThat(steps).extracting(MigrationStep::name).containsExactly("alice:create-t", "alice:index-t");
        assertThat(steps.get(1).location()).isEqualTo("classpath:liquibase/changelog.yaml");
        assertThat(steps.get(1).fileName()).isEqualTo("changelog.yaml");
        assertThat(steps.get(1).statements()).singleElement().satisfies(s -> {
            assertThat(s.line()).isEqualTo(15);
            assertThat(s.transactional()).isFalse();
        });
    }
}
