package dev.incidentkit.spi;

import java.time.Duration;
import java.time.Instant;

/**
 * Remembers which inbound deliveries were accepted (a webhook's delivery id, a chat event's id, a signed
 * request's signature), so that a replay or a vendor's retry is recognised by every replica and after a
 * restart, not only by the process that saw it first. {@link IncidentStore} is one, so a durable store
 * makes the memory durable.
 *
 * <p><b>Thread-safety:</b> implementations are safe for concurrent use; of two callers racing with the same
 * source and id, exactly one is told it is first.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface DeliveryLog {

    /**
     * Records a delivery and says whether it is the first time it was seen within {@code keepFor}.
     *
     * @param source where it came from, e.g. {@code slack-command}, {@code pagerduty-webhook}
     * @param id the delivery's id within its source, at most 200 characters (hash longer ones)
     * @param now the current time
     * @param keepFor how long to remember it: at least the vendor's replay window or retry period
     * @return true if it was not seen before (and is now recorded); false for a repeat
     * @throws IllegalArgumentException if {@code source} or {@code id} is blank or {@code id} is too long,
     *     or {@code keepFor} is not positive
     */
    boolean firstSeen(String source, String id, Instant now, Duration keepFor);

    /**
     * Checks the arguments of {@link #firstSeen}, as every implementation should.
     *
     * @param source where it came from
     * @param id the delivery's id
     * @param now the current time
     * @param keepFor how long to remember it
     * @throws IllegalArgumentException if an argument breaks the rules of {@link #firstSeen}
     */
    static void check(String source, String id, Instant now, Duration keepFor) {
        java.util.Objects.requireNonNull(now, "now");
        if (java.util.Objects.requireNonNull(source, "source").isBlank()) {
            throw new IllegalArgumentException("source names where a delivery came from; got a blank one");
        }
        if (java.util.Objects.requireNonNull(id, "id").isBlank() || id.length() > 200) {
            throw new IllegalArgumentException("a delivery id is 1 to 200 characters (hash longer ones); got "
                    + id.length() + " characters");
        }
        if (java.util.Objects.requireNonNull(keepFor, "keepFor").isNegative() || keepFor.isZero()) {
            throw new IllegalArgumentException("keepFor must be positive; got " + keepFor);
        }
    }
}
