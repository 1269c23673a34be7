package dev.zerodown.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.flywaydb.database.postgresql.PostgreSQLParser;
import org.junit.jupiter.api.Test;

class FlywaySplitterTest {

    /** A Flyway upgrade that changes its non-transactional patterns must be noticed here. */
    @Test
    void should_use_the_non_transactional_patterns_of_the_pinned_flyway() throws IllegalAccessException {
        // given Flyway's own patterns, except the one that needs a database connection
        List<String> flyway = new ArrayList<>();
        for (Field f : PostgreSQLParser.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Pattern.class
                    && f.getName().endsWith("_REGEX") && !f.getName().equals("COPY_FROM_STDIN_REGEX")
                    && !f.getName().equals("ALTER_TYPE_ADD_VALUE_REGEX")) {
                f.setAccessible(true);
                flyway.add(((Pattern) f.get(null)).pattern());
            }
        }

        // then
        assertThat(FlywaySplitter.ConnectionlessParser.NON_TRANSACTIONAL).extracting(Pattern::pattern)
                .containsExactlyInAnyOrderElementsOf(flyway);
    }

    @Test
    void should_give_flyways_line_and_flag_for_each_statement() {
        List<FlywaySplitter.Piece> pieces = FlywaySplitter.split(
                "-- lead\nselect 1;\nvacuum t;\nalter type mood add value 'x';", "V1__a.sql");

        assertThat(pieces).containsExactly(
                new FlywaySplitter.Piece("-- lead\nselect 1", 2, true, false),
                new FlywaySplitter.Piece("vacuum t", 3, false, false),
                new FlywaySplitter.Piece("alter type mood add value 'x'", 4, true, false));
    }
}
