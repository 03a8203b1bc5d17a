package dev.incidentkit.adapters.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/** The checks every adapter's config record makes of its settings, with one wording. */
public final class Settings {
    private Settings() {}

    /**
     * Checks that a vendor endpoint is an http or https URL.
     *
     * @throws IllegalArgumentException naming the setting and the value
     */
    public static void httpUrl(URI url, String name) {
        String scheme = String.valueOf(url.getScheme()).toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException(name + " is an http(s) URL; got " + url);
        }
    }

    /**
     * Checks that a duration setting is positive.
     *
     * @throws IllegalArgumentException naming the setting and the value
     */
    public static void positive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " is positive; got " + duration);
        }
    }
}
