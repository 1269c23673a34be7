package dev.zerodown.invariants;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import dev.zerodown.result.InvariantResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example of docs/invariants.md, kept compiling and passing here: change both together. */
class InvariantsDocExampleTest {
    static final String INVARIANTS_SQL = """
            -- dual write keeps both shapes in sync while old and new versions run side by side
            -- invariant: names_in_sync from V3 until V4
            select id, user_name, full_name
            from users
            where full_name is distinct from user_name;

            -- every order line points at an existing order, at every state
            -- invariant: no_orphan_lines
            select l.id from order_lines l left join orders o on o.id = l.order_id where o.id is null;
            """;

    @Test
    void should_run_the_example_of_the_guide(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("invariants.sql");
        Files.writeString(file, INVARIANTS_SQL);

        // --- docs/invariants.md: "Checking invariants without JUnit" ---
        List<Invariant> invariants = InvariantsFile.parse(file);
        try (Database db = Postgres.embedded(17).createDatabase("example")) {
            try (Connection c = db.connect("setup"); Statement s = c.createStatement()) {
                s.execute("create table users (id int primary key, user_name text, full_name text)");
                s.execute("insert into users values (1, 'ada', 'ada'), (2, 'grace', null)");
                s.execute("create table orders (id int primary key)");
                s.execute("create table order_lines (id int primary key, order_id int)");
            }
            List<InvariantResult> results = new InvariantChecker(db).check(invariants, 0);
            for (InvariantResult r : results) {
                System.out.printf("%s: %d discrepancies %s%n", r.name(), r.discrepancies(), r.sample());
            }
            // prints: names_in_sync: 1 discrepancies [{id=2, user_name=grace, full_name=null}]
            //         no_orphan_lines: 0 discrepancies []
            // --- end of the example ---

            assertThat(results).extracting(InvariantResult::name, InvariantResult::discrepancies)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("names_in_sync", 1L),
                            org.assertj.core.groups.Tuple.tuple("no_orphan_lines", 0L));
            assertThat(results.get(0).sample().toString()).isEqualTo("[{id=2, user_name=grace, full_name=null}]");
            assertThat(invariants.get(0).fromStep()).isEqualTo("V3");
            assertThat(invariants.get(0).untilStep()).isEqualTo("V4");
        }
    }
}
