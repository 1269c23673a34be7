package dev.zerodown.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.hazards.Severity;
import dev.zerodown.load.SyntheticTraffic;
import dev.zerodown.plan.Rollout;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.settings.Settings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a profile, a non-concurrent index build is judged on its duration predicted at the
 * profile's rows: an error on a table that is big in production, a warning on one that is tiny.
 */
class PredictLockRunTest {
    @TempDir
    Path dir;
    private Settings settings;

    @BeforeEach
    void write() throws IOException {
        Files.writeString(dir.resolve("V1__tables.sql"), """
                create table orders (id bigint primary key, customer_id bigint not null, note text);
                create table countries (code text primary key, name text not null);
                """);
        Files.writeString(dir.resolve("V2__indexes.sql"), """
                set lock_timeout = '1s';
                create index orders_customer_idx on orders (customer_id);
                create index countries_name_idx on countries (name);
                """);
        Path profile = dir.resolve("profile.json");
        Files.writeString(profile, """
                {"profileVersion": 1, "serverVersion": "17.6", "tables": [
                  {"schema": "public", "name": "orders", "rows": 58000000, "rowsSource": "reltuples", "totalBytes": 1,
                   "columns": [{"name": "customer_id", "type": "bigint", "notNull": true, "nullFrac": 0, "nDistinct": 900000, "avgWidth": 8},
                               {"name": "note", "type": "text", "notNull": false, "nullFrac": 0.2, "nDistinct": -0.5, "avgWidth": 40}]},
                  {"schema": "public", "name": "countries", "rows": 40, "rowsSource": "reltuples", "totalBytes": 1,
                   "columns": [{"name": "name", "type": "text", "notNull": true, "nullFrac": 0, "nDistinct": -1, "avgWidth": 12}]}]}
                """);
        settings = Settings.defaults().with(Map.of("migrations", "filesystem:" + dir, "soak", "200ms", "clients", "2",
                "profile", profile.toString(), "maxSeedRows", "20000"));
    }

    @Test
    void should_fail_the_index_on_a_table_big_in_production_and_warn_on_one_tiny_there() {
        TransitionResult t = run(settings).transitions().get(0);

        Hazard big = index(t, "public.orders_customer_idx");
        assertThat(big.severity()).isEqualTo(Severity.ERROR);
        assertThat(big.predicted()).isNotNull();
        assertThat(big.predicted().rows()).isEqualTo(58_000_000);
        assertThat(big.predicted().measuredAt()).hasSize(3);
        assertThat(big.predicted().measuredAt().get(2).rows()).isEqualTo(20_000);
        assertThat(big.predicted().measuredAt().get(0).rows()).isEqualTo(2_000);
        assertThat(big.predicted().ms()).isGreaterThanOrEqualTo(100);
        assertThat(big.evidence()).containsPattern("measured [\\d.]+ m?s at 20,000 rows; predicted [\\d.]+ (s|min|h|ms) at "
                + "58,000,000 rows \\((n·log n|linear) fit, R² [01]\\.\\d\\d\\)");

        Hazard tiny = index(t, "public.countries_name_idx");
        assertThat(tiny.severity()).isEqualTo(Severity.WARNING);
        assertThat(tiny.predicted().rows()).isEqualTo(40);
        assertThat(tiny.message()).contains("Harmless at production size");
    }

    @Test
    void should_judge_at_the_seeded_size_and_say_so_when_prediction_is_off() {
        TransitionResult t = run(settings.with("predict", "false")).transitions().get(0);

        Hazard tiny = index(t, "public.countries_name_idx");
        assertThat(tiny.severity()).isEqualTo(Severity.ERROR);
        assertThat(tiny.predicted()).isNull();
        assertThat(tiny.evidence()).endsWith("; judged at the seeded size: prediction is off (setting predict=false)");
    }

    @Test
    void should_judge_an_index_drop_on_its_hold_predicted_at_production_size() throws IOException {
        Path drop = Files.createDirectories(dir.resolve("drop"));
        Files.writeString(drop.resolve("V1__tables.sql"), """
                create table orders (id bigint primary key, customer_id bigint not null, note text);
                create index orders_customer_idx on orders (customer_id);
                """);
        Files.writeString(drop.resolve("V2__drop_index.sql"), "set lock_timeout = '1s';\ndrop index orders_customer_idx;\n");

        TransitionResult t = run(settings.with("migrations", "filesystem:" + drop)).transitions().get(0);

        Hazard h = index(t, "public.orders_customer_idx");
        assertThat(h.recipe()).isEqualTo(dev.zerodown.hazards.Recipes.INDEX_DROP);
        assertThat(h.predicted()).as("the drop's hold is predicted at the profile's rows").isNotNull();
        assertThat(h.predicted().rows()).isEqualTo(58_000_000);
        double limit = settings.maxLockWait().toMillis();
        Severity expected = h.predicted().ms() >= limit ? Severity.ERROR
                : h.predicted().ms() < limit / 10 ? Severity.WARNING
                : h.evidence().contains("at least maxLockWait") ? Severity.ERROR : Severity.WARNING;
        assertThat(h.severity()).as("%s", h).isEqualTo(expected);
    }

    private static RunResult run(Settings s) {
        return CompatibilityRun.of("predict", Rollout.startWith("v1", new SyntheticTraffic()).migrate("V2"))
                .settings(s).writeReports(false).run(17).result();
    }

    private static Hazard index(TransitionResult t, String index) {
        return t.hazards(HazardId.NON_CONCURRENT_INDEX).stream().filter(h -> index.equals(h.relation())).findFirst()
                .orElseThrow(() -> new AssertionError("no non-concurrent-index on " + index + " in " + t.hazards()));
    }
}
