package dev.incidentkit.internal;

import dev.incidentkit.incident.Cancelled;
import dev.incidentkit.incident.Classified;
import dev.incidentkit.incident.ParticipantJoined;
import dev.incidentkit.incident.ChannelBound;
import dev.incidentkit.incident.Closed;
import dev.incidentkit.incident.ComponentsMarked;
import dev.incidentkit.incident.Declared;
import dev.incidentkit.incident.DeliveryFailed;
import dev.incidentkit.incident.FollowUpAdded;
import dev.incidentkit.incident.HandOffOffered;
import dev.incidentkit.incident.FollowUpClosed;
import dev.incidentkit.incident.HandOffRequested;
import dev.incidentkit.incident.HandedOff;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.LinkAdded;
import dev.incidentkit.incident.LinkKind;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.Role;
import dev.incidentkit.incident.RoleAssigned;
import dev.incidentkit.incident.SeverityChanged;
import dev.incidentkit.incident.StatusChanged;
import dev.incidentkit.incident.StatusUpdatePublished;
import dev.incidentkit.incident.UpdateDrafted;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.ChatMessage.Kind;
import dev.incidentkit.rotation.HandOffSummary;
import dev.incidentkit.spi.Effect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which side effects events cause: a pure function of the incident before, the new events, and which
 * ports are configured. Each effect's idempotency key is {@code <incident>:<seq of its event>:<n>}.
 */
public final class EffectPlanner {

    /**
     * Which optional ports are configured.
     *
     * @param drillStatusPage whether the status publisher takes drills (to a sandbox page)
     */
    public record Ports(boolean pager, boolean statusPage, boolean issues, boolean drillStatusPage, boolean marksComponents) {

        /** Whether an incident's public updates go to the status publisher. */
        boolean publishes(Incident incident) {
            return statusPage && (!incident.drill() || drillStatusPage);
        }
    }

    private final Ports ports;
    /** Whether an incident's type names an issue tracker of its own for its report and follow-ups. */
    private final Predicate<Incident> ownTracker;

    public EffectPlanner(Ports ports) {
        this(ports, incident -> false);
    }

    /**
     * @param ownTracker whether an incident's type names an issue tracker of its own; a private incident's
     *     report and follow-ups are filed only there, never to the shared tracker
     */
    public EffectPlanner(Ports ports, Predicate<Incident> ownTracker) {
        this.ports = ports;
        this.ownTracker = ownTracker;
    }

    /**
     * Returns whether an incident's report and follow-ups are filed: to its type's own tracker if it names
     * one, else to the shared tracker if one is configured and the incident is not private.
     */
    public boolean filesIssues(Incident incident) {
        return ownTracker.test(incident) || ports.issues() && !incident.isPrivate();
    }

    /** Returns the effects of {@code events} applied to {@code before}, in order. */
    public List<Effect> plan(Incident before, List<IncidentEvent> events) {
        List<Effect> effects = new ArrayList<>();
        Batch batch = new Batch(!before.isDeclared(),
                events.stream().anyMatch(e -> e instanceof Classified c && c.privateIncident()),
                events.stream().anyMatch(e -> e instanceof StatusUpdatePublished u && u.status() == IncidentStatus.RESOLVED
                        || e instanceof UpdateDrafted d && d.status() == IncidentStatus.RESOLVED),
                carriesUpdate(events), events.stream().anyMatch(ChannelBound.class::isInstance));
        Incident incident = before;
        for (IncidentEvent event : events) {
            incident = incident.evolve(event);
            Keys k = new Keys(incident.id().value() + ":" + event.seq());
            plan(incident, event, batch, k, effects);
        }
        return effects;
    }

    /**
     * What the whole batch says, which single events cannot: whether it is a declaration, whether it
     * publishes or previews a "resolved" update of its own (so resolving adds no second one), and whether it
     * carries a public update (which takes the components marked with it), and whether it binds a channel
     * (a declaration in an existing channel creates none).
     */
    private record Batch(boolean declaring, boolean privateChannel, boolean publishesResolved, boolean carriesUpdate,
                         boolean bindsChannel) {}

    /**
     * Returns whether the components marked by {@code event} go to the status page on their own at once,
     * rather than with the next public update.
     *
     * @param incident the incident
     * @param batch the events decided together with it
     */
    public boolean marksComponentsAtOnce(Incident incident, List<IncidentEvent> batch) {
        return marksAtOnce(incident, carriesUpdate(batch)) && batch.stream().noneMatch(Declared.class::isInstance);
    }

    /** Components go out on their own only for a public incident: a private one's only with an update --public. */
    private boolean marksAtOnce(Incident incident, boolean carriesUpdate) {
        return ports.publishes(incident) && ports.marksComponents() && !carriesUpdate && !incident.isPrivate();
    }

    /**
     * Returns whether a batch carries a public update, published or previewed, which takes the components
     * marked with it.
     *
     * @param batch the events decided together
     */
    public static boolean carriesUpdate(List<IncidentEvent> batch) {
        return batch.stream().anyMatch(e -> e instanceof StatusUpdatePublished || e instanceof UpdateDrafted);
    }

    /**
     * Returns whether a parked effect is a public update older than one the incident published since, so
     * that retrying it would move the status page backwards.
     *
     * @param incident the incident now
     * @param effect a parked effect
     */
    public static boolean isSupersededUpdate(Incident incident, Effect effect) {
        if (!(effect instanceof Effect.PublishStatus)) {
            return false;
        }
        long origin = originSeq(effect.key());
        return incident.timeline().stream().anyMatch(e -> e.seq() > origin && (e instanceof StatusUpdatePublished
                || e instanceof Cancelled || (e instanceof StatusChanged c && c.to() == IncidentStatus.RESOLVED)));
    }

    /** The seq of the event that caused an effect, from its key {@code <incident>:<seq>:<n>}. */
    private static long originSeq(String key) {
        String[] parts = key.split(":");
        try {
            return Long.parseLong(parts[parts.length - 2]);
        } catch (RuntimeException e) {
            return Long.MAX_VALUE; // not a key this planner made: never superseded
        }
    }

    private void plan(Incident incident, IncidentEvent event, Batch batch, Keys k, List<Effect> out) {
        boolean declaring = batch.declaring();
        if (event instanceof Declared) {
            if (!batch.bindsChannel()) { // `declare here` binds the channel it was typed in: nothing to create
                out.add(new Effect.CreateChannel(k.next(), Messages.channelName(incident), batch.privateChannel()));
            }
        } else if (event instanceof ChannelBound && incident.all(ChannelBound.class).size() > 1) {
            // moved to another channel (the first binding is the declaration's, whose kick-off is planned with it)
            out.add(new Effect.Invite(k.next(), incident.participants()));
            out.add(new Effect.SetTopic(k.next()));
            out.add(new Effect.Post(k.next(), Messages.kickOff(incident), true));
            out.add(post(incident, event, Kind.STATUS_CHANGE, k));
            for (LinkAdded l : incident.links()) {
                out.add(new Effect.Bookmark(k.next(), l.label(), l.url()));
            }
        } else if (event instanceof RoleAssigned r) {
            if (declaring) {
                // the IMOC of a new declaration: the kick-off follows the channel
                out.add(new Effect.Invite(k.next(), distinct(List.of(r.person(), incident.declaredBy()))));
                out.add(new Effect.SetTopic(k.next()));
                out.add(new Effect.Post(k.next(), Messages.kickOff(incident), true));
                page(incident, r.person(), "declared " + incident.severity().name() + ": " + incident.title(), k, out);
            } else {
                out.add(new Effect.Invite(k.next(), List.of(r.person())));
                out.add(new Effect.SetTopic(k.next()));
                out.add(post(incident, event, Kind.STATUS_CHANGE, k));
            }
        } else if (event instanceof HandedOff h) {
            out.add(new Effect.Invite(k.next(), List.of(h.to())));
            out.add(new Effect.SetTopic(k.next()));
            out.add(post(incident, event, Kind.STATUS_CHANGE, k));
            if (h.role() == Role.IMOC) {
                out.add(new Effect.Post(k.next(), new ChatMessage(Kind.STATUS_CHANGE, Messages.heading(incident),
                        HandOffSummary.text(incident, h.at()), List.of(), incident.drill()), false));
                if (!h.by().id().equals(h.to().id())) {
                    // handed to someone who is not in the channel yet (an acceptance needs no page): a page of their own
                    page(incident, h.to(), "you are now IMOC of " + incident.id() + ": " + incident.title(), k, out);
                }
            }
        } else if (event instanceof SeverityChanged) {
            out.add(new Effect.SetTopic(k.next()));
            out.add(post(incident, event, Kind.STATUS_CHANGE, k));
        } else if (event instanceof StatusChanged s) {
            out.add(new Effect.SetTopic(k.next()));
            out.add(post(incident, event, Kind.STATUS_CHANGE, k));
            if (s.to() == IncidentStatus.RESOLVED) {
                if (!batch.publishesResolved()) {
                    ended(incident, dev.incidentkit.incident.Decider.RESOLVED_TEXT, k, out);
                } else if (ports.pager()) {
                    out.add(new Effect.ResolvePages(k.next()));
                }
                if (filesIssues(incident)) {
                    out.add(new Effect.FileReport(k.next()));
                }
            }
        } else if (event instanceof StatusUpdatePublished u) {
            if (ports.publishes(incident) && incident.isForStatusPage(u)) {
                out.add(new Effect.PublishStatus(k.next(), u.status(), u.message()));
            }
            out.add(incident.isForStatusPage(u) ? post(incident, event, Kind.PUBLIC_UPDATE, k)
                    : new Effect.Post(k.next(), Messages.channelOnlyUpdate(incident, u), false));
        } else if (event instanceof Closed) {
            if (filesIssues(incident)) {
                // follow-ups first, so the report's final body links their issues
                for (FollowUpAdded f : incident.openFollowUps()) {
                    out.add(new Effect.FileFollowUp(k.next(), f.number(), f.text()));
                }
                out.add(new Effect.FileReport(k.next()));
            }
            out.add(new Effect.Post(k.next(), Messages.reportSummary(incident), false));
        } else if (event instanceof Cancelled) {
            out.add(new Effect.SetTopic(k.next()));
            out.add(post(incident, event, Kind.STATUS_CHANGE, k));
            ended(incident, "This was a false alarm; there is no impact.", k, out);
        } else if (event instanceof HandOffRequested) {
            out.add(post(incident, event, Kind.STATUS_CHANGE, k));
        } else if (event instanceof HandOffOffered o) {
            out.add(new Effect.Invite(k.next(), List.of(o.candidate())));
            out.add(new Effect.Post(k.next(), Messages.handOffOffer(incident, o), false));
        } else if (event instanceof ComponentsMarked m) {
            if (marksAtOnce(incident, batch.carriesUpdate()) && !batch.declaring()) { // a type's components wait for an update
                out.add(new Effect.MarkComponents(k.next(), m.components()));
            }
            if (incident.channel().isPresent()) {
                out.add(post(incident, event, Kind.STATUS_CHANGE, k));
            }
        } else if (event instanceof FollowUpClosed) {
            if (incident.channel().isPresent()) {
                out.add(post(incident, event, Kind.STATUS_CHANGE, k));
            }
        } else if (event instanceof ParticipantJoined p && declaring) {
            // brought in by the incident's type: invited, and paged like the IMOC
            out.add(new Effect.Invite(k.next(), List.of(p.person())));
            page(incident, p.person(), "declared " + incident.severity().name() + ": " + incident.title(), k, out);
        } else if (event instanceof LinkAdded l) {
            out.add(new Effect.Bookmark(k.next(), l.label(), l.url()));
        } else if (event instanceof DeliveryFailed f) {
            if (!f.what().startsWith("post alert")) {
                out.add(post(incident, event, Kind.ALERT, k));
            }
        }
    }

    /** Resolves what an incident opened elsewhere: the page and the status page incident. */
    private void ended(Incident incident, String publicMessage, Keys k, List<Effect> out) {
        if (ports.pager()) {
            out.add(new Effect.ResolvePages(k.next()));
        }
        boolean onStatusPage = incident.links().stream().anyMatch(l -> l.kind() == LinkKind.STATUS_PAGE)
                || incident.wentPublic();
        boolean resolvedPublicly = incident.lastPublicUpdate().map(u -> u.status() == IncidentStatus.RESOLVED).orElse(false);
        if (ports.publishes(incident) && onStatusPage && !resolvedPublicly) {
            out.add(new Effect.PublishStatus(k.next(), IncidentStatus.RESOLVED, publicMessage));
        }
    }

    private void page(Incident incident, PersonRef target, String reason, Keys k, List<Effect> out) {
        page(incident, target, reason, k.next()).ifPresent(out::add);
    }

    /** A page, unless no pager is configured or it is a drill and the target is not taking part. */
    public Optional<Effect> page(Incident incident, PersonRef target, String reason, String key) {
        boolean participant = incident.participants().stream().anyMatch(p -> p.id().equals(target.id()));
        if (!ports.pager() || (incident.drill() && !participant)) {
            return Optional.empty(); // a drill pages only its participants
        }
        return Optional.of(new Effect.Page(key, target, reason));
    }

    private static Effect post(Incident incident, IncidentEvent event, Kind kind, Keys k) {
        return new Effect.Post(k.next(), Messages.about(incident, event, kind, List.of()), false);
    }

    private static List<PersonRef> distinct(List<PersonRef> people) {
        Map<String, PersonRef> byId = new LinkedHashMap<>();
        people.forEach(p -> byId.putIfAbsent(p.id(), p));
        return List.copyOf(byId.values());
    }

    /** Numbers the effects of one event. */
    private static final class Keys {
        private final String prefix;
        private int n;

        Keys(String prefix) {
            this.prefix = prefix;
        }

        String next() {
            return prefix + ":" + n++;
        }
    }
}
