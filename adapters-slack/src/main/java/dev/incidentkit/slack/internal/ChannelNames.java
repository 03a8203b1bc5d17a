package dev.incidentkit.slack.internal;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Slack's channel-name rules (api-notes §2.8): lowercase letters, digits, hyphens and underscores only, at
 * most 80 characters, not only punctuation.
 */
public final class ChannelNames {
    /** Slack's limit. */
    public static final int MAX_LENGTH = 80;

    private ChannelNames() {}

    /**
     * Turns any wished-for name into a valid one: accents dropped, lower case, every other character a
     * hyphen, runs of hyphens collapsed, no hyphen at either end, cut to 80 at a word boundary when
     * possible; {@code incident} if nothing is left.
     */
    public static String normalize(String wished) {
        String s = Normalizer.normalize(wished, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        s = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("-{2,}", "-");
        s = trim(s);
        if (s.length() > MAX_LENGTH) {
            String cut = s.substring(0, MAX_LENGTH);
            int lastHyphen = cut.lastIndexOf('-');
            s = trim(lastHyphen >= MAX_LENGTH / 2 ? cut.substring(0, lastHyphen) : cut);
        }
        return s.replace("-", "").replace("_", "").isEmpty() ? "incident" : s;
    }

    /** Returns {@code name} with a suffix such as {@code -2}, shortening the name so the result fits in 80. */
    public static String withSuffix(String name, int n) {
        String suffix = "-" + n;
        String base = name.length() + suffix.length() > MAX_LENGTH ? trim(name.substring(0, MAX_LENGTH - suffix.length())) : name;
        return base + suffix;
    }

    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == '-' || s.charAt(start) == '_')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == '-' || s.charAt(end - 1) == '_')) {
            end--;
        }
        return s.substring(start, end);
    }
}
