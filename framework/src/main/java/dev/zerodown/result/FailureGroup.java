package dev.zerodown.result;

import org.apiguardian.api.API;

/** Failed requests of one version with the same SQLState and statement. */
@API(status = API.Status.STABLE)
public record FailureGroup(String sqlState, String statement, long count, String sampleMessage) {
}
