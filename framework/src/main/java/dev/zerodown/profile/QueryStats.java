package dev.zerodown.profile;

import org.apiguardian.api.API;

/**
 * Since when {@code pg_stat_statements} counted the captured calls, from {@code pg_stat_statements_info}
 * (PostgreSQL 14 and later), read by the server's clock in the capture's session.
 *
 * @param since         ISO-8601 instant of the statistics' last reset ({@code stats_reset})
 * @param seconds       seconds from that reset to the capture
 * @param deallocations how often pg_stat_statements evicted its least-called statements since ({@code dealloc}):
 *                      above 0, the calls of the evicted ones are missing
 */
@API(status = API.Status.EXPERIMENTAL)
public record QueryStats(String since, double seconds, long deallocations) {
}
