package dev.zerodown.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.migrations.SqlStatement.Acknowledgement;
import org.junit.jupiter.api.Test;

class AcknowledgementTest {

    @Test
    void should_attach_a_comment_directly_above_the_statement() {
        List<SqlStatement> s = parse("""
                select 1;
                -- zerodown:allow table-rewrite: table is empty at deploy
                alter table t alter column c type bigint;
                """);

        assertThat(s.get(0).acknowledgements()).isEmpty();
        assertThat(s.get(1).acknowledgements()).containsExactly(
                new Acknowledgement(HazardId.TABLE_REWRITE, "table is empty at deploy"));
        assertThat(s.get(1).acknowledges(HazardId.TABLE_REWRITE)).isTrue();
        assertThat(s.get(1).line()).isEqualTo(3);
    }

    @Test
    void should_attach_a_comment_at_the_end_of_the_statement_line() {
        List<SqlStatement> s = parse("""
                alter table t add column c int; -- zerodown:allow strong-lock: brief catalog change
                select 2;
                """);

        assertThat(s.get(0).acknowledgements()).containsExactly(
                new Acknowledgement(HazardId.STRONG_LOCK, "brief catalog change"));
        assertThat(s.get(1).acknowledgements()).isEmpty();
    }

    @Test
    void should_attach_every_comment_of_the_comment_block_above_and_inside() {
        List<SqlStatement> s = parse("""
                -- zerodown:allow destructive: v1 no longer reads it
                -- the column is gone since v2
                -- zerodown:allow backward-incompatible, strong-lock: v1 is retired first
                alter table t
                  drop column old; -- zerodown:allow lock-queue: runs at night
                """);

        assertThat(s).singleElement().extracting(SqlStatement::acknowledgements).asList().containsExactly(
                new Acknowledgement(HazardId.DESTRUCTIVE, "v1 no longer reads it"),
                new Acknowledgement(HazardId.BACKWARD_INCOMPATIBLE, "v1 is retired first"),
                new Acknowledgement(HazardId.STRONG_LOCK, "v1 is retired first"),
                new Acknowledgement(HazardId.LOCK_QUEUE, "runs at night"));
    }

    @Test
    void should_keep_the_first_token_line_when_a_comment_leads_the_statement() {
        List<SqlStatement> s = parse("select 1;\n\n-- zerodown:allow table-rewrite: empty\n-- more words\nvacuum full t;");

        assertThat(s.get(1).line()).isEqualTo(5);
        assertThat(s.get(1).sql()).isEqualTo("vacuum full t");
    }

    @Test
    void should_ignore_the_marker_inside_a_string_or_dollar_quote() {
        List<SqlStatement> s = parse("""
                select '-- zerodown:allow nonsense';
                do $$ begin -- zerodown:allow nonsense
                perform 1; end $$;
                """);

        assertThat(s).allSatisfy(x -> assertThat(x.acknowledgements()).isEmpty());
    }

    @Test
    void should_reject_an_unknown_hazard_id_listing_accepted_ids() {
        assertThatThrownBy(() -> parse("select 1;\n-- zerodown:allow table-rewrites: empty\nselect 2;"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("V1__a.sql:2: unknown hazard id 'table-rewrites' in zerodown:allow; accepted ids: "
                        + HazardId.accepted());
    }

    @Test
    void should_reject_a_missing_reason() {
        assertThatThrownBy(() -> parse("-- zerodown:allow table-rewrite\nselect 2;"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("V1__a.sql:1: give a reason after the colon: -- zerodown:allow <hazard-id>: <reason>");
    }

    @Test
    void should_reject_an_empty_reason() {
        assertThatThrownBy(() -> parse("select 2; -- zerodown:allow table-rewrite:  "))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("V1__a.sql:1: give a reason after the colon: -- zerodown:allow <hazard-id>: <reason>");
    }

    @Test
    void should_reject_a_missing_hazard_id() {
        assertThatThrownBy(() -> parse("-- zerodown:allow : because\nselect 2;"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("V1__a.sql:1: name the hazard to allow: -- zerodown:allow <hazard-id>: <reason>;"
                        + " accepted ids: " + HazardId.accepted());
    }

    @Test
    void should_reject_an_unknown_directive() {
        assertThatThrownBy(() -> parse("-- zerodown:alow table-rewrite: empty\nselect 2;"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("V1__a.sql:1: unknown directive 'zerodown:alow'; write -- zerodown:allow <hazard-id>: <reason>");
    }

    @Test
    void should_reject_a_comment_separated_from_its_statement_by_a_blank_line() {
        assertThatThrownBy(() -> parse("-- zerodown:allow table-rewrite: empty\n\nselect 2;"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("V1__a.sql:1: this zerodown:allow comment belongs to no statement;"
                        + " put it on the statement's line or on the comment lines directly above it");
    }

    @Test
    void should_reject_a_comment_after_the_last_statement() {
        assertThatThrownBy(() -> parse("select 1;\n-- zerodown:allow table-rewrite: empty\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("V1__a.sql:2: this zerodown:allow comment belongs to no statement;"
                        + " put it on the statement's line or on the comment lines directly above it");
    }

    @Test
    void should_name_the_file_line_even_after_a_multi_line_placeholder() {
        assertThatThrownBy(() -> ScriptParser.parse("select '${v}';\n-- zerodown:allow nope: x\nselect 1;",
                ScriptConfig.DEFAULT, new Placeholders(Map.of("v", "a\nb\nc")), "V1__a.sql", "V1__a.sql"))
                .hasMessageStartingWith("V1__a.sql:2: unknown hazard id 'nope'");
    }

    private static List<SqlStatement> parse(String script) {
        return ScriptParser.parse(script, ScriptConfig.DEFAULT, new Placeholders(Map.of()), "V1__a.sql", "V1__a.sql");
    }
}
