package dev.incidentkit.reminder;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.PageAcknowledged;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.ReminderFired;
import dev.incidentkit.incident.Role;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.internal.Checks;
import dev.incidentkit.internal.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Is the IMOC still there? The {@link SilencePolicy} asks the IMOC for a note and asks again while the
 * silence lasts; this policy notices when that goes unanswered. When the IMOC has taken the incident on
 * (acknowledged their page, or acted at all since becoming IMOC) and then stays silent through two silence
 * reminders in a row (by default, at SEV1 and SEV2):
 * <ul>
 *   <li>it asks them "are you still on it?" with a button ({@code still-there:ask:<seq>},
 *       {@link Escalation#ASK_IF_STILL_THERE}), due when the second silence reminder fired;</li>
 *   <li>if the IMOC does not answer within 10 minutes, it pages the next IMOC on call and offers them the
 *       role, as a hand-off does ({@code still-there:escalate:<seq>}, {@link Escalation#PAGE_AND_OFFER_NEXT_IMOC}).</li>
 * </ul>
 * Anything the IMOC does answers it: the button ({@code here}), a note, a snooze. Then the count starts
 * again. It builds on the silence reminders: with those muted or off, it never asks. Off at SEV3 and
 * SEV4 by default.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class StillTherePolicy implements ReminderPolicy {
    /** This policy's name and key prefix. */
    public static final String NAME = "still-there";

    private final Map<Severity, Integer> askAfter;
    private final Duration answerWithin;

    private StillTherePolicy(Builder b) {
        this.askAfter = Map.copyOf(b.askAfter);
        this.answerWithin = b.answerWithin;
    }

    /**
     * Returns a builder preset with the defaults: ask after 2 silence reminders at SEV1 and SEV2, never at
     * SEV3 and SEV4, and escalate when 10 minutes pass without an answer.
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
        Integer silences = askAfter.get(incident.severity());
        if (silences == null) {
            return List.of();
        }
        PersonRef imoc = incident.imoc().get();
        long tenure = incident.roleChange(Role.IMOC).map(IncidentEvent::seq).orElse(1L);
        // the IMOC's last sign of life in this tenure: anything they did, or their page acknowledged
        long lastHeard = -1;
        List<ReminderFired> unanswered = new ArrayList<>();
        for (IncidentEvent e : incident.timeline()) {
            if (e.seq() < tenure) {
                continue;
            }
            if (e.by().id().equals(imoc.id()) || e instanceof PageAcknowledged a && a.target().id().equals(imoc.id())) {
                lastHeard = e.seq();
                unanswered.clear();
            } else if (lastHeard >= 0 && e instanceof ReminderFired f && f.key().startsWith(SilencePolicy.NAME + ":")) {
                unanswered.add(f);
            }
        }
        if (lastHeard < 0 || unanswered.size() < silences) {
            return List.of(); // not taken on yet (the page reminders' business), or not silent long enough
        }
        ReminderFired last = unanswered.get(silences - 1);
        String askKey = NAME + ":ask:" + last.seq();
        List<Reminder> out = new ArrayList<>(2);
        out.add(new Reminder(askKey, last.at(), Audience.role(Role.IMOC),
                "are you still on it? Nothing has come from you in " + incident.id() + " through " + silences
                        + " silence reminders. Press the button or type `here`; if nobody answers within "
                        + Durations.format(answerWithin) + ", the next IMOC on call is paged and offered the role.",
                Escalation.ASK_IF_STILL_THERE));
        Optional<ReminderFired> asked = incident.all(ReminderFired.class).stream()
                .filter(f -> f.key().equals(askKey)).findFirst();
        asked.ifPresent(a -> out.add(new Reminder(NAME + ":escalate:" + a.seq(), a.at().plus(answerWithin),
                Audience.role(Role.IMOC),
                "no answer within " + Durations.format(answerWithin) + " to \"are you still on it?\": paging the next IMOC on call"
                        + " and offering them the IMOC role of " + incident.id() + ".",
                Escalation.PAGE_AND_OFFER_NEXT_IMOC)));
        return out;
    }

    @Override
    public String toString() {
        return NAME + "[ask after " + askAfter + " silence reminders, escalate after " + Durations.format(answerWithin) + "]";
    }

    /**
     * Configures a {@link StillTherePolicy}; starts from the defaults.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final EnumMap<Severity, Integer> askAfter = new EnumMap<>(Map.of(Severity.SEV1, 2, Severity.SEV2, 2));
        private Duration answerWithin = Duration.ofMinutes(10);

        private Builder() {}

        /**
         * Asks the IMOC whether they are still on it after {@code silenceReminders} unanswered silence
         * reminders in a row, at a severity.
         *
         * @param severity the severity
         * @param silenceReminders how many, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code silenceReminders} is below 1
         */
        public Builder askAfter(Severity severity, int silenceReminders) {
            requireNonNull(severity, "severity");
            if (silenceReminders < 1) {
                throw new IllegalArgumentException("askAfter takes at least 1 silence reminder; got " + silenceReminders
                        + " for " + severity.chatName());
            }
            askAfter.put(severity, silenceReminders);
            return this;
        }

        /**
         * Never asks at a severity.
         *
         * @param severity the severity
         * @return this builder
         */
        public Builder never(Severity severity) {
            askAfter.remove(requireNonNull(severity, "severity"));
            return this;
        }

        /**
         * Pages the next IMOC when the question goes unanswered for {@code timeout}.
         *
         * @param timeout positive, whole seconds
         * @return this builder
         */
        public Builder answerWithin(Duration timeout) {
            this.answerWithin = Checks.positiveSeconds(timeout, "still-there answer timeout");
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         */
        public StillTherePolicy build() {
            return new StillTherePolicy(this);
        }
    }
}
