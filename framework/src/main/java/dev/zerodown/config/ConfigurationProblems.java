package dev.zerodown.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;

/**
 * Collects the configuration problems of one run so they are reported together, one line each, instead of
 * stopping at the first one.
 */
@API(status = API.Status.INTERNAL)
public final class ConfigurationProblems {
    private final List<String> problems = new ArrayList<>();

    public void add(String problem) {
        problems.add(problem);
    }

    /** {@code change.apply(value)}, or {@code value} unchanged when it throws a configuration error (recorded). */
    public <T> T apply(T value, UnaryOperator<T> change) {
        try {
            return change.apply(value);
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
            return value;
        }
    }

    /** {@code check.get()}, or null when it throws a configuration error (recorded). */
    public <T> T get(Supplier<T> check) {
        try {
            return check.get();
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    public void run(Runnable check) {
        get(() -> {
            check.run();
            return null;
        });
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Throws every problem collected so far as one {@link ConfigurationException}. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw ConfigurationException.of(problems);
        }
    }
}
