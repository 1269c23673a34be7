package dev.zerodown.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerodown.config.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input for the provider settings: one line each, listing what is accepted. No server needed. */
class PostgresSettingsTest {

    @Test
    void should_reject_an_unknown_provider_listing_the_accepted_ones() {
        assertThatThrownBy(() -> ProviderKind.parse("docker"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("setting `provider` (property zerodown.provider): `docker` is not a provider;"
                        + " write embedded, testcontainers, external, auto");
    }

    @Test
    void should_parse_provider_names_ignoring_case_and_spaces() {
        assertThat(ProviderKind.parse(" Auto ")).isEqualTo(ProviderKind.AUTO);
    }

    @Test
    void should_parse_one_major() {
        assertThat(Postgres.parseMajors("17")).containsExactly(17);
    }

    @Test
    void should_parse_a_list_of_majors_with_or_without_spaces_in_the_given_order() {
        assertThat(Postgres.parseMajors("18,13")).containsExactly(18, 13);
        assertThat(Postgres.parseMajors(" 13, 18 ")).containsExactly(13, 18);
    }

    @Test
    void should_drop_repeated_majors() {
        assertThat(Postgres.parseMajors("17,17,16")).containsExactly(17, 16);
    }

    @Test
    void should_reject_major_9_listing_the_accepted_majors() {
        assertThatThrownBy(() -> Postgres.parseMajors("9"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("setting `postgresVersions` (property zerodown.postgresVersions): `9` is not a list of"
                        + " supported majors (9 is not supported); write 13, 14, 15, 16, 17, 18 (one major or a"
                        + " comma-separated list, e.g. 17 or 13,18)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "abc", "17;18", "13,,18", "17.2", "13,19", "12"})
    void should_reject_anything_else_in_one_line(String setting) {
        assertThatThrownBy(() -> Postgres.parseMajors(setting))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("; write 13, 14, 15, 16, 17, 18")
                .hasMessageNotContaining("\n");
    }

    @Test
    void should_reject_an_unsupported_major_in_options() {
        assertThatThrownBy(() -> PostgresOptions.embedded(9))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Unsupported PostgreSQL major 9 (setting postgresVersions, property zerodown.postgresVersions);"
                        + " accepted: 13, 14, 15, 16, 17, 18");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres://db.example/app", "jdbc:mysql://db.example/app?user=a", "jdbc:postgresql://db.example/",
        "jdbc:postgresql://db.example:port/app?user=a", "jdbc:postgresql://db.example:99999/app?user=a",
        "jdbc:postgresql:app", "db.example:5432/app"})
    void should_reject_a_malformed_jdbc_url_naming_the_accepted_form(String url) {
        assertThatThrownBy(() -> PostgresOptions.external(17, url, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("jdbcUrl (property zerodown.jdbcUrl) '" + url + "' is not a PostgreSQL JDBC URL;")
                .hasMessageEndingWith("accepted form: jdbc:postgresql://host[:port]/database?user=NAME&password=SECRET")
                .hasMessageNotContaining("\n");
    }

    @Test
    void should_not_repeat_the_password_of_a_malformed_url() {
        assertThatThrownBy(() -> PostgresOptions.external(17, "jdbc:postgresql://h:x/db?user=a&password=hunter2", null))
                .hasMessageContaining("password=***")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void should_require_a_user_in_the_jdbc_url() {
        assertThatThrownBy(() -> PostgresOptions.external(17, "jdbc:postgresql://db.example:5432/app", null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("names no user");
    }

    @Test
    void should_require_a_jdbc_url_for_the_external_provider() {
        assertThatThrownBy(() -> PostgresOptions.of(ProviderKind.EXTERNAL, 17))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("provider=external needs a jdbcUrl (property zerodown.jdbcUrl), in the form"
                        + " jdbc:postgresql://host[:port]/database?user=NAME&password=SECRET");
    }

    @Test
    void should_split_a_jdbc_url_into_server_and_database() {
        ExternalUrl url = ExternalUrl.parse("jdbc:postgresql://db1:5432,db2:5433/staging%2D1?user=ci&password=s%26cret&sslmode=require");

        assertThat(url.database()).isEqualTo("staging-1");
        assertThat(url.server()).isEqualTo(new ServerAddress("db1:5432,db2:5433", "sslmode=require", "ci", "s&cret"));
        assertThat(url.server().url("zd_x")).isEqualTo("jdbc:postgresql://db1:5432,db2:5433/zd_x?sslmode=require");
    }

    @Test
    void should_use_the_postgres_image_of_the_major_unless_overridden() {
        assertThat(PostgresOptions.of(ProviderKind.TESTCONTAINERS, 16).effectiveImage()).isEqualTo("postgres:16");
        assertThat(PostgresOptions.of(ProviderKind.TESTCONTAINERS, 16).withImage("mirror.local/postgres:{major}-alpine")
                .effectiveImage()).isEqualTo("mirror.local/postgres:16-alpine");
    }

    @Test
    void should_default_to_the_embedded_provider() {
        assertThat(new PostgresOptions(null, 17, " ", null, "").provider()).isEqualTo(ProviderKind.EMBEDDED);
    }
}
