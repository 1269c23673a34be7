package dev.zerodown.cli;

import dev.zerodown.settings.Setting;

/** The help line of a setting's option, from the setting's one description ({@link Setting}). */
final class SettingHelp {
    private SettingHelp() {
    }

    static String describe(String name) {
        Setting<?> s = Setting.named(name).orElseThrow();
        return s.doc() + " Property " + s.property() + ". Default: " + s.defaultText().replace("`", "") + ".";
    }
}
