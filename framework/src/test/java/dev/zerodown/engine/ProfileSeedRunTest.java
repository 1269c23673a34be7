package dev.zerodown.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.load.SyntheticTraffic;
import dev.zerodown.plan.Rollout;
import dev.zerodown.result.RunResult;
import dev.zerodown.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@code profile} set, the baseline is seeded to the profile before the seed file runs. */
class ProfileSeedRunTest {
    @TempDir
    Path dir;

    @Test
    void should_seed_the_baseline_to_the_profile_then_run_the_seed_file() throws IOException {
        Files.writeString(dir.resolve("V1__accounts.sql"), "create table accounts (id int primary key, name text not null);");
        Files.writeString(dir.resolve("V2__rewrite.sql"), "set lock_timeout = '1s';\nalter table accounts alter column id type bigint;");
        Path profile = dir.resolve("profile.json");
        Files.writeString(profile, """
                {"profileVersion": 1, "serverVersion": "17.6", "tables": [
                  {"schema": "public", "name": "accounts", "rows": 500000, "rowsSource": "reltuples", "totalBytes": 1,
                   "columns": [{"name": "name", "type": "text", "notNull": true, "nullFrac": 0, "nDistinct": -0.5, "avgWidth": 30}]}]}
                """);
        Path seed = dir.resolve("seed.sql");
        Files.writeString(seed, """
                do $$ begin
                  if (select count(*) from accounts) <> 5000 then raise exception 'the profile was not seeded first'; end if;
                end $$;
                insert into accounts values (-1, 'from seed.sql');
                """);
        Settings s = Settings.defaults().with(Map.of("migrations", "filesystem:" + dir, "soak", "300ms", "clients", "2",
                "profile", profile.toString(), "seed", seed.toString(), "maxSeedRows", "5000"));

        RunResult r = CompatibilityRun.of("profile", Rollout.startWith("v1", new SyntheticTraffic()).migrate("V2"))
                .settings(s).writeReports(false).run(17).result();

        assertThat(r.transitions().get(0).hazards()).anySatisfy(h -> {
            assertThat(h.id()).isEqualTo(HazardId.TABLE_REWRITE);
            assertThat(h.message()).containsPattern("\\(5,\\d{3} rows\\)"); // 5,000 generated, 1 from seed.sql, a few by the traffic
        });
    }
}
