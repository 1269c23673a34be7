package dev.zerodown.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.zerodown.migrations.MigrationLoader;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The seeded baseline's key changes with every input that changes what is applied, and with nothing else. */
class BaselineKeyTest {
    private static final String SERVER = "embedded 17.11 (17)";
    private static final String ALSO = BaselineKey.also(null, dev.zerodown.migrations.Callbacks.NONE);

    @TempDir
    Path dir;

    @Test
    void should_give_the_same_key_to_the_same_inputs_and_another_to_any_change() throws IOException {
        Path seed = Files.writeString(dir.resolve("seed.sql"), "insert into accounts values (1);");
        Path profile = Files.writeString(dir.resolve("profile.json"), "{\"profileVersion\": 1, \"tables\": []}");
        Settings s = Settings.defaults();
        String key = BaselineKey.of(steps("create table accounts (id int);", Map.of()), seed, profile, s, SERVER, ALSO);

        assertThat(BaselineKey.of(steps("create table accounts (id int);", Map.of()), seed, profile, s, SERVER, ALSO))
                .isEqualTo(key).matches("[0-9a-f]{64}");
        assertThat(BaselineKey.of(steps("-- a comment only\ncreate table accounts (id int);", Map.of()), seed, profile, s, SERVER, ALSO))
                .as("a comment before a statement changes nothing applied").isEqualTo(key);
        assertThat(List.of(
                BaselineKey.of(steps("create table accounts (id bigint);", Map.of()), seed, profile, s, SERVER, ALSO),
                BaselineKey.of(steps("create table ${t} (id int);", Map.of("t", "clients")), seed, profile, s, SERVER, ALSO),
                BaselineKey.of(steps("create table accounts (id int);", Map.of()), null, profile, s, SERVER, ALSO),
                BaselineKey.of(steps("create table accounts (id int);", Map.of()), seed, null, s, SERVER, ALSO),
                BaselineKey.of(steps("create table accounts (id int);", Map.of()), seed, profile, s.with("scale", "0.5"), SERVER, ALSO),
                BaselineKey.of(steps("create table accounts (id int);", Map.of()), seed, profile, s.with("maxSeedRows", "10"), SERVER, ALSO),
                BaselineKey.of(steps("create table accounts (id int);", Map.of()), seed, profile, s.with("randomSeed", "7"), SERVER, ALSO),
                BaselineKey.of(steps("create table accounts (id int);", Map.of()), seed, profile, s.with("mixed", "true"), SERVER, ALSO),
                BaselineKey.of(steps("create table accounts (id int);", Map.of()), seed, profile, s, "embedded 17.10 (17)", ALSO),
                BaselineKey.of(steps("create table accounts (id int);", Map.of()), seed, profile, s, SERVER,
                        BaselineKey.also(Files.writeString(dir.resolve("init.sql"), "create role app;"),
                                dev.zerodown.migrations.Callbacks.NONE))))
                .doesNotHaveDuplicates().doesNotContain(key);
        Files.writeString(seed, "insert into accounts values (2);");
        assertThat(BaselineKey.of(steps("create table accounts (id int);", Map.of()), seed, profile, s, SERVER, ALSO))
                .as("the seed's content, not its path").isNotEqualTo(key);
    }

    @Test
    void should_leave_random_seed_and_scale_out_of_the_key_without_a_profile() throws IOException {
        List<MigrationStep> steps = steps("create table accounts (id int);", Map.of());

        assertThat(BaselineKey.of(steps, null, null, Settings.defaults().with("randomSeed", "7").with("scale", "0.5"), SERVER, ALSO))
                .isEqualTo(BaselineKey.of(steps, null, null, Settings.defaults(), SERVER, ALSO));
    }

    @ParameterizedTest
    @ValueSource(strings = {"copy accounts from '/data/accounts.csv' with (format csv)", "COPY accounts (id) FROM PROGRAM 'cat a.csv'",
            "insert into accounts select length(pg_read_file('PG_VERSION'))", "select lo_import('/etc/hostname')",
            "create extension file_fdw"})
    void should_find_a_statement_that_reads_from_outside_the_database(String sql) throws IOException {
        Path seed = Files.writeString(dir.resolve("seed.sql"), "insert into accounts values (1);\n\n" + sql + ";\n");

        assertThat(BaselineKey.readsOutside(List.of(), seed)).hasValueSatisfying(w -> assertThat(w).startsWith(seed + ":3: "));
        assertThat(BaselineKey.readsOutside(steps(sql + ";", Map.of()), null)).hasValueSatisfying(w -> assertThat(w)
                .startsWith("V1__accounts.sql:1: "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"copy (select 1) to '/tmp/out.csv'", "insert into accounts select 1 -- from 'x'",
            "create table copy_from (id int)"})
    void should_not_mistake_other_statements_for_reading_outside(String sql) throws IOException {
        assertThat(BaselineKey.readsOutside(steps(sql + ";", Map.of()), null)).isEmpty();
    }

    private List<MigrationStep> steps(String v1, Map<String, String> placeholders) throws IOException {
        Path m = Files.createDirectories(dir.resolve("m" + System.nanoTime()));
        Files.writeString(m.resolve("V1__accounts.sql"), v1);
        return new MigrationLoader().load(List.of("filesystem:" + m), placeholders, getClass().getClassLoader());
    }
}
