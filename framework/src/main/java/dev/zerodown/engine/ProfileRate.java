package dev.zerodown.engine;

import java.nio.file.Path;
import java.util.Locale;
import dev.zerodown.load.LoadSettings;
import dev.zerodown.profile.ProductionProfile;
import dev.zerodown.profile.QueryRate;
import dev.zerodown.settings.Setting;
import dev.zerodown.settings.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code rate=profile} (the nightly preset's): the open-loop rate becomes the profile's calls per second, or the
 * default when the profile cannot tell, with one log line saying which and why. The settings that come out carry
 * the number, so {@code report.json} shows the rate that ran.
 */
final class ProfileRate {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileRate.class);

    private ProfileRate() {
    }

    static Settings resolve(Settings settings, Path profileFile) {
        if (settings.rate() != Settings.RATE_FROM_PROFILE) {
            return settings;
        }
        double fallback = Settings.DEFAULT_RATE;
        if (profileFile == null) {
            LOG.info("rate=profile: no profile ({}), so {} requests/s per live version (the default)", settings.profile(),
                    number(fallback));
            return settings.with(Setting.RATE, fallback);
        }
        QueryRate rate = ProductionProfile.read(profileFile).queryRate();
        if (rate.value().isEmpty()) {
            LOG.warn("rate=profile: the calls per second of {} are unknown: {}; running {} requests/s per live version"
                    + " (the default) instead; set rate to choose", profileFile, rate.explanation(), number(fallback));
            return settings.with(Setting.RATE, fallback);
        }
        double perSecond = Math.min(LoadSettings.MAX_RATE, Math.round(rate.perSecond() * 100) / 100.0);
        if (perSecond <= 0) {
            LOG.warn("rate=profile: {} of {} round to 0 requests/s; running {} requests/s per live version (the default)"
                    + " instead; set rate to choose", rate.explanation(), profileFile, number(fallback));
            return settings.with(Setting.RATE, fallback);
        }
        LOG.info("rate=profile: {} requests/s per live version, the calls per second of {}: {}{}", number(perSecond),
                profileFile, rate.explanation(), rate.perSecond() > LoadSettings.MAX_RATE ? "; capped at the highest rate" : "");
        return settings.with(Setting.RATE, perSecond);
    }

    /** {@code 200}, {@code 37.5}, {@code 1,250.25}. */
    static String number(double d) {
        return new java.text.DecimalFormat("#,##0.##", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT)).format(d);
    }
}
