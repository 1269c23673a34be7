package dev.zerodown.result;

import java.util.Locale;
import org.apiguardian.api.API;

/** What a transition does: migrate a step, migrate a contract step, or deploy a version. */
@API(status = API.Status.STABLE)
public enum TransitionKind {
    MIGRATE, CONTRACT, DEPLOY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }
}
