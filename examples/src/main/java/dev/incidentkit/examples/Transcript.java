package dev.incidentkit.examples;

import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Prints what happens, each line labelled and timestamped: {@code [14:02] status page  …}. */
final class Transcript {
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", java.util.Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final Clock clock;
    private String day = "";

    Transcript(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    void line(String label, String text) {
        String pad = " ".repeat(Math.max(1, 12 - label.length()));
        String indent = "\n" + " ".repeat(8 + label.length() + pad.length());
        synchronized (out) {
            String today = DAY.format(clock.instant());
            if (!today.equals(day)) {
                day = today;
                out.println("--- " + today + " (UTC) ---");
            }
            out.println("[" + HM.format(clock.instant()) + "] " + label + pad + text.strip().replace("\n", indent));
        }
    }

    void plain(String text) {
        out.println(text);
    }
}
