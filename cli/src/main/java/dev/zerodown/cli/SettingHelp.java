package dev.zerodown.cli;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import dev.zerodown.config.Durations;
import dev.zerodown.project.CheckInputs;
import dev.zerodown.settings.FailOn;
import dev.zerodown.postgres.ProviderKind;
import dev.zerodown.settings.Settings;

/** The help line of a setting's option: its property and the default the CLI runs with, read from the settings. */
final class SettingHelp {
    private static final Settings DEFAULTS = Settings.defaults().with("migrations", CheckInputs.DEFAULT_MIGRATIONS);

    private SettingHelp() {
    }

    static String describe(String name) {
        return "Setting " + name + " (property zerodown." + name + "). Default: " + defaultText(name) + ".";
    }

    static String defaultText(String name) {
        if (name.equals("severities")) {
            return "see docs/hazards.md";
        }
        for (RecordComponent c : Settings.class.getRecordComponents()) {
            if (c.getName().equals(name)) {
                try {
                    return text(c.getAccessor().invoke(DEFAULTS));
                } catch (ReflectiveOperationException e) {
                    return "see docs/configuration.md";
                }
            }
        }
        return "see docs/configuration.md";
    }

    private static String text(Object value) {
        if (value == null || value instanceof Map<?, ?> m && m.isEmpty()) {
            return "none";
        }
        if (value instanceof Duration d) {
            return Durations.format(d);
        }
        if (value instanceof Collection<?> c) {
            return String.join(",", c.stream().map(String::valueOf).toList());
        }
        if (value instanceof FailOn f) {
            return f.id();
        }
        if (value instanceof ProviderKind p) {
            return p.id();
        }
        return String.valueOf(value);
    }
}
