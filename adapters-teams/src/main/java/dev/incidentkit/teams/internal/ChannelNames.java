package dev.incidentkit.teams.internal;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Teams channel display names (api-notes-teams §6.3): at most 50 characters; none of
 * {@code # % & * { } / \ : < > ? + | ' "} (Teams PowerShell reference), nor {@code ~ ,} or {@code ..}
 * (secondary); not starting with {@code _} or {@code .}, not ending with {@code .}. The kit's wished-for
 * names ({@code inc-42-checkout-is-failing}) already fit; anything else is cleaned to fit, deterministically,
 * so a retry asks for the same name.
 */
public final class ChannelNames {
    /** Graph's limit on {@code displayName}. */
    public static final int MAX = 50;
    private static final String FORBIDDEN = "#%&*{}/\\:<>?+|'\"~,";

    private ChannelNames() {}

    /** A valid display name for the wished-for name; never blank. */
    public static String normalize(String wished) {
        String s = Normalizer.normalize(wished, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (FORBIDDEN.indexOf(c) >= 0 || Character.isWhitespace(c) || Character.isISOControl(c)) {
                c = '-';
            }
            if (c == '-' && (b.length() == 0 || b.charAt(b.length() - 1) == '-')) {
                continue;
            }
            if (c == '.' && b.length() > 0 && b.charAt(b.length() - 1) == '.') {
                continue;
            }
            b.append(c);
        }
        String out = trim(b.toString());
        if (out.length() > MAX) {
            out = trim(out.substring(0, MAX));
        }
        return out.isEmpty() ? "incident" : out;
    }

    /** The name with a numeric suffix, still within the limit, e.g. {@code inc-42-checkout-2}. */
    public static String withSuffix(String base, int n) {
        String suffix = "-" + n;
        String head = base.length() + suffix.length() > MAX ? trim(base.substring(0, MAX - suffix.length())) : base;
        return head + suffix;
    }

    private static String trim(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == '_' || s.charAt(from) == '.' || s.charAt(from) == '-')) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == '.' || s.charAt(to - 1) == '-')) {
            to--;
        }
        return s.substring(from, to);
    }
}
