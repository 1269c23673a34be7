package dev.zerodown.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Inferring the column of each {@code $n} of a normalized statement, from the lexer's tokens. */
class ProfileMixTest {
    private static final Map<String, Set<String>> COLUMNS = Map.of(
            "shop.customers", Set.of("id", "email", "country"),
            "shop.orders", Set.of("id", "customer_id", "status", "total"),
            "public.notes", Set.of("id", "body"));

    private static String infer(String sql) {
        ProfileMix.Inference i = ProfileMix.infer(sql, COLUMNS);
        return i.problem() != null ? "skipped: " + i.problem() : i.sql();
    }

    @Test
    void should_infer_a_compared_column() {
        assertThat(infer("select email from shop.customers where id = $1"))
                .isEqualTo("select email from shop.customers where id = {{sample shop.customers.id}}");
        assertThat(infer("select * from shop.orders o where o.total >= $1 and $2 <> o.status"))
                .isEqualTo("select * from shop.orders o where o.total >= {{sample shop.orders.total}}"
                        + " and {{sample shop.orders.status}} <> o.status");
        assertThat(infer("select * from notes where body like $1 limit $2 offset $3"))
                .isEqualTo("select * from notes where body like {{sample public.notes.body}} limit {{int 1 100}} offset {{int 0 10}}");
    }

    @Test
    void should_infer_through_aliases_and_joins_and_unique_unqualified_columns() {
        assertThat(infer("select c.email from shop.customers as c join shop.orders o on o.customer_id = c.id"
                + " where c.country = $1 and status = $2"))
                .endsWith("where c.country = {{sample shop.customers.country}} and status = {{sample shop.orders.status}}");
        assertThat(infer("select * from shop.customers c, shop.orders o where id = $1"))
                .isEqualTo("skipped: $1 is compared with or assigned to no column of the profile");
    }

    @Test
    void should_infer_in_lists() {
        assertThat(infer("select * from shop.orders where id in ($1, $2, $3)"))
                .isEqualTo("select * from shop.orders where id in ({{sample shop.orders.id}}, {{sample shop.orders.id}},"
                        + " {{sample shop.orders.id}})");
        assertThat(infer("select * from shop.orders where shop.orders.status not in ($1)"))
                .isEqualTo("select * from shop.orders where shop.orders.status not in ({{sample shop.orders.status}})");
    }

    @Test
    void should_infer_assigned_columns_of_updates_and_inserts() {
        assertThat(infer("update shop.orders set status = $2, total = $3 where id = $1"))
                .isEqualTo("update shop.orders set status = {{sample shop.orders.status}}, total = {{sample shop.orders.total}}"
                        + " where id = {{sample shop.orders.id}}");
        assertThat(infer("insert into shop.customers (id, \"email\", country) values ($1, $2, $3), ($4, $5, $6)"))
                .isEqualTo("insert into shop.customers (id, \"email\", country) values ({{sample shop.customers.id}},"
                        + " {{sample shop.customers.email}}, {{sample shop.customers.country}}), ({{sample shop.customers.id}},"
                        + " {{sample shop.customers.email}}, {{sample shop.customers.country}})");
    }

    @Test
    void should_leave_out_what_it_cannot_infer_and_say_why() {
        assertThat(infer("select $1")).isEqualTo("skipped: names no table of the profile");
        assertThat(infer("select * from shop.orders where total > $1 + $2"))
                .isEqualTo("skipped: $2 is compared with or assigned to no column of the profile");
        assertThat(infer("select * from shop.orders where nope = $1"))
                .isEqualTo("skipped: $1 is compared with or assigned to no column of the profile");
        assertThat(infer("insert into shop.orders values ($1)"))
                .isEqualTo("skipped: $1 is compared with or assigned to no column of the profile");
    }

    @Test
    void should_not_read_parameters_or_words_inside_strings_or_comments() {
        assertThat(infer("select '$1 = id' from shop.orders /* id = $9 */ where id = $1"))
                .isEqualTo("select '$1 = id' from shop.orders /* id = $9 */ where id = {{sample shop.orders.id}}");
    }

    @Test
    void should_weight_by_calls_and_list_the_skipped() {
        SqlWorkload w = ProfileMix.workload("v1", List.of(new ProfileMix.Query("select * from shop.orders where id = $1", 3_000_000_000L),
                new ProfileMix.Query("insert into shop.orders (id) values ($1)", 30),
                new ProfileMix.Query("select $1", 5)), COLUMNS);

        assertThat(w.source()).isEqualTo("profile");
        assertThat(w.file()).isEqualTo("v1 (profile)");
        assertThat(w.requests()).extracting(SqlWorkload.Request::weight).containsExactly(ProfileMix.MAX_WEIGHT, 1);
        assertThat(w.statements().get(1).expectedErrors()).containsExactly("23505");
        assertThat(w.skipped()).containsExactly(Map.entry("select $1", List.of("names no table of the profile")));
        assertThat(w.sampledColumns()).containsExactly("shop.orders.id");
    }
}
