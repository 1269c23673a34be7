package dev.zerodown.plan;

import dev.zerodown.load.AppVersionFactory;
import org.apiguardian.api.API;

/** One event of a rollout. {@code source} is {@code file:line} for rollout files, null in Java. */
@API(status = API.Status.EXPERIMENTAL)
public sealed interface RolloutEvent {
    String source();

    record Baseline(String step, String source) implements RolloutEvent {
        @Override
        public String toString() {
            return "baseline " + step;
        }
    }

    record Start(String version, AppVersionFactory app, String source) implements RolloutEvent {
        @Override
        public String toString() {
            return "start " + version;
        }
    }

    record Migrate(String step, boolean contract, String source) implements RolloutEvent {
        @Override
        public String toString() {
            return (contract ? "contract " : "migrate ") + step;
        }
    }

    record Deploy(String version, AppVersionFactory app, String source) implements RolloutEvent {
        @Override
        public String toString() {
            return "deploy " + version;
        }
    }

    /**
     * A long transaction in the way of the next migrated step: it holds ACCESS SHARE on {@code table}
     * (as a report query or an idle-in-transaction client would) from just before the step for {@code duration}.
     */
    record LongTransaction(String table, java.time.Duration duration, String source) implements RolloutEvent {
        @Override
        public String toString() {
            return "long-transaction " + table + " " + dev.zerodown.config.Durations.format(duration);
        }
    }

    record Retire(String version, String source) implements RolloutEvent {
        @Override
        public String toString() {
            return "retire " + version;
        }
    }
}
