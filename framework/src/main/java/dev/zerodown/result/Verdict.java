package dev.zerodown.result;

import java.util.Locale;
import org.apiguardian.api.API;

/** {@code safe} or {@code unsafe}, for a transition and for a whole run. */
@API(status = API.Status.STABLE)
public enum Verdict {
    SAFE, UNSAFE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }
}
