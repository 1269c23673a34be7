package dev.zerodown.postgres;

import org.apiguardian.api.API;

/**
 * A fresh database created from a seeded baseline template ({@link PostgresServer#createSeeded}).
 *
 * @param database the run's database; closing it drops it, never the template
 * @param template the template it was created from, {@code zd_seed_<hash>}
 * @param reused   the template was already there (prepared by an earlier run with the same key, in this JVM or
 *                 restored from the on-disk seed cache); false when this call prepared it
 * @param fromDisk the template came with the cluster restored from the on-disk seed cache (an earlier JVM prepared it)
 * @param millis   what this call took: preparing the template when it did, and creating the database
 */
@API(status = API.Status.EXPERIMENTAL)
public record SeededDatabase(Database database, String template, boolean reused, boolean fromDisk, long millis) {
}
