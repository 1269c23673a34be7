package dev.zerodown.settings;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.function.Function;

/** Builds and copies {@link Settings} component by component, by setting name (no hand-kept builder). */
final class Components {
    private static final RecordComponent[] COMPONENTS = Settings.class.getRecordComponents();
    private static final Constructor<Settings> CANONICAL = canonical();

    private Components() {
    }

    /** A Settings whose every component is {@code value.apply(name)}. */
    static Settings create(Function<String, Object> value) {
        Object[] args = new Object[COMPONENTS.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = value.apply(COMPONENTS[i].getName());
        }
        return construct(args);
    }

    /** {@code s} with one component replaced. */
    static Settings copy(Settings s, String name, Object value) {
        Object[] args = new Object[COMPONENTS.length];
        boolean found = false;
        for (int i = 0; i < args.length; i++) {
            if (COMPONENTS[i].getName().equals(name)) {
                args[i] = value;
                found = true;
            } else {
                args[i] = s.value(COMPONENTS[i].getName());
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no setting " + name);
        }
        return construct(args);
    }

    private static Settings construct(Object[] args) {
        try {
            return CANONICAL.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new IllegalStateException("Settings could not be built: " + e, e);
        }
    }

    private static Constructor<Settings> canonical() {
        Class<?>[] types = new Class<?>[COMPONENTS.length];
        for (int i = 0; i < types.length; i++) {
            types[i] = COMPONENTS[i].getType();
        }
        try {
            return Settings.class.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
