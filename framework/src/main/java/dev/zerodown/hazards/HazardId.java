package dev.zerodown.hazards;

import java.util.Arrays;
import java.util.stream.Collectors;
import dev.zerodown.config.ConfigurationException;
import org.apiguardian.api.API;

/** The stable hazard ids. Reports, severities and acknowledgements use {@link #id()}. */
@API(status = API.Status.STABLE)
public enum HazardId {
    FAILED_REQUESTS("failed-requests", Severity.ERROR),
    INVARIANT_VIOLATED("invariant-violated", Severity.ERROR),
    BLOCKED_REQUESTS("blocked-requests", Severity.ERROR),
    TABLE_REWRITE("table-rewrite", Severity.ERROR),
    SCAN_UNDER_LOCK("scan-under-lock", Severity.ERROR),
    NON_CONCURRENT_INDEX("non-concurrent-index", Severity.ERROR),
    STRONG_LOCK("strong-lock", Severity.WARNING),
    LOCK_HELD_ACROSS_STATEMENTS("lock-held-across-statements", Severity.WARNING),
    MISSING_LOCK_TIMEOUT("missing-lock-timeout", Severity.ERROR),
    LOCK_QUEUE("lock-queue", Severity.ERROR),
    BACKWARD_INCOMPATIBLE("backward-incompatible", Severity.ERROR),
    DESTRUCTIVE("destructive", Severity.WARNING),
    UNBATCHED_BACKFILL("unbatched-backfill", Severity.ERROR),
    MIGRATION_FAILED("migration-failed", Severity.ERROR),
    INVALID_INDEX("invalid-index", Severity.ERROR);

    private final String id;
    private final Severity defaultSeverity;

    HazardId(String id, Severity defaultSeverity) {
        this.id = id;
        this.defaultSeverity = defaultSeverity;
    }

    public String id() {
        return id;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    public static HazardId parse(String text) {
        String t = text == null ? "" : text.trim();
        for (HazardId h : values()) {
            if (h.id.equalsIgnoreCase(t)) {
                return h;
            }
        }
        throw new ConfigurationException("Unknown hazard id '" + text + "'; accepted: " + accepted());
    }

    public static String accepted() {
        return Arrays.stream(values()).map(HazardId::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
