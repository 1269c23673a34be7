package dev.zerodown.project;

import static dev.zerodown.assertj.ZerodownAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerodown.engine.CompatibilityRun;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.load.SqlWorkload;
import dev.zerodown.engine.WorkloadApps;
import dev.zerodown.load.SyntheticMix;
import dev.zerodown.plan.Rollout;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;
import dev.zerodown.profile.ProductionProfile;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.Traffic;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.VersionStats;
import dev.zerodown.settings.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version without a workload file runs the query mix captured with pg_stat_statements from a
 * database that served a workload, on real PostgreSQL: its requests run, a rename of a column the mix
 * reads fails it, and a statement whose parameter cannot be inferred is listed, not dropped.
 */
class ProfileTrafficTest {
    static final String SCHEMA = """
            create schema shop;
            create type shop.status as enum ('new', 'paid', 'shipped');
            create table shop.customers (id bigint primary key, email text not null unique, country text);
            create table shop.orders (id bigint primary key, customer_id bigint not null references shop.customers,
                                      status shop.status not null default 'new', total numeric(10,2) check (total >= 0));
            """;
    static final String UNINFERABLE = "select count(*) from shop.orders where total > $1 + $2";

    @TempDir
    static Path dir;
    static Path profile;

    @BeforeAll
    static void capture() throws Exception {
        try (Database db = Postgres.embedded(17).createDatabase("profile_traffic")) {
            try (Connection c = db.connect("test"); Statement s = c.createStatement()) {
                s.execute(SCHEMA + """
                        insert into shop.customers select i, 'c' || i || '@example.com', 'DE' from generate_series(1, 2000) i;
                        insert into shop.orders select i, 1 + i % 500, 'paid', i from generate_series(1, 6000) i;
                        analyze shop.customers; analyze shop.orders;
                        """);
            }
            try (Connection c = db.connect("app");
                 PreparedStatement read = c.prepareStatement("select email from shop.customers where id = ?");
                 PreparedStatement write = c.prepareStatement("update shop.orders set status = ?::shop.status where id = ?");
                 PreparedStatement odd = c.prepareStatement("select count(*) from shop.orders where total > ? + ?")) {
                for (int i = 1; i <= 300; i++) {
                    read.setLong(1, i);
                    read.executeQuery().close();
                    if (i % 3 == 0) {
                        write.setString(1, "shipped");
                        write.setLong(2, i);
                        write.executeUpdate();
                        odd.setInt(1, i);
                        odd.setInt(2, 1);
                        odd.executeQuery().close();
                    }
                }
            }
            ProductionProfile p = ProductionProfile.capture(db.dataSource("capture"));
            profile = dir.resolve("profile.json");
            p.write(profile);
        }
    }

    private RunResult run(Path migrations, String step) throws Exception {
        Files.createDirectories(migrations);
        Files.writeString(migrations.resolve("V1__baseline.sql"), SCHEMA);
        Files.writeString(migrations.resolve("V2__step.sql"), "set lock_timeout = '2s';\n" + step);
        WorkloadApps apps = new WorkloadApps(migrations.resolve("no-workloads"), SyntheticMix.DEFAULT, profile);
        Settings s = Settings.defaults().with(Map.of("migrations", "filesystem:" + migrations, "soak", "400ms",
                "clients", "2", "profile", profile.toString(), "predict", "false"));
        RunResult r = CompatibilityRun.of("profile-traffic", Rollout.startWith("v1", apps.apply("v1")).migrate("V2"))
                .settings(s).writeReports(false).run(17).result();
        assertThat(apps.profile()).containsExactly("v1");
        assertThat(apps.synthetic()).isEmpty();
        return r;
    }

    @Test
    void should_drive_a_version_without_a_workload_file_with_the_captured_mix() throws Exception {
        RunResult r = run(dir.resolve("safe"), "alter table shop.customers add column note text;");

        TransitionResult step = r.transitions().get(0);
        VersionStats v1 = step.requests().get("v1");
        assertThat(v1.traffic().source()).isEqualTo("profile");
        assertThat(v1.synthetic()).isFalse();
        assertThat(v1.ok()).isPositive();
        assertThat(v1.traffic().skipped()).containsOnlyKeys(UNINFERABLE);
        assertThat(dev.zerodown.report.JsonReport.toJson(r)).contains("\"source\": \"profile\"")
                .contains("\"" + UNINFERABLE + "\": [");
        assertThat(dev.zerodown.report.HtmlReport.render(r)).contains("Profile query mix: statements left out")
                .contains("total &gt; $1 + $2");
        assertThat(step).hasNoFailedRequests();
    }

    @Test
    void should_fail_the_old_version_when_a_column_the_mix_reads_is_renamed() throws Exception {
        RunResult r = run(dir.resolve("rename"), "alter table shop.customers rename column email to contact;");

        TransitionResult step = r.transitions().get(0);
        assertThat(step).isUnsafe().hasFailedRequests("v1", "42703").hasHazard(HazardId.FAILED_REQUESTS);
        assertThat(step.requests().get("v1").traffic().source()).isEqualTo("profile");
    }

    @Test
    void should_list_a_statement_whose_parameter_cannot_be_inferred() {
        WorkloadApps apps = new WorkloadApps(dir.resolve("none"), SyntheticMix.DEFAULT, profile);
        SqlWorkload w = (SqlWorkload) apps.apply("v1");

        assertThat(w.statements()).extracting(SqlWorkload.Statement::sql).containsExactly(
                "select email from shop.customers where id = {{sample shop.customers.id}}",
                "update shop.orders set status = {{sample shop.orders.status}}::shop.status where id = {{sample shop.orders.id}}");
        assertThat(w.skipped()).containsExactly(Map.entry(UNINFERABLE,
                List.of("$2 is compared with or assigned to no column of the profile")));
        assertThat(Traffic.profile(null, w.skipped()).skipped()).containsKey(UNINFERABLE);
    }
}
