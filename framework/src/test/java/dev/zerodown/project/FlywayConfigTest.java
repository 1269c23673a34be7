package dev.zerodown.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import dev.zerodown.config.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlywayConfigTest {
    @TempDir
    Path project;

    private void write(String name, String text) throws Exception {
        Path file = project.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    void should_read_locations_placeholders_table_and_mixed_from_flyway_toml() throws Exception {
        write("flyway.toml", """
                [environments.default]
                url = "jdbc:postgresql://prod.example.com/shop"
                user = "deployer"
                password = "s3cret"
                schemas = ["shop", "audit"]

                [flyway]
                locations = ["filesystem:sql", "filesystem:sql-extra"]
                table = "schema_history"
                mixed = true

                [flyway.placeholders]
                owner = "shop_owner"
                grants = "select,insert"
                """);

        FlywayConfig c = FlywayConfig.read(project);

        assertThat(c.parameters()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "migrations", "filesystem:sql,filesystem:sql-extra", "flywayTable", "schema_history", "mixed", "true",
                "placeholders", "owner=shop_owner,grants=select,insert,flyway:defaultSchema=shop,flyway:table=schema_history"));
        assertThat(c.notes()).containsExactly(
                "Flyway configuration read from flyway.toml: migrations=filesystem:sql,filesystem:sql-extra,"
                        + " flywayTable=schema_history, mixed=true, placeholders (4) (a Zerodown setting of the same name wins)",
                "Flyway settings not applied by Zerodown: schemas (migrations run in the scratch database's default"
                        + " search_path; see docs/migrations.md)");
        assertThat(String.join("\n", c.notes())).doesNotContain("s3cret", "deployer", "prod.example.com");
    }

    @Test
    void should_read_flyway_conf_as_the_flyway_command_line_does() throws Exception {
        write("conf/flyway.conf", """
                flyway.url=jdbc:postgresql://localhost/shop
                flyway.password=s3cret
                flyway.locations=filesystem:src/main/resources/db/migration
                flyway.placeholders.owner=shop_owner
                flyway.cleanDisabled=true
                flyway.someFutureKey=1
                """);

        FlywayConfig c = FlywayConfig.read(project);

        assertThat(c.parameters()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "migrations", "filesystem:src/main/resources/db/migration", "placeholders", "owner=shop_owner"));
        assertThat(c.notes()).hasSize(3).last().isEqualTo("Flyway settings Zerodown does not read: someFutureKey");
        assertThat(String.join("\n", c.notes())).doesNotContain("s3cret");
    }

    @Test
    void should_read_spring_boots_relaxed_names_from_application_properties() throws Exception {
        write("src/main/resources/application.properties", """
                spring.datasource.url=jdbc:postgresql://localhost/shop
                spring.flyway.locations=classpath:db/migration/{vendor},classpath:db/common
                spring.flyway.default-schema=app
                spring.flyway.placeholders.owner=app_owner
                """);

        FlywayConfig c = FlywayConfig.read(project);

        assertThat(c.parameters()).containsEntry("migrations", "classpath:db/migration/postgresql,classpath:db/common")
                .containsEntry("placeholders", "owner=app_owner,flyway:defaultSchema=app");
    }

    @Test
    void should_read_spring_boots_application_yml() throws Exception {
        write("src/main/resources/application.yml", """
                spring:
                  flyway:
                    locations:
                      - classpath:db/migration
                      - classpath:db/seed-free
                    table: history
                    placeholders:
                      owner: app_owner
                """);

        FlywayConfig c = FlywayConfig.read(project);

        assertThat(c.parameters()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "migrations", "classpath:db/migration,classpath:db/seed-free", "flywayTable", "history",
                "placeholders", "owner=app_owner,flyway:table=history"));
    }

    @Test
    void should_refuse_a_naming_that_would_make_zerodown_read_other_files_than_flyway() throws Exception {
        write("flyway.conf", "flyway.sqlMigrationPrefix=M\n");

        assertThatThrownBy(() -> FlywayConfig.read(project)).isInstanceOf(ConfigurationException.class)
                .hasMessage("flyway.conf: flyway.sqlMigrationPrefix = `M` is not supported (Zerodown reads Flyway's default"
                        + " naming and placeholder syntax, so it would check other files or other text than Flyway runs);"
                        + " remove it or keep Flyway's default `V`");
    }

    @Test
    void should_accept_flyways_default_for_a_refused_key() throws Exception {
        write("flyway.conf", "flyway.sqlMigrationPrefix=V\nflyway.placeholderReplacement=true\n");

        assertThat(FlywayConfig.read(project).parameters()).isEmpty();
    }

    @Test
    void should_refuse_two_files_that_disagree() throws Exception {
        write("flyway.conf", "flyway.locations=filesystem:sql\n");
        write("src/main/resources/application.properties", "spring.flyway.locations=classpath:db/migration\n");

        assertThatThrownBy(() -> FlywayConfig.read(project)).isInstanceOf(ConfigurationException.class)
                .hasMessage("src/main/resources/application.properties sets spring.flyway.locations to"
                        + " `classpath:db/migration` but flyway.conf sets it to `filesystem:sql`; make them agree, or set the"
                        + " Zerodown setting to choose");
    }

    @Test
    void should_name_a_file_that_is_not_valid_toml() throws Exception {
        write("flyway.toml", "[flyway\nlocations = 1\n");

        assertThatThrownBy(() -> FlywayConfig.read(project)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("flyway.toml cannot be read as Flyway configuration: ")
                .hasMessageEndingWith("; fix the file or move it away");
    }

    @Test
    void should_let_zerodowns_own_setting_win_and_use_the_locations_otherwise() throws Exception {
        Files.createDirectories(project.resolve("sql"));
        write("flyway.toml", """
                [flyway]
                locations = ["filesystem:sql"]
                table = "schema_history"
                """);

        CheckInputs fromFlyway = CheckInputs.read(Map.of(), project);
        CheckInputs overridden = CheckInputs.read(Map.of("flywayTable", "other_history"), project);

        assertThat(fromFlyway.nothingToCheck()).isFalse();
        assertThat(fromFlyway.settings().migrations()).containsExactly("filesystem:" + project.resolve("sql").toAbsolutePath().normalize());
        assertThat(fromFlyway.settings().flywayTable()).isEqualTo("schema_history");
        assertThat(overridden.settings().flywayTable()).isEqualTo("other_history");
        assertThat(fromFlyway.flywayNotes()).first().asString().startsWith("Flyway configuration read from flyway.toml:");
    }

    @Test
    void should_turn_kebab_case_into_flyways_names() {
        assertThat(FlywayConfig.camel("default-schema")).isEqualTo("defaultSchema");
        assertThat(FlywayConfig.camel("sql-migration-suffixes")).isEqualTo("sqlMigrationSuffixes");
        assertThat(FlywayConfig.camel("table")).isEqualTo("table");
    }
}
