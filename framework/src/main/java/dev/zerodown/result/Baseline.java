package dev.zerodown.result;

import org.apiguardian.api.API;

/**
 * How the run's database got to the seeded baseline (the baseline steps applied without tracing, then the seed file
 * and the profile's rows) before the first transition.
 *
 * @param steps    the baseline steps the run's database starts with
 * @param reused   the database is a copy of a seeded template that an earlier run prepared from the same inputs
 *                 (baseline steps, seed file, profile, scale, Zerodown's code, the server): nothing was applied or
 *                 seeded for this run
 * @param template the template the database was copied from ({@code zd_seed_<hash>}); null when the run applied
 *                 the baseline in its own database (setting {@code seedCache=false}, nothing to apply, or a server
 *                 whose database is the baseline: an opted-in external database)
 * @param fromDisk the template came from the on-disk seed cache: an earlier JVM prepared it
 * @param millis   what getting there took: applying and seeding (into the template when one was prepared), and
 *                 copying the template
 */
@API(status = API.Status.STABLE)
public record Baseline(int steps, boolean reused, String template, boolean fromDisk, long millis) {
}
