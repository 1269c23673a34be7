package dev.zerodown.invariants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerodown.config.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvariantsFileTest {

    @Test
    void should_read_names_scopes_and_queries() {
        var invariants = InvariantsFile.parse("invariants.sql", """
                -- rows where the two shapes disagree
                -- invariant: names_in_sync from V3 until V4
                select id from users
                where full_name is distinct from user_name;

                -- invariant: no_orphans
                select l.id from lines l left join orders o on o.id = l.order_id where o.id is null;
                -- invariant: backfilled from V3__backfill.sql
                select id from users where full_name is null;
                """);

        assertThat(invariants).containsExactly(
                new Invariant("names_in_sync", "select id from users\nwhere full_name is distinct from user_name",
                        "V3", "V4", "invariants.sql:3"),
                new Invariant("no_orphans", "select l.id from lines l left join orders o on o.id = l.order_id where o.id is null",
                        null, null, "invariants.sql:7"),
                new Invariant("backfilled", "select id from users where full_name is null", "V3__backfill.sql", null,
                        "invariants.sql:9"));
    }

    @Test
    void should_take_a_header_after_the_semicolon_for_the_query_before() {
        var invariants = InvariantsFile.parse("invariants.sql", "select count(*) = 0 from t; -- invariant: empty\n");

        assertThat(invariants).extracting(Invariant::name, Invariant::sql)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("empty", "select count(*) = 0 from t"));
    }

    @Test
    void should_read_a_file_by_path(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("checks.sql"), "-- invariant: x until V2\nselect 1 where false;\n");

        assertThat(InvariantsFile.parse(dir.resolve("checks.sql")))
                .containsExactly(new Invariant("x", "select 1 where false", null, "V2", "checks.sql:2"));
    }

    @Test
    void should_reject_a_malformed_header() {
        assertThatThrownBy(() -> InvariantsFile.parse("invariants.sql", "\n-- invariant: x after V3\nselect 1;"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("invariants.sql:2: malformed invariant header '-- invariant: x after V3'; write '-- invariant:"
                        + " <name> [from <step>] [until <step>]' directly above the query, e.g. '-- invariant: names_in_sync"
                        + " from V3 until V4'");
    }

    @Test
    void should_reject_a_header_without_a_name() {
        assertThatThrownBy(() -> InvariantsFile.parse("invariants.sql", "-- invariant:\nselect 1;"))
                .hasMessageStartingWith("invariants.sql:1: malformed invariant header '-- invariant:'; write");
    }

    @Test
    void should_reject_a_query_without_a_header() {
        assertThatThrownBy(() -> InvariantsFile.parse("invariants.sql", "-- invariant: a\nselect 1;\n\nselect 2;"))
                .hasMessageStartingWith("invariants.sql:4: query without an invariant header; write '-- invariant:");
    }

    @Test
    void should_reject_a_header_without_a_query() {
        assertThatThrownBy(() -> InvariantsFile.parse("invariants.sql", "-- invariant: a\nselect 1;\n-- invariant: b\n"))
                .hasMessage("invariants.sql:3: '-- invariant: b' has no query below it; put the query, ending with ';',"
                        + " directly under its header");
    }

    @Test
    void should_reject_two_headers_above_one_query() {
        assertThatThrownBy(() -> InvariantsFile.parse("invariants.sql", "-- invariant: a\n-- invariant: b\nselect 2;"))
                .hasMessage("invariants.sql:2: a second invariant header above the query at line 3 (the first is at line 1);"
                        + " end each query with ';'");
    }

    @Test
    void should_reject_a_header_inside_a_query_that_lacks_its_semicolon() {
        assertThatThrownBy(() -> InvariantsFile.parse("invariants.sql", "-- invariant: a\nselect 1\n-- invariant: b\nselect 2;"))
                .hasMessage("invariants.sql:3: '-- invariant: b' is inside the query that starts at line 2; end that query with ';'");
    }

    @Test
    void should_reject_a_name_used_twice() {
        assertThatThrownBy(() -> InvariantsFile.parse("invariants.sql", "-- invariant: a\nselect 1;\n-- invariant: a\nselect 2;"))
                .hasMessage("invariants.sql:4: invariant 'a' is declared twice (first at invariants.sql:2); give each"
                        + " invariant its own name");
    }

    @Test
    void should_accept_an_empty_file() {
        assertThat(InvariantsFile.parse("invariants.sql", "-- nothing yet\n")).isEmpty();
    }
}
