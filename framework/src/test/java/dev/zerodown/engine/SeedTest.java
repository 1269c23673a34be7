package dev.zerodown.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerodown.config.ConfigurationException;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A seed's SQL error on real PostgreSQL names file:line of the failing statement, and nothing of it stays. */
class SeedTest {
    private static final String FIX = "; fix the seed so it runs on the baseline schema";
    private static Database db;

    @TempDir
    Path dir;

    @BeforeAll
    static void createDatabase() throws SQLException {
        db = Postgres.embedded(17).createDatabase("seed_errors");
        try (Connection c = db.connect("test")) {
            c.createStatement().execute("create table users (id bigint primary key, email text not null,"
                    + " manager bigint references users deferrable initially deferred)");
        }
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    static Stream<Arguments> badSeeds() {
        return Stream.of(
                Arguments.of("insert into users values (1, 'a');\n\ninsert into nope values (1);\n",
                        ":3 failed (SQLState 42P01): ERROR: relation \"nope\" does not exist"),
                Arguments.of("-- two users\ninsert into users values (1, 'a');\ninsert into users\n"
                                + "  values (1, 'b');\n",
                        ":3 failed (SQLState 23505): ERROR: duplicate key value violates unique constraint \"users_pkey\""),
                Arguments.of("insert into users values (1, 'a'); insert into users values (2, null);",
                        ":1 failed (SQLState 23502): ERROR: null value in column \"email\" of relation \"users\""
                                + " violates not-null constraint"),
                Arguments.of("insert into users select g, 'u' || g from generate_series(1, 10) g;\n"
                                + "do $$ begin raise exception 'seed; broken'; end $$;\n",
                        ":2 failed (SQLState P0001): ERROR: seed; broken"),
                Arguments.of("insert into users values (1, 'a');\nselect 1 frm users;\n",
                        ":2 failed (SQLState 42601): ERROR: syntax error at or near \"users\""),
                Arguments.of("insert into users values (1, 'a', 99);\n",
                        " failed at commit (SQLState 23503): ERROR: insert or update on table \"users\" violates"
                                + " foreign key constraint \"users_manager_fkey\""));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badSeeds")
    void should_name_the_file_and_line_of_the_failing_statement(String sql, String failure) throws Exception {
        Path seed = Files.writeString(dir.resolve("seed.sql"), sql);

        assertThatThrownBy(() -> Seed.apply(db, seed)).isInstanceOf(ConfigurationException.class)
                .hasMessage("Seed file " + seed + failure + FIX);
        assertThat(count()).as("rows left by the failed seed").isZero();
    }

    @Test
    void should_apply_every_statement_of_a_good_seed_in_one_transaction() throws Exception {
        Path seed = Files.writeString(dir.resolve("seed.sql"),
                "insert into users values (1, 'a; b');\n-- a comment; with a semicolon\n"
                        + "insert into users select g, $$x;y$$ from generate_series(2, 5) g;\n"
                        + "delete from users where id = 5");

        Seed.apply(db, seed);

        assertThat(count()).isEqualTo(4);
        try (Connection c = db.connect("test")) {
            c.createStatement().execute("truncate users");
        }
    }

    private static long count() throws SQLException {
        try (Connection c = db.connect("test"); ResultSet rs = c.createStatement().executeQuery("select count(*) from users")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
