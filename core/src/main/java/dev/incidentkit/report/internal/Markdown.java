package dev.incidentkit.report.internal;

import java.util.regex.Pattern;

/**
 * Escapes text taken from a timeline so it cannot break the Markdown around it. Inside code spans
 * (text between matching runs of backticks, as people type {@code `update <message>`} in chat) nothing
 * is HTML-escaped, because Markdown shows code spans literally.
 */
public final class Markdown {
    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|\\r|\\n");

    private Markdown() {}

    /**
     * Returns text safe inside a table cell: {@code |} escaped (GitHub needs that inside code spans
     * too), line breaks as {@code <br>}, and {@code <} and {@code &} escaped outside code spans so chat
     * mentions like {@code <@U123>} are not taken for HTML.
     */
    public static String cell(String text) {
        String t = html(text.strip()).replace("|", "\\|");
        return LINE_BREAK.matcher(t).replaceAll("<br>");
    }

    /** Returns text safe on one line (a heading, a list item): line breaks become spaces. */
    public static String inline(String text) {
        return LINE_BREAK.matcher(html(text.strip())).replaceAll(" ");
    }

    /**
     * Returns text as a block quote, verbatim but for HTML: every line starts with {@code > }, blank
     * lines included, so a multi-line message stays one quote.
     */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : LINE_BREAK.split(html(text.strip()), -1)) {
            out.append(line.isBlank() ? ">" : "> " + line.stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** Escapes {@code &} and {@code <} outside code spans. */
    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '`') {
                int run = run(text, i);
                int close = closing(text, i + run, run);
                if (close >= 0) {
                    out.append(text, i, close + run);
                    i = close + run;
                } else {
                    out.append(text, i, i + run);
                    i += run;
                }
            } else {
                out.append(c == '<' ? "&lt;" : c == '&' ? "&amp;" : String.valueOf(c));
                i++;
            }
        }
        return out.toString();
    }

    private static int run(String text, int from) {
        int end = from;
        while (end < text.length() && text.charAt(end) == '`') {
            end++;
        }
        return end - from;
    }

    /** Returns where a run of exactly {@code length} backticks starts at or after {@code from}, or -1. */
    private static int closing(String text, int from, int length) {
        int i = from;
        while (i < text.length()) {
            if (text.charAt(i) == '`') {
                int run = run(text, i);
                if (run == length) {
                    return i;
                }
                i += run;
            } else {
                i++;
            }
        }
        return -1;
    }
}
