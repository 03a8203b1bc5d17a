package dev.incidentkit.report.internal;

import java.util.regex.Pattern;

/** Escapes text for Mermaid diagrams, which split lines on characters such as {@code :} and {@code ;}. */
public final class Mermaid {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final int MAX_LABEL = 60;

    private Mermaid() {}

    /**
     * Returns a label safe as a gantt task name: one line of at most 60 characters, with {@code #}
     * {@code :} {@code ;} {@code %} {@code <} {@code >} written as Mermaid entity codes
     * ({@code #58;} for a colon), which Mermaid turns back into the characters when it draws.
     */
    public static String label(String text) {
        String t = WHITESPACE.matcher(text.strip()).replaceAll(" ");
        if (t.codePointCount(0, t.length()) > MAX_LABEL) {
            t = t.substring(0, t.offsetByCodePoints(0, MAX_LABEL - 1)).strip() + "…";
        }
        StringBuilder out = new StringBuilder(t.length() + 16);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            switch (c) {
                case '#', ':', ';', '%', '<', '>' -> out.append('#').append((int) c).append(';');
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
