package dev.incidentkit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Occurrences of a repeating reminder: {@code first}, {@code first + period}, … */
public final class Cadence {
    private Cadence() {}

    /**
     * Returns the latest occurrence at or before {@code now} (if any) and the first one after it.
     */
    public static List<Instant> lastAndNext(Instant first, Duration period, Instant now) {
        List<Instant> out = new ArrayList<>(2);
        if (now.isBefore(first)) {
            out.add(first);
            return out;
        }
        long k = Duration.between(first, now).dividedBy(period);
        Instant last = first.plus(period.multipliedBy(k));
        out.add(last);
        out.add(last.plus(period));
        return out;
    }
}
