package dev.incidentkit.reminder;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.HandOffOffered;
import dev.incidentkit.incident.HandOffRequested;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.Role;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.internal.Checks;
import dev.incidentkit.internal.Durations;
import dev.incidentkit.internal.ImocSpans;
import dev.incidentkit.internal.PolicySupport;
import dev.incidentkit.internal.PolicySupport.BySeverity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hand-off before burnout. While an incident is active:
 * <ul>
 *   <li>when the same IMOC has run it for a while (4 hours by default), or has been its IMOC for more than
 *       a total (8 hours by default) within the last 24 hours, suggest a hand-off to them
 *       ({@code handoff:suggest:<seq>}, where {@code seq} started their current tenure);</li>
 *   <li>after longer (6 hours by default), unless a hand-off is already under way, reach out to
 *       candidates ({@code handoff:reach-out:<seq>}, {@link Escalation#HAND_OFF});</li>
 *   <li>when the latest candidate offered the role has not accepted within 10 minutes, move on to the
 *       next candidate ({@code handoff:offer:<seq of the offer>}, {@link Escalation#HAND_OFF}).</li>
 * </ul>
 *
 * <p>Time counts only while the incident is active: resolving stops the clock, reopening restarts it.
 * Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class HandOffPolicy implements ReminderPolicy {
    /** This policy's name and key prefix. */
    public static final String NAME = "handoff";
    private static final Duration DAY = Duration.ofHours(24);

    private final Map<Severity, Duration> suggestAfter;
    private final Map<Severity, Duration> reachOutAfter;
    private final Duration maxIn24h;
    private final Duration offerTimeout;

    private HandOffPolicy(Builder b) {
        this.suggestAfter = b.suggestAfter.build();
        this.reachOutAfter = b.reachOutAfter.build();
        this.maxIn24h = b.maxIn24h;
        this.offerTimeout = b.offerTimeout;
    }

    /**
     * Returns a builder preset with the defaults.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Reminder> evaluate(Incident incident, Instant now) {
        requireNonNull(now, "now");
        if (!incident.isDeclared() || !incident.status().isActive() || incident.imoc().isEmpty()) {
            return List.of();
        }
        PersonRef imoc = incident.imoc().get();
        List<ImocSpans.Span> spans = ImocSpans.of(incident, imoc);
        if (spans.isEmpty()) {
            return List.of();
        }
        ImocSpans.Span tenure = spans.get(spans.size() - 1);
        List<Reminder> out = new ArrayList<>(3);
        Optional<Duration> suggest = PolicySupport.lookup(suggestAfter, incident.severity());
        Instant byTotal = totalReached(spans, tenure.from());
        boolean totalFirst = suggest.isEmpty() || byTotal.isBefore(tenure.from().plus(suggest.get()));
        Instant suggestAt = totalFirst ? byTotal : tenure.from().plus(suggest.get());
        String why = totalFirst
                ? "has been IMOC for " + Durations.format(maxIn24h) + " within 24h"
                : "has been IMOC of " + incident.id() + " for " + Durations.format(suggest.get());
        out.add(new Reminder(NAME + ":suggest:" + tenure.seq(), suggestAt, Audience.person(imoc),
                imoc.name() + " " + why + ": time to hand off before tiredness makes decisions for you. "
                        + "Type `handoff` to reach out to candidates, or `handoff @person`",
                Escalation.NONE));
        boolean underWay = incident.timeline().stream().anyMatch(e -> e.seq() > tenure.seq()
                && (e instanceof HandOffRequested r && r.role() == Role.IMOC
                        || e instanceof HandOffOffered o && o.role() == Role.IMOC));
        Optional<Duration> reachOut = PolicySupport.lookup(reachOutAfter, incident.severity());
        if (reachOut.isPresent() && !underWay) {
            out.add(new Reminder(NAME + ":reach-out:" + tenure.seq(), tenure.from().plus(reachOut.get()),
                    Audience.role(Role.IMOC),
                    imoc.name() + " has been IMOC of " + incident.id() + " for " + Durations.format(reachOut.get())
                            + ": reaching out to candidates to take over",
                    Escalation.HAND_OFF));
        }
        if (!incident.openHandOffOffers(Role.IMOC).isEmpty()) {
            HandOffOffered offer = incident.last(HandOffOffered.class).orElseThrow();
            out.add(new Reminder(NAME + ":offer:" + offer.seq(), offer.at().plus(offerTimeout), Audience.role(Role.IMOC),
                    offer.candidate().name() + " has not accepted the IMOC role of " + incident.id() + " within "
                            + Durations.format(offerTimeout) + ": reaching out to the next candidate",
                    Escalation.HAND_OFF));
        }
        return out;
    }

    /** The first instant from {@code start} on at which the IMOC time in the trailing 24 hours reaches the maximum. */
    private Instant totalReached(List<ImocSpans.Span> spans, Instant start) {
        long lo = 0;
        long hi = maxIn24h.getSeconds();
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            Instant t = start.plusSeconds(mid);
            if (heldIn24h(spans, t).compareTo(maxIn24h) >= 0) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return start.plusSeconds(lo);
    }

    private static Duration heldIn24h(List<ImocSpans.Span> spans, Instant t) {
        Duration held = Duration.ZERO;
        for (ImocSpans.Span s : spans) {
            held = held.plus(s.within(t.minus(DAY), t));
        }
        return held;
    }

    @Override
    public String toString() {
        return NAME + "[suggest " + suggestAfter + ", reach out " + reachOutAfter + ", max " + maxIn24h + " in 24h]";
    }

    /**
     * Configures a {@link HandOffPolicy}; starts from the defaults.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final BySeverity suggestAfter = new BySeverity("hand-off suggestion").all(Duration.ofHours(4));
        private final BySeverity reachOutAfter = new BySeverity("hand-off reach-out").all(Duration.ofHours(6));
        private Duration maxIn24h = Duration.ofHours(8);
        private Duration offerTimeout = Duration.ofMinutes(10);

        private Builder() {}

        /**
         * Suggests a hand-off after an IMOC's tenure of {@code tenure}, at a severity.
         *
         * @param severity the severity
         * @param tenure how long, positive, whole seconds
         * @return this builder
         */
        public Builder suggestAfter(Severity severity, Duration tenure) {
            suggestAfter.set(severity, tenure);
            return this;
        }

        /**
         * Reaches out to candidates after an IMOC's tenure of {@code tenure}, at a severity.
         *
         * @param severity the severity
         * @param tenure how long, positive, whole seconds
         * @return this builder
         */
        public Builder reachOutAfter(Severity severity, Duration tenure) {
            reachOutAfter.set(severity, tenure);
            return this;
        }

        /**
         * Never reaches out on its own at a severity (the suggestion still comes).
         *
         * @param severity the severity
         * @return this builder
         */
        public Builder neverReachOut(Severity severity) {
            reachOutAfter.never(severity);
            return this;
        }

        /**
         * Suggests a hand-off once the IMOC has held the role of this incident for {@code max} within the
         * last 24 hours, even across hand-offs back and forth.
         *
         * @param max at most 24 hours, positive, whole seconds
         * @return this builder
         * @throws IllegalArgumentException if {@code max} is out of range
         */
        public Builder maxImocTimeIn24h(Duration max) {
            Checks.positiveSeconds(max, "maximum IMOC time in 24h");
            if (max.compareTo(DAY) > 0) {
                throw new IllegalArgumentException("the maximum IMOC time in 24h is at most 24h; got " + Durations.format(max));
            }
            this.maxIn24h = max;
            return this;
        }

        /**
         * Moves on to the next candidate when one has not accepted within {@code timeout}.
         *
         * @param timeout positive, whole seconds
         * @return this builder
         */
        public Builder offerTimeout(Duration timeout) {
            this.offerTimeout = Checks.positiveSeconds(timeout, "hand-off offer timeout");
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         */
        public HandOffPolicy build() {
            return new HandOffPolicy(this);
        }
    }
}
