package dev.zerodown.load;

import dev.zerodown.config.ConfigurationException;
import org.apiguardian.api.API;

/**
 * How much traffic each live version makes.
 *
 * @param clients client threads per live version (setting {@code clients}), 1 to {@value #MAX_CLIENTS}
 * @param rate    requests per second per live version, spread over its clients (open loop; setting
 *                {@code rate}); {@code 0} runs a closed loop: every client starts its next request
 *                as soon as the previous one ends
 * @param seed    seed of the random choices of SQL workloads and synthetic traffic (setting
 *                {@code seed}); the report shows it
 * @param roles   the database roles the versions connect as (setting {@code appRole})
 */
@API(status = API.Status.EXPERIMENTAL)
public record LoadSettings(int clients, double rate, long seed, AppRoles roles) {
    /** Default clients per live version. */
    public static final int DEFAULT_CLIENTS = 4;
    /**
     * Default open-loop rate per live version: 200 requests/s. Three live versions of simple
     * requests keep well under half of a 2-core machine, and a 20 ms lock wait still meets
     * about four requests of each version.
     */
    public static final double DEFAULT_RATE = 200;
    /** Default seed. */
    public static final long DEFAULT_SEED = 42;
    /** Most clients per version (each holds a connection of the server's max_connections). */
    public static final int MAX_CLIENTS = 64;
    /** Highest accepted rate per version. */
    public static final double MAX_RATE = 1_000_000;

    /** Every version connects as the server's own user. */
    public LoadSettings(int clients, double rate, long seed) {
        this(clients, rate, seed, AppRoles.NONE);
    }

    public LoadSettings {
        roles = roles == null ? AppRoles.NONE : roles;
        if (clients < 1 || clients > MAX_CLIENTS) {
            throw new ConfigurationException("Setting 'clients' has value " + clients
                    + "; use a whole number from 1 to " + MAX_CLIENTS + " (clients per live version)");
        }
        if (!(rate >= 0 && rate <= MAX_RATE)) {
            throw new ConfigurationException("Setting 'rate' has value " + rate
                    + "; use requests per second per live version from 0 to " + (long) MAX_RATE
                    + " (0 = closed loop)");
        }
    }

    /** {@value #DEFAULT_CLIENTS} clients, {@code 200} requests/s per version (open loop), seed {@value #DEFAULT_SEED}. */
    public static LoadSettings defaults() {
        return new LoadSettings(DEFAULT_CLIENTS, DEFAULT_RATE, DEFAULT_SEED);
    }

    /** True when requests follow a schedule ({@code rate > 0}). */
    public boolean openLoop() {
        return rate > 0;
    }

    public LoadSettings withClients(int clients) {
        return new LoadSettings(clients, rate, seed, roles);
    }

    public LoadSettings withRate(double rate) {
        return new LoadSettings(clients, rate, seed, roles);
    }

    public LoadSettings withRoles(AppRoles roles) {
        return new LoadSettings(clients, rate, seed, roles);
    }

    public LoadSettings withSeed(long seed) {
        return new LoadSettings(clients, rate, seed, roles);
    }
}
