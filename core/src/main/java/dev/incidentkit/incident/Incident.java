package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.Maps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state of one incident: the fold of its events. Immutable; {@link #evolve} returns a new state.
 *
 * <p>State that is cheap to derive from the {@link #timeline()} (milestones, links, follow-ups,
 * participants, the last public update) is derived on each call rather than stored, so there is one
 * source of truth.
 *
 * @param id the incident's id
 * @param title what is wrong, in a few words (empty before {@link Declared})
 * @param severity how bad it is
 * @param status where it stands
 * @param drill whether this is a practice incident
 * @param roles who holds which role now
 * @param timeline every event so far, ordered by {@link IncidentEvent#seq()} from 1 without gaps; applying
 *     an event does not copy it (states of one incident share their events), so a fold is linear
 * @since 0.1
 */
public record Incident(
        IncidentId id,
        String title,
        Severity severity,
        IncidentStatus status,
        boolean drill,
        Map<Role, PersonRef> roles,
        List<IncidentEvent> timeline) {

    /** Room left after a replay for the events of the next command, so applying them copies nothing. */
    private static final int REPLAY_ROOM = 16;
    /** How many events a declaration records at most before its classification (declared, IMOC, joined). */
    private static final int DECLARATION_EVENTS = 64;

    /**
     * Checks nulls and copies the collections; a timeline taken from another incident is shared, not
     * copied (it is immutable). {@link #timeline()} is an unmodifiable view.
     */
    public Incident {
        requireNonNull(id, "id");
        requireNonNull(title, "title");
        requireNonNull(severity, "severity");
        requireNonNull(status, "status");
        roles = Maps.immutableEnumMap(requireNonNull(roles, "roles"));
        timeline = Timeline.of(requireNonNull(timeline, "timeline"));
    }

    /**
     * The state before anything happened: what {@link Decider#decide} takes to declare a new incident,
     * and what {@link #replay} starts from.
     *
     * @param id the id allocated for it
     * @return a state with an empty timeline
     */
    public static Incident undeclared(IncidentId id) {
        return new Incident(id, "", Severity.SEV4, IncidentStatus.INVESTIGATING, false, Map.of(), List.of());
    }

    /**
     * Folds events into an incident, from {@link #undeclared}.
     *
     * @param id the incident's id
     * @param events its timeline, in order
     * @return the incident
     * @throws IllegalArgumentException if the events are out of order, have gaps, or do not start with
     *     {@link Declared}
     */
    public static Incident replay(IncidentId id, List<? extends IncidentEvent> events) {
        // room for the events, and for a command's few more without growing: O(n) in all
        Incident incident = new Incident(id, "", Severity.SEV4, IncidentStatus.INVESTIGATING, false, Map.of(),
                Timeline.withCapacity(events.size() + REPLAY_ROOM));
        for (IncidentEvent e : events) {
            incident = evolve(incident, e);
        }
        return incident;
    }

    /**
     * Applies one event: the pure function {@code (Incident, IncidentEvent) -> Incident}.
     *
     * @param incident the state before
     * @param event the next event; its {@code seq} must be {@code incident.version() + 1}
     * @return the state after
     * @throws IllegalArgumentException if the event does not follow, or an undeclared incident gets
     *     anything but {@link Declared}, or a declared one gets a second {@code Declared}
     */
    public static Incident evolve(Incident incident, IncidentEvent event) {
        requireNonNull(event, "event");
        if (event.seq() != incident.version() + 1) {
            throw new IllegalArgumentException("event seq " + event.seq() + " does not follow version "
                    + incident.version() + " of " + incident.id());
        }
        if (incident.isDeclared() == (event instanceof Declared)) {
            throw new IllegalArgumentException(incident.isDeclared()
                    ? incident.id() + " is already declared"
                    : "the first event of " + incident.id() + " must be declared, not " + event);
        }
        // O(1): the timeline is append-only, so the new state shares the old one's events (see Timeline)
        List<IncidentEvent> timeline = ((Timeline) incident.timeline).append(event);
        String title = incident.title;
        Severity severity = incident.severity;
        IncidentStatus status = incident.status;
        boolean drill = incident.drill;
        Map<Role, PersonRef> roles = incident.roles;
        if (event instanceof Declared d) {
            if (!d.incident().equals(incident.id())) {
                throw new IllegalArgumentException("declared event for " + d.incident() + " applied to " + incident.id());
            }
            title = d.title();
            severity = d.severity();
            drill = d.drill();
        } else if (event instanceof StatusChanged s) {
            status = s.to();
        } else if (event instanceof SeverityChanged s) {
            severity = s.to();
        } else if (event instanceof RoleAssigned r) {
            roles = withRole(roles, r.role(), r.person());
        } else if (event instanceof HandedOff h) {
            roles = withRole(roles, h.role(), h.to());
        } else if (event instanceof Closed) {
            status = IncidentStatus.CLOSED;
        } else if (event instanceof Cancelled) {
            status = IncidentStatus.CANCELLED;
        } else if (!(event instanceof HandOffRequested
                || event instanceof NoteAdded
                || event instanceof StatusUpdatePublished
                || event instanceof ChannelBound
                || event instanceof ParticipantJoined
                || event instanceof MilestoneRecorded
                || event instanceof LinkAdded
                || event instanceof FollowUpAdded
                || event instanceof ReminderFired
                || event instanceof Paged
                || event instanceof PageAcknowledged
                || event instanceof DeliveryFailed
                || event instanceof DeliveriesRetried
                || event instanceof AccessRefused
                || event instanceof HandOffOffered
                || event instanceof ReminderSnoozed
                || event instanceof RemindersMuted
                || event instanceof ComponentsMarked
                || event instanceof UpdateDrafted
                || event instanceof FollowUpClosed
                || event instanceof Classified
                || event instanceof PresenceConfirmed)) {
            throw new IllegalStateException("unhandled " + event);
        }
        return new Incident(incident.id, title, severity, status, drill, roles, timeline);
    }

    private static Map<Role, PersonRef> withRole(Map<Role, PersonRef> roles, Role role, PersonRef person) {
        EnumMap<Role, PersonRef> copy = new EnumMap<>(Role.class);
        copy.putAll(roles);
        copy.put(role, person);
        return copy;
    }

    /**
     * Returns this state plus one event; see {@link #evolve(Incident, IncidentEvent)}.
     *
     * @param event the next event
     * @return the new state
     */
    public Incident evolve(IncidentEvent event) {
        return evolve(this, event);
    }

    /**
     * Returns the seq of the last event, 0 before declaration: the expected version for the next append.
     *
     * @return the version
     */
    public long version() {
        return timeline.size();
    }

    /**
     * Returns whether the incident has been declared.
     *
     * @return true once there is a timeline
     */
    public boolean isDeclared() {
        return !timeline.isEmpty();
    }

    /**
     * Returns whether it is still open (declared, neither closed nor cancelled).
     *
     * @return true if open
     */
    public boolean isOpen() {
        return isDeclared() && !status.isFinal();
    }

    private Declared declaration() {
        if (!isDeclared()) {
            throw new IllegalStateException(id + " has not been declared");
        }
        return (Declared) timeline.get(0);
    }

    /**
     * Returns when it was declared.
     *
     * @return the instant
     * @throws IllegalStateException if not declared
     */
    public Instant declaredAt() {
        return declaration().at();
    }

    /**
     * Returns who declared it.
     *
     * @return the person
     * @throws IllegalStateException if not declared
     */
    public PersonRef declaredBy() {
        return declaration().by();
    }

    /**
     * Returns the current IMOC.
     *
     * @return the IMOC, if one is assigned
     */
    public Optional<PersonRef> imoc() {
        return holder(Role.IMOC);
    }

    /**
     * Returns who holds a role now.
     *
     * @param role the role
     * @return the holder, if any
     */
    public Optional<PersonRef> holder(Role role) {
        return Optional.ofNullable(roles.get(role));
    }

    /**
     * Returns the roles a person holds now.
     *
     * @param person the person
     * @return the roles, possibly empty
     */
    public Set<Role> rolesOf(PersonRef person) {
        Set<Role> held = new LinkedHashSet<>();
        roles.forEach((role, holder) -> {
            if (holder.id().equals(person.id())) {
                held.add(role);
            }
        });
        return held;
    }

    /**
     * Returns everyone who joined, held a role or acted, in order of first appearance.
     *
     * @return the people
     */
    public List<PersonRef> participants() {
        Map<String, PersonRef> byId = new LinkedHashMap<>();
        for (IncidentEvent e : timeline) {
            if (e instanceof ParticipantJoined p) {
                byId.putIfAbsent(p.person().id(), p.person());
            } else if (e instanceof RoleAssigned r) {
                byId.putIfAbsent(r.person().id(), r.person());
            } else if (e instanceof HandedOff h) {
                byId.putIfAbsent(h.to().id(), h.to());
            }
            if (!e.by().equals(PersonRef.BOT)) {
                byId.putIfAbsent(e.by().id(), e.by());
            }
        }
        return List.copyOf(byId.values());
    }

    /**
     * Returns the incident's type, as declared with {@code --type}.
     *
     * @return the type's name, e.g. {@code security}; empty for none
     */
    public Optional<String> type() {
        return classification().map(Classified::incidentType).filter(t -> !t.isEmpty());
    }

    /**
     * Returns whether the incident is private: a private channel, seen and acted on only by its
     * participants, and kept off the public status page unless an update is published with
     * {@code update --public}.
     *
     * @return true if private
     */
    public boolean isPrivate() {
        return classification().map(Classified::privateIncident).orElse(false);
    }

    /** The classification is recorded with the declaration, so it is among the first events. */
    private Optional<Classified> classification() {
        for (IncidentEvent e : timeline) {
            if (e instanceof Classified c) {
                return Optional.of(c);
            }
            if (e.seq() > DECLARATION_EVENTS) {
                break;
            }
        }
        return Optional.empty();
    }

    /**
     * Returns whether a person takes part in the incident: joined, held a role, acted, was paged or was
     * offered the IMOC role. Only they may see or act on a private incident.
     *
     * @param person the person
     * @return true if they take part
     */
    public boolean isParticipant(PersonRef person) {
        requireNonNull(person, "person");
        String id = person.id();
        for (IncidentEvent e : timeline) {
            PersonRef brought = e instanceof ParticipantJoined p ? p.person()
                    : e instanceof RoleAssigned r ? r.person()
                    : e instanceof HandedOff h ? h.to()
                    : e instanceof Paged p ? p.target()
                    : e instanceof HandOffOffered o ? o.candidate()
                    : null;
            // being refused is not taking part
            if (brought != null && brought.id().equals(id) || !(e instanceof AccessRefused) && e.by().id().equals(id)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns whether a person may see the incident: anyone for a public one, its participants (and
     * incidentkit itself) for a private one. Anything that lists incidents or shows their title or
     * timeline asks this first.
     *
     * @param person who would see it
     * @return true if they may
     */
    public boolean isVisibleTo(PersonRef person) {
        return !isPrivate() || person.id().equals(PersonRef.BOT.id()) || isParticipant(person);
    }

    /**
     * Returns whether a public update is meant for the public status page: every update of a public
     * incident, and only those published with {@code update --public} for a private one. (A drill's never
     * reach the real page either; that is the status publisher's business.)
     *
     * @param update one of this incident's updates
     * @return true if it goes to the status page
     */
    public boolean isForStatusPage(StatusUpdatePublished update) {
        return !isPrivate() || update.publicly();
    }

    /**
     * Returns whether any public update of this incident was meant for the public status page
     * ({@link #isForStatusPage}).
     *
     * @return true if one was
     */
    public boolean wentPublic() {
        return all(StatusUpdatePublished.class).stream().anyMatch(this::isForStatusPage);
    }

    /**
     * Returns the channel bound to the incident, the latest if rebound.
     *
     * @return the binding, if any
     */
    public Optional<ChannelBound> channel() {
        return last(ChannelBound.class);
    }

    /**
     * Returns the last public status update.
     *
     * @return the update, if any was published
     */
    public Optional<StatusUpdatePublished> lastPublicUpdate() {
        return last(StatusUpdatePublished.class);
    }

    /**
     * Returns the last event of a type.
     *
     * @param type the event type
     * @param <E> the type
     * @return the event, if any
     */
    public <E extends IncidentEvent> Optional<E> last(Class<E> type) {
        for (int i = timeline.size() - 1; i >= 0; i--) {
            if (type.isInstance(timeline.get(i))) {
                return Optional.of(type.cast(timeline.get(i)));
            }
        }
        return Optional.empty();
    }

    /**
     * Returns all events of a type, in order.
     *
     * @param type the event type
     * @param <E> the type
     * @return the events
     */
    public <E extends IncidentEvent> List<E> all(Class<E> type) {
        List<E> found = new ArrayList<>();
        for (IncidentEvent e : timeline) {
            if (type.isInstance(e)) {
                found.add(type.cast(e));
            }
        }
        return found;
    }

    /**
     * Returns when each milestone happened, the latest record of each winning.
     *
     * @return the milestones
     */
    public Map<Milestone, Instant> milestones() {
        EnumMap<Milestone, Instant> found = new EnumMap<>(Milestone.class);
        for (MilestoneRecorded m : all(MilestoneRecorded.class)) {
            found.put(m.milestone(), m.occurredAt());
        }
        return ImmutableMap.copyOf(found);
    }

    /**
     * Returns the people paged whose page nobody has acknowledged yet, in the order they were paged.
     *
     * @return the people, possibly empty
     */
    public List<PersonRef> unacknowledgedPages() {
        Map<String, PersonRef> open = new LinkedHashMap<>();
        for (IncidentEvent e : timeline) {
            if (e instanceof Paged p) {
                open.put(p.target().id(), p.target());
            } else if (e instanceof PageAcknowledged a) {
                open.remove(a.target().id());
            }
        }
        return List.copyOf(open.values());
    }

    /**
     * Returns the follow-ups, in order.
     *
     * @return the follow-ups
     */
    public List<FollowUpAdded> followUps() {
        return all(FollowUpAdded.class);
    }

    /**
     * Returns the follow-ups not yet closed, in order.
     *
     * @return the open follow-ups
     */
    public List<FollowUpAdded> openFollowUps() {
        Set<Integer> closed = new java.util.HashSet<>();
        for (FollowUpClosed c : all(FollowUpClosed.class)) {
            closed.add(c.number());
        }
        List<FollowUpAdded> open = new ArrayList<>();
        for (FollowUpAdded f : followUps()) {
            if (!closed.contains(f.number())) {
                open.add(f);
            }
        }
        return open;
    }

    /**
     * Returns the affected components as last marked: component name to status, in the order first named.
     *
     * @return the components, empty if none were marked
     */
    public Map<String, String> components() {
        Map<String, String> marked = Map.of();
        for (ComponentsMarked m : all(ComponentsMarked.class)) {
            marked = ComponentsMarked.merge(marked, m.components());
        }
        return marked;
    }

    /**
     * Returns the drafted public update waiting for {@code confirm}: the last draft, unless an update was
     * published after it.
     *
     * @return the draft, if one waits
     */
    public Optional<UpdateDrafted> pendingDraft() {
        for (int i = timeline.size() - 1; i >= 0; i--) {
            IncidentEvent e = timeline.get(i);
            if (e instanceof StatusUpdatePublished) {
                return Optional.empty();
            }
            if (e instanceof UpdateDrafted d) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the external links, in order.

     *
     * @return the links
     */
    public List<LinkAdded> links() {
        return all(LinkAdded.class);
    }

    /**
     * Returns when the incident was last resolved, if it is resolved or closed now.
     *
     * @return the instant, empty while active, after a reopen, or when cancelled
     */
    public Optional<Instant> resolvedAt() {
        if (status != IncidentStatus.RESOLVED && status != IncidentStatus.CLOSED) {
            return Optional.empty();
        }
        return all(StatusChanged.class).stream()
                .filter(s -> s.to() == IncidentStatus.RESOLVED)
                .reduce((a, b) -> b)
                .map(StatusChanged::at);
    }

    /**
     * Returns how long the incident has lasted: from declaration to resolution (or cancellation), or to
     * {@code now} while it is active.
     *
     * @param now the instant to measure to while active
     * @return the duration, never negative
     */
    public Duration duration(Instant now) {
        Instant end = resolvedAt()
                .or(() -> last(Cancelled.class).map(Cancelled::at))
                .orElse(now);
        Duration d = Duration.between(declaredAt(), end);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /**
     * Returns the event that gave a role to its current holder: the latest {@link RoleAssigned} or
     * {@link HandedOff} for it.
     *
     * @param role the role
     * @return the event, if anyone holds the role
     */
    public Optional<IncidentEvent> roleChange(Role role) {
        requireNonNull(role, "role");
        for (int i = timeline.size() - 1; i >= 0; i--) {
            IncidentEvent e = timeline.get(i);
            if (e instanceof RoleAssigned r && r.role() == role || e instanceof HandedOff h && h.role() == role) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the people a role has been offered to since it last changed hands, in the order offered:
     * the candidates of the hand-off in progress, any of whom may accept.
     *
     * @param role the role
     * @return the candidates, possibly empty
     */
    public List<PersonRef> openHandOffOffers(Role role) {
        long since = roleChange(role).map(IncidentEvent::seq).orElse(0L);
        Map<String, PersonRef> offered = new LinkedHashMap<>();
        for (HandOffOffered o : all(HandOffOffered.class)) {
            if (o.seq() > since && o.role() == role) {
                offered.putIfAbsent(o.candidate().id(), o.candidate());
            }
        }
        return List.copyOf(offered.values());
    }

    /**
     * Returns until when a person's reminders are snoozed, from their latest {@link ReminderSnoozed}.
     *
     * @param person the person
     * @return the instant, if they ever snoozed (it may have passed)
     */
    public Optional<Instant> snoozedUntil(PersonRef person) {
        requireNonNull(person, "person");
        Instant until = null;
        for (ReminderSnoozed s : all(ReminderSnoozed.class)) {
            if (s.person().id().equals(person.id())) {
                until = s.until();
            }
        }
        return Optional.ofNullable(until);
    }

    /**
     * Returns until when a reminder policy is muted, from the latest {@link RemindersMuted} for it.
     *
     * @param policy the policy's name, e.g. {@code status-update}
     * @return the instant, if it was ever muted (it may have passed)
     */
    public Optional<Instant> mutedUntil(String policy) {
        requireNonNull(policy, "policy");
        Instant until = null;
        for (RemindersMuted m : all(RemindersMuted.class)) {
            if (m.policy().equals(policy)) {
                until = m.until();
            }
        }
        return Optional.ofNullable(until);
    }
}
