package dev.zerodown.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private final SplittableRandom random = new SplittableRandom(1);
    private final AtomicLong seq = new AtomicLong(41);

    private Template.Rendered render(String sql) {
        return Template.compile(sql, "v1.sql", 1).render(random, seq::incrementAndGet);
    }

    @Test
    void should_bind_integer_generators_that_stand_for_values() {
        Template.Rendered r = render("select * from t where id = {{int 7 7}} and n in ({{seq}}, {{seq}})");

        assertThat(r.sql()).isEqualTo("select * from t where id = ? and n in (?, ?)");
        assertThat(r.params()).containsExactly(7L, 42L, 42L);
    }

    @Test
    void should_use_the_same_seq_value_at_every_occurrence_of_one_request() {
        Template t = Template.compile("insert into t values ({{seq}}, 'x{{seq}}')", "v1.sql", 1);

        assertThat(t.render(random, seq::incrementAndGet).sql()).isEqualTo("insert into t values (?, 'x42')");
        assertThat(t.render(random, seq::incrementAndGet).sql()).isEqualTo("insert into t values (?, 'x43')");
    }

    @Test
    void should_substitute_text_inside_literals_and_in_utility_statements() {
        assertThat(render("select '{{int 3 3}}'").sql()).isEqualTo("select '3'");
        assertThat(render("set work_mem = {{int 64 64}}").sql()).isEqualTo("set work_mem = 64");
        assertThat(render("select {{pick a|a}}").sql()).isEqualTo("select a");
    }

    @Test
    void should_substitute_text_where_a_parameter_would_change_the_meaning() {
        assertThat(render("select * from t{{int 1 1}}").sql()).isEqualTo("select * from t1");
        assertThat(render("select 1.{{int 5 5}}").sql()).isEqualTo("select 1.5");
        assertThat(render("select * from t order by {{int 2 2}}").sql()).isEqualTo("select * from t order by 2");
    }

    @Test
    void should_escape_question_marks_in_code_only() {
        assertThat(render("select '{\"a\":1}'::jsonb ? 'a', '?' where {{int 1 1}} = 1").sql())
                .isEqualTo("select '{\"a\":1}'::jsonb ?? 'a', '?' where ? = 1");
    }

    @Test
    void should_make_version_4_uuids() {
        String sql = render("select '{{uuid}}'").sql();

        assertThat(sql).matches("select '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}'");
    }

    @Test
    void should_bind_a_sample_as_untyped_text_and_write_it_as_a_literal_elsewhere() {
        Template bound = Template.compile("select * from shop.t where id = {{sample shop.t.id}}", "v1.sql", 1);
        Template.Rendered r = bound.render(random, seq::incrementAndGet);

        assertThat(r.sql()).isEqualTo("select * from shop.t where id = ?");
        assertThat(r.params()).containsExactly((Object) null);
        assertThat(bound.sampledColumns()).containsExactly("shop.t.id");
        assertThat(render("set application_name = {{sample t.name}}").sql()).isEqualTo("set application_name = null");
    }

    @Test
    void should_reject_a_sample_without_a_column() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> render("select {{sample id}}"))
                .hasMessage("v1.sql:1: malformed generator '{{sample id}}': {{sample schema.table.column}} needs one column,"
                        + " such as shop.customers.id; accepted generators: {{seq}}, {{int A B}}, {{uuid}}, {{pick a|b|c}},"
                        + " {{sample schema.table.column}}");
    }
}
