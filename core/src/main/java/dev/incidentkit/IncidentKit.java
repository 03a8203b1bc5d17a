package dev.incidentkit;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.command.CommandParser;
import dev.incidentkit.command.ParseResult;
import dev.incidentkit.incident.AccessRefused;
import dev.incidentkit.incident.ChannelBound;
import dev.incidentkit.incident.Command;
import dev.incidentkit.incident.Context;
import dev.incidentkit.incident.Decider;
import dev.incidentkit.incident.Decision;
import dev.incidentkit.incident.DeliveriesRetried;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.StatusUpdatePublished;
import dev.incidentkit.incident.UpdateDrafted;
import dev.incidentkit.internal.CachedDirectory;
import dev.incidentkit.internal.CachedRotation;
import dev.incidentkit.internal.ChannelArchivePolicy;
import dev.incidentkit.internal.EffectPlanner;
import dev.incidentkit.internal.Incidents;
import dev.incidentkit.internal.Listeners;
import dev.incidentkit.internal.Messages;
import dev.incidentkit.internal.Outbox;
import dev.incidentkit.reminder.Escalation;
import dev.incidentkit.reminder.Reminder;
import dev.incidentkit.reminder.ReminderEngine;
import dev.incidentkit.reminder.ReminderPolicies;
import dev.incidentkit.reminder.ReminderPolicy;
import dev.incidentkit.reminder.ReminderScheduler;
import dev.incidentkit.rotation.HandOffCandidates;
import dev.incidentkit.report.ServiceDisruptionReport;
import dev.incidentkit.spi.AccessPolicy;
import dev.incidentkit.spi.ChatGateway;
import dev.incidentkit.spi.ConcurrencyConflictException;
import dev.incidentkit.spi.Directory;
import dev.incidentkit.spi.Effect;
import dev.incidentkit.spi.IncidentStore;
import dev.incidentkit.spi.IssueTracker;
import dev.incidentkit.spi.Pager;
import dev.incidentkit.spi.RotationSource;
import dev.incidentkit.spi.StatusPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one object a host bot holds: it turns chat commands into decisions, answers at once, and drives
 * the chat, the pager, the status page and the issue tracker through the ports, without ever blocking
 * the answer on a vendor or losing an update.
 *
 * <pre>{@code
 * IncidentKit kit = IncidentKit.builder()
 *     .store(new InMemoryIncidentStore())
 *     .chat(slackChatGateway)
 *     .pager(pagerDutyPager)            // optional: without it, declaring says nobody was paged
 *     .build();
 * Reply reply = kit.handle(new ChatRequest(alice, "C0123", "declare sev1 Checkout is failing"));
 * }</pre>
 *
 * <p>How a command flows: the text is parsed; the access policy is checked; {@link Decider} decides on
 * the current state; the new events and the side effects they cause are appended to the store in one
 * atomic append (the outbox); the reply is returned. Effects are delivered afterwards on the delivery
 * executor, retried with backoff, and their outcomes come back as events. A concurrent change is
 * handled by deciding again on fresh state.
 *
 * <p>Thread-safe. {@link #close()} stops the threads the kit started.
 *
 * @since 0.1
 */
public final class IncidentKit implements CommandHandler, IncidentCommands, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentKit.class);
    /** How often a refusal or a retry record is tried on fresh state before it is given up (best effort). */
    private static final int MAX_DECIDE_ATTEMPTS = 10;
    /** How long, in jittered waits, a command waits out writers racing on its incident before it gives up. */
    private static final Duration CONTENTION_BUDGET = Duration.ofSeconds(3);
    /** How long {@link #close()} lets a running tick and running deliveries finish. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);
    /** How long a repeated refusal of the same command by the same person is counted rather than recorded. */
    private static final Duration REFUSAL_WINDOW = Duration.ofMinutes(10);
    /** How long the request path waits for a vendor's cached answer (components, templates). */
    private static final Duration QUICK = Duration.ofMillis(20);

    private final Clock clock;
    private final IncidentStore store;
    private final CommandParser parser;
    private final Decider decider;
    private final AccessPolicy access;
    private final EffectPlanner planner;
    private final Incidents incidents;
    private final Outbox outbox;
    private final Executor deliveryExecutor;
    private final @Nullable ExecutorService ownedDelivery;
    private final @Nullable ScheduledExecutorService ticker;
    private final Pager pager;
    private final StatusPublisher statusPublisher;
    private final IssueTracker issues;
    private final Directory directory;
    /** Which optional ports the kit was built with (absent ones are null objects). */
    private final EffectPlanner.Ports configured;
    private final @Nullable CachedRotation rotation;
    private final @Nullable ExecutorService ownedLookups;
    private final Executor lookups;
    private final HandOffCandidates candidates;
    private final ReminderScheduler reminders;
    /** The incident types, by name. */
    private final Map<String, IncidentType> types;
    private final ChatGateway chat;
    /** The reminder policies, for {@code tldr}'s reminders due next. */
    private final ReminderEngine engine;
    private final boolean tldrOnJoin;
    private final Map<String, IncidentId> channels = new ConcurrentHashMap<>();
    /** Refusals counted but not recorded yet, by incident, person and command. */
    private final Map<String, Integer> heldBackRefusals = new ConcurrentHashMap<>();
    private final AtomicBoolean deliveryQueued = new AtomicBoolean();
    private final Listeners listeners;
    private final @Nullable ExecutorService ownedListenerThread;
    /** How many listener callbacks may wait before more are dropped rather than slow the kit. */
    private static final int LISTENER_BACKLOG = 10_000;
    /** How the command this thread is handling has ended so far; {@link #handle} reports it to the listeners. */
    private final ThreadLocal<IncidentKitListener.CommandOutcome> outcome = new ThreadLocal<>();

    private IncidentKit(Builder b) {
        this.clock = b.clock;
        this.store = b.store;
        if (b.listenerExecutor != null || b.listeners.isEmpty()) {
            this.ownedListenerThread = null;
            this.listeners = new Listeners(b.listeners, b.listenerExecutor != null ? b.listenerExecutor : Runnable::run);
        } else {
            // one thread keeps the callbacks in order; a bounded queue keeps a stuck listener from holding memory
            this.ownedListenerThread = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                    new java.util.concurrent.ArrayBlockingQueue<>(LISTENER_BACKLOG), named("incidentkit-listeners"));
            this.listeners = new Listeners(b.listeners, ownedListenerThread);
        }
        this.incidents = new Incidents(b.store, 10_000);
        this.parser = CommandParser.create(b.clock, b.zone);
        this.decider = new Decider(b.clock, b.previewPublicUpdates);
        this.access = b.access;
        this.pager = b.pager != null ? b.pager : Pager.none();
        this.statusPublisher = b.statusPublisher != null ? b.statusPublisher : StatusPublisher.none();
        this.issues = b.issues != null ? b.issues : IssueTracker.none();
        this.configured = new EffectPlanner.Ports(b.pager != null, b.statusPublisher != null, b.issues != null,
                b.statusPublisher != null && b.statusPublisher.publishesDrills(),
                b.statusPublisher != null && b.statusPublisher.marksComponents());
        if (b.deliveryExecutor != null) {
            lookups = b.deliveryExecutor;
            this.ownedLookups = null;
        } else {
            // the rotation and the directory are asked here, never on the request path or the ticker
            this.ownedLookups = Executors.newSingleThreadExecutor(named("incidentkit-lookups"));
            lookups = ownedLookups;
        }
        this.directory = b.directory == null ? Directory.none() : new CachedDirectory(b.directory, b.clock, lookups, Duration.ofHours(1));
        this.rotation = b.rotation == null ? null : new CachedRotation(b.rotation, b.clock, lookups, Duration.ofMinutes(1));
        if (rotation != null) {
            rotation.refresh(); // warm it before the first declaration
        }
        this.candidates = b.candidates;
        this.types = Map.copyOf(b.types);
        this.chat = b.chat;
        this.planner = new EffectPlanner(configured, incident -> ownTracker(incident).isPresent());
        List<ReminderPolicy> policies = new ArrayList<>(dev.incidentkit.internal.TypedReminderPolicies.of(b.policies,
                b.types.values().stream().filter(t -> t.reminders().isPresent())
                        .collect(Collectors.toMap(IncidentType::name, t -> t.reminders().get()))));
        if (b.archiveAfter != null) {
            policies.add(new ChannelArchivePolicy(b.archiveAfter)); // the kit's own, for every type: not a reminder a type replaces
        }
        this.engine = ReminderEngine.builder().policies(policies).build();
        this.tldrOnJoin = b.tldrOnJoin;
        this.reminders = ReminderScheduler.builder()
                .store(store)
                .engine(engine)
                .clock(clock)
                .scheduler((at, task) -> () -> { }) // the kit's tick() drives reminders
                .sink(this::fireReminders)
                .rescanEvery(Duration.ofMinutes(1)) // between scans a tick touches only incidents with something due
                .build();
        if (b.deliveryExecutor != null) {
            this.deliveryExecutor = b.deliveryExecutor;
            this.ownedDelivery = null;
        } else {
            // one thread per lane, and one for the pass that claims and hands out work
            this.ownedDelivery = Executors.newFixedThreadPool(b.deliveryLanes + 1, named("incidentkit-delivery"));
            this.deliveryExecutor = ownedDelivery;
        }
        this.outbox = new Outbox(store, incidents, clock, new Outbox.Ports(b.chat, pager, statusPublisher, issues, this::ownTracker), planner, b.report,
                this::appended, new Outbox.RetryPolicy(b.maxAttempts, b.initialBackoff, b.maxBackoff),
                new Outbox.Claims(b.replicaName, b.deliveryLease, b.deliveryLanes), deliveryExecutor, listeners);
        if (b.tickEvery != null) {
            this.ticker = Executors.newSingleThreadScheduledExecutor(named("incidentkit-ticker"));
            long ms = b.tickEvery.toMillis();
            ticker.scheduleWithFixedDelay(this::tickQuietly, ms, ms, TimeUnit.MILLISECONDS);
        } else {
            this.ticker = null;
        }
        int released = store.release(b.replicaName); // a predecessor of this replica's name left these behind
        if (released > 0) {
            LOG.info("took back {} delivery claim(s) left by an earlier run of replica {}", released, b.replicaName);
        }
        wakeDelivery(); // effects left pending by an earlier run
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Handles a line of chat text and returns the reply to show at once. Never throws for anything a
     * person typed, and never waits for a vendor.
     *
     * @param request who said what, where
     * @return the reply
     */
    @Override
    public Reply handle(ChatRequest request) {
        requireNonNull(request, "request");
        ParseResult parsed = parser.parse(request.text());
        if (parsed instanceof ParseResult.Unparsed u) {
            listeners.commandHandled("unparsed", IncidentKitListener.CommandOutcome.REJECTED);
            return Reply.toSender(u.message());
        }
        ParseResult.Parsed p = (ParseResult.Parsed) parsed;
        return handle(p.incident(), resolvePeople(p.command()), request.actor(), request.channelId(), request.channelName());
    }

    /**
     * Handles a typed command, as {@link #handle(ChatRequest)} does after parsing.
     *
     * @param named the incident the command names; empty to use the channel's
     * @param command the command
     * @param actor who sent it
     * @param channelId where it came from (blank when from no channel); {@code declare here} binds it, named by
     *     its id (a {@link ChatRequest} can carry the channel's name)
     * @return the reply
     */
    @Override
    public Reply handle(Optional<IncidentId> named, Command command, PersonRef actor, String channelId) {
        requireNonNull(named, "named");
        requireNonNull(command, "command");
        requireNonNull(actor, "actor");
        requireNonNull(channelId, "channelId");
        return handle(named, command, actor, channelId, channelId);
    }

    private Reply handle(Optional<IncidentId> named, Command command, PersonRef actor, String channelId, String channelName) {
        IncidentKitListener.@Nullable CommandOutcome outer = outcome.get(); // a listener may handle a command of its own
        outcome.set(IncidentKitListener.CommandOutcome.REJECTED); // unless a path below accepts or refuses it
        try {
            Reply reply = answer(named, command, actor, channelId, channelName);
            listeners.commandHandled(IncidentKitListener.commandName(command), outcome.get());
            return reply;
        } catch (RuntimeException e) {
            listeners.commandHandled(IncidentKitListener.commandName(command), IncidentKitListener.CommandOutcome.FAILED);
            throw e;
        } finally {
            if (outer == null) {
                outcome.remove();
            } else {
                outcome.set(outer);
            }
        }
    }

    private Reply answer(Optional<IncidentId> named, Command command, PersonRef actor, String channelId, String channelName) {
        Optional<Context.Channel> here = channelId.isBlank() ? Optional.empty()
                : Optional.of(new Context.Channel(channelId, channelName.isBlank() ? channelId : channelName));
        if (command instanceof Command.ShowOnCall) {
            outcome.set(IncidentKitListener.CommandOutcome.ACCEPTED);
            return Reply.toSender(onCall());
        }
        if (command instanceof Command.Help h) {
            outcome.set(IncidentKitListener.CommandOutcome.ACCEPTED);
            return Reply.toSender(h.topic().map(t -> parser.help(t).orElse("There is no command `" + t + "`. " + parser.help()))
                    .orElse(parser.help()));
        }
        IncidentId id;
        Optional<Incident> found = Optional.empty(); // the incident, if finding it meant reading it
        Optional<Command.Declare> declaration = declaration(command);
        if (declaration.isPresent()) {
            boolean inPlace = command instanceof Command.DeclareHere;
            Optional<String> refused = refuseDeclaration(declaration.get(), inPlace);
            if (refused.isPresent()) {
                return Reply.toSender(refused.get());
            }
            Command.Declare typed = withTypeDefaults(declaration.get());
            command = inPlace ? new Command.DeclareHere(typed) : typed;
            if (inPlace && here.isPresent()) {
                Optional<Decision.Rejected> taken = taken(here.get().id(), here.get().name(), Optional.empty());
                if (taken.isPresent()) {
                    return Reply.toSender(taken.get().message());
                }
            }
            id = store.nextId();
        } else {
            Optional<Incident> boundIncident = boundTo(channelId);
            Optional<IncidentId> bound = boundIncident.map(Incident::id);
            if (named.isPresent() && bound.isPresent() && !named.get().equals(bound.get())) {
                Decision.Rejected refusal = new Decision.Rejected("This channel belongs to " + bound.get()
                        + ", so it does not take commands for " + named.get(),
                        "Type it in " + named.get() + "'s own channel, or drop the id to mean " + bound.get());
                record(named.get(), command, actor, refusal);
                return Reply.toSender(refusal.message());
            }
            Optional<IncidentId> target = named.or(() -> bound);
            if (target.isEmpty()) {
                String open = store.openIncidents().stream()
                        .filter(i -> incident(i).map(x -> x.isVisibleTo(actor)).orElse(false)) // private ones only to their people
                        .map(IncidentId::value).collect(Collectors.joining(", "));
                return Reply.toSender("Which incident? This channel is not an incident's channel, so start with the id, e.g. `"
                        + (open.isEmpty() ? "INC-42" : open.split(", ")[0]) + " " + CommandParser.render(command) + "`"
                        + (open.isEmpty() ? ". There are no open incidents." : ". Open incidents: " + open + "."));
            }
            id = target.get();
            found = boundIncident.filter(i -> i.id().equals(target.get()));
            if (command instanceof Command.MoveChannel m) {
                Optional<Decision.Rejected> taken = taken(m.channelId(), m.channelName(), Optional.of(id));
                if (taken.isPresent()) {
                    return Reply.toSender(taken.get().message());
                }
            }
        }
        return decideAndAppend(id, command, actor, channelId, here, found);
    }

    /**
     * A private incident's replies are said in its own channel only: typed anywhere else (`INC-42 note …`, or
     * the declaration itself), the reply goes to the sender alone, so a public channel learns nothing of it.
     */
    private static Reply keptPrivate(Incident before, List<IncidentEvent> events, String channelId, Reply reply) {
        if (reply.visibility() != Reply.Visibility.CHANNEL) {
            return reply;
        }
        boolean privately = before.isPrivate()
                || events.stream().anyMatch(e -> e instanceof dev.incidentkit.incident.Classified c && c.privateIncident());
        boolean ownChannel = before.channel().map(c -> c.channelId().equals(channelId)).orElse(false);
        return privately && !ownChannel ? Reply.toSender(reply.text(), reply.buttons()) : reply;
    }

    /** Refuses a declaration of an unknown type, or a private one the chat platform cannot make a private channel for. */
    private Optional<String> refuseDeclaration(Command.Declare d, boolean inPlace) {
        if (d.type().isPresent() && !types.containsKey(d.type().get())) {
            return Optional.of("There is no incident type `" + d.type().get() + "`. "
                    + (types.isEmpty() ? "No incident types are configured; declare without --type, e.g. `declare --private sev2 "
                            + d.title() + "`"
                            : "The types are " + types.keySet().stream().sorted().map(t -> "`" + t + "`").collect(Collectors.joining(", "))
                                    + "; e.g. `declare --type " + types.keySet().stream().sorted().findFirst().orElseThrow() + " "
                                    + d.severity().chatName() + " " + d.title() + "`"));
        }
        if (privately(d) && inPlace) {
            return Optional.of("A private incident needs a private channel of its own, and `declare here` would bind this one,"
                    + " which others may see. Nothing was declared. Use `declare --private " + d.severity().chatName() + " "
                    + d.title() + "` instead.");
        }
        if (privately(d) && !chat.capabilities().contains(ChatGateway.Capability.PRIVATE_CHANNELS)) {
            return Optional.of("This chat platform cannot create private channels, so a private incident cannot be declared here:"
                    + " its channel would be public. Nothing was declared. Declare it where private channels exist, or, if it"
                    + " need not be private, without --private" + (d.type().isPresent() ? " and --type" : "") + ".");
        }
        return Optional.empty();
    }

    /** A declaration with its type's privacy applied: the timeline then says what was decided. */
    private Command.Declare withTypeDefaults(Command.Declare d) {
        return new Command.Declare(d.severity(), d.title(), d.drill(), privately(d), d.type());
    }

    /** Whether a declaration makes a private incident: typed with --private, or of a private type. */
    private boolean privately(Command.Declare d) {
        return d.privately() || typeOf(d).map(IncidentType::privateIncidents).orElse(false);
    }

    /** The declaration a command makes, if it declares: {@code declare …} or {@code declare here …}. */
    private static Optional<Command.Declare> declaration(Command command) {
        return command instanceof Command.DeclareHere h ? Optional.of(h.declare())
                : command instanceof Command.Declare d ? Optional.of(d) : Optional.empty();
    }

    /** The type a declaration names, if this kit knows it. */
    private Optional<IncidentType> typeOf(Command.Declare d) {
        return d.type().map(types::get);
    }

    /** The incident's type, if it was declared with one this kit knows. */
    private Optional<IncidentType> typeOf(Incident incident) {
        return incident.type().map(types::get);
    }

    /** The issue tracker the incident's type files to instead of the kit's, if it names one. */
    private Optional<IssueTracker> ownTracker(Incident incident) {
        return typeOf(incident).flatMap(IncidentType::issueTracker);
    }

    /** Refuses a channel that belongs to another open incident: one channel, one incident. */
    private Optional<Decision.Rejected> taken(String channelId, String channelName, Optional<IncidentId> self) {
        return boundTo(channelId).filter(owner -> !self.equals(Optional.of(owner.id()))).filter(Incident::isOpen)
                .map(owner -> new Decision.Rejected("#" + channelName + " already belongs to " + owner.id()
                                + (owner.isPrivate() ? "" // a private incident's title is for its participants only
                                        : " (" + owner.severity().chatName() + ", " + owner.status().chatName() + ": " + owner.title() + ")"),
                        "Pick a channel of its own, or move " + owner.id() + " elsewhere first (`" + owner.id()
                                + " channel #<channel>`)"));
    }

    /** Who is IMOC on call now and next, from the rotation as last read, and how fresh that is. */
    private String onCall() {
        if (rotation == null) {
            return "No rotation is configured: whoever declares an incident is its IMOC until they hand off (`handoff @person`).";
        }
        Instant now = clock.instant();
        String current = rotation.onCall(now).map(dev.incidentkit.incident.Person::displayName).orElse("nobody known");
        String next = rotation.next(now).map(dev.incidentkit.incident.Person::displayName).orElse("nobody known");
        return "IMOC on call now: " + current + "; next: " + next + " (rotation " + rotation.freshness() + ").";
    }

    /** Replaces a mention's bare handle with the person the directory knows, so the timeline shows names. */
    private Command resolvePeople(Command command) {
        if (command instanceof Command.AssignRole a) {
            return new Command.AssignRole(a.role(), known(a.person()));
        }
        if (command instanceof Command.HandOff h && h.to().isPresent()) {
            return new Command.HandOff(Optional.of(known(h.to().get())));
        }
        return command;
    }

    private PersonRef known(PersonRef mentioned) {
        try {
            return directory.find(mentioned).map(dev.incidentkit.incident.Person::ref).orElse(mentioned);
        } catch (RuntimeException e) {
            LOG.warn("directory lookup for {} failed; using the mention as written: {}", mentioned.id(), e.getMessage());
            return mentioned;
        }
    }

    /** Decides and appends; {@code found} is the incident as the caller just read it, used for the first attempt. */
    private Reply decideAndAppend(IncidentId id, Command command, PersonRef actor, String channelId, Optional<Context.Channel> here,
                                  Optional<Incident> found) {
        List<Command> commands = List.of(command);
        if (command instanceof Command.PostTemplate t && configured.statusPage()) {
            Incident incident = found.orElseGet(() -> incidents.current(id));
            Optional<Decision.Rejected> refused = access.check(incident, command, actor);
            if (refused.isPresent()) {
                record(id, command, actor, refused.get());
                return Reply.toSender(refused.get().message());
            }
            if (incident.isDeclared() && !incident.status().isFinal()) {
                Optional<StatusPublisher.Template> template;
                try {
                    Optional<Optional<StatusPublisher.Template>> read = quickly(() -> statusPublisher.template(t.name(), incident.drill()));
                    if (read.isEmpty()) {
                        return Reply.toSender("The status page is slow to list its templates; they are being read in the background."
                                + " Try `template " + t.name() + "` again in a moment, or type the update yourself: `update <status>: <message>`");
                    }
                    template = read.get();
                } catch (RuntimeException e) {
                    LOG.warn("could not read the status page's templates: {}", e.getMessage());
                    return Reply.toSender("Could not read the status page's templates (" + e.getMessage()
                            + "). Try again, or type the update yourself: `update <status>: <message>`");
                }
                if (template.isEmpty()) {
                    return Reply.toSender(unknownTemplate(t.name(), incident.drill()));
                }
                if (template.get().body().isBlank()) {
                    return Reply.toSender("The status page's template `" + template.get().name() + "` has no text to publish; "
                            + "type the update yourself: `update <status>: <message>`");
                }
                commands = fromTemplate(template.get());
            }
        }
        Optional<Command.MarkComponents> typeComponents = declaration(command).flatMap(this::typeOf)
                .map(IncidentType::components).filter(c -> !c.isEmpty()).map(Command.MarkComponents::new);
        if (typeComponents.isPresent()) {
            commands = List.of(command, typeComponents.get());
        }
        Duration waited = Duration.ZERO;
        for (int attempt = 1; ; attempt++) {
            Incident incident = attempt == 1 && found.isPresent() ? found.get()
                    : incidents.current(id); // the one read of the incident a command makes
            if (!incident.isDeclared() && declaration(command).isEmpty()) {
                return Reply.toSender("There is no incident " + id + ". Check the id, or declare one: `declare sev2 <what is wrong>`");
            }
            Incident after = incident;
            List<IncidentEvent> events = new ArrayList<>();
            for (Command c : commands) {
                // a type's components are marked by incidentkit itself, as part of the declaration
                boolean byKit = typeComponents.isPresent() && c == typeComponents.get();
                PersonRef by = byKit ? PersonRef.BOT : actor;
                Optional<Decision.Rejected> refused = access.check(after, c, by);
                if (refused.isPresent()) {
                    record(id, c, actor, refused.get());
                    return Reply.toSender(refused.get().message());
                }
                if (c instanceof Command.MarkComponents m && configured.statusPage() && after.isOpen() && !byKit) {
                    Optional<String> unknown = checkComponents(m, after);
                    if (unknown.isPresent()) {
                        return Reply.toSender(unknown.get());
                    }
                }
                Decision decision = decider.decide(after, c, by, context(after, c, here));
                if (decision instanceof Decision.Rejected r) {
                    return Reply.toSender(r.message());
                }
                for (IncidentEvent e : decision.events()) {
                    events.add(e);
                    after = after.evolve(e);
                }
            }
            if (events.isEmpty()) {
                outcome.set(IncidentKitListener.CommandOutcome.ACCEPTED);
                return keptPrivate(incident, events, channelId, query(incident, command, actor));
            }
            List<Effect> effects = planner.plan(incident, events);
            try {
                store.append(id, incident.version(), events, effects);
            } catch (ConcurrencyConflictException e) {
                if (waited.compareTo(CONTENTION_BUDGET) >= 0) {
                    LOG.warn("{} kept changing under {}'s command; gave up after {} attempts over {}", id, actor.name(),
                            attempt, waited);
                    return Reply.toSender(id + " is changing too fast to apply that right now; please try again");
                }
                waited = waited.plus(backOff(attempt));
                continue; // decide again on fresh state
            }
            appended(after, events);
            outcome.set(IncidentKitListener.CommandOutcome.ACCEPTED);
            wakeDelivery();
            return keptPrivate(incident, events, channelId, confirm(incident, events));
        }
    }

    /** What the decider needs from the rotation, as last read: never waits for a vendor. */
    private Context context(Incident incident, Command command, Optional<Context.Channel> here) {
        List<PersonRef> alsoPaged = declaration(command).flatMap(this::typeOf).map(IncidentType::page).orElse(List.of());
        if (rotation == null) {
            return new Context(Optional.empty(), List.of(), alsoPaged, here);
        }
        Optional<PersonRef> onCall = declaration(command).isPresent()
                ? rotation.onCall(clock.instant()).map(dev.incidentkit.incident.Person::ref) : Optional.empty();
        List<PersonRef> handOff = command instanceof Command.HandOff h && h.to().isEmpty() ? candidates(incident) : List.of();
        return new Context(onCall, handOff, alsoPaged, here);
    }

    /** The best people to offer the IMOC role of {@code incident} to, best first. */
    private List<PersonRef> candidates(Incident incident) {
        List<Incident> recent = new ArrayList<>();
        for (IncidentId open : store.openIncidents()) {
            incident(open).ifPresent(recent::add);
        }
        return candidates.rank(requireNonNull(rotation), incident, recent, clock.instant()).stream()
                .map(dev.incidentkit.incident.Person::ref).toList();
    }

    /**
     * The IMOC on call next (or now), who is not the incident's IMOC: whom the still-there escalation pages
     * and offers the role to. Empty without a rotation.
     */
    private Optional<PersonRef> nextImoc(Incident incident) {
        if (rotation == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String current = incident.imoc().map(PersonRef::id).orElse("");
        return java.util.stream.Stream.of(rotation.next(now), rotation.onCall(now))
                .flatMap(Optional::stream)
                .map(dev.incidentkit.incident.Person::ref)
                .filter(p -> !p.id().equals(current))
                .findFirst();
    }

    /** Offers the IMOC role to the best hand-off candidates: new events numbered on from {@code incident}. */
    private List<IncidentEvent> offers(Incident incident) {
        if (rotation == null) {
            return List.of();
        }
        List<IncidentEvent> out = new ArrayList<>();
        Incident current = incident;
        for (PersonRef candidate : candidates(incident)) {
            if (out.size() >= Context.MAX_OFFERS) {
                break;
            }
            Decision d = decider.decide(current, new Command.OfferHandOff(candidate), PersonRef.BOT);
            for (IncidentEvent e : d.events()) {
                out.add(e);
                current = current.evolve(e);
            }
        }
        return out;
    }

    /**
     * What this kit learns from its own appends at once: the channel an incident is bound to, and when the
     * incident's next reminder falls due (others' appends show up on the reminders' next full scan); and
     * what it tells its listeners.
     *
     * @param after the incident with {@code events} applied
     * @param events what was appended
     */
    private void appended(Incident after, List<IncidentEvent> events) {
        IncidentId id = after.id();
        events.stream().filter(ChannelBound.class::isInstance).map(ChannelBound.class::cast).forEach(bound -> {
            channels.values().removeIf(id::equals); // moved: its earlier channel is no longer its
            channels.put(bound.channelId(), id);
        });
        reminders.replan(id);
        listeners.eventsAppended(after, events);
    }

    /**
     * Waits a short, jittered while before deciding again, so that writers racing on one incident spread out;
     * the wait grows with the attempts, up to 128 ms.
     *
     * @return how long it waited
     */
    private static Duration backOff(int attempt) {
        long ms = java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 2L << Math.min(attempt, 6));
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CONTENTION_BUDGET; // asked to stop: give up now
        }
        return Duration.ofMillis(ms);
    }

    /**
     * Records reminders that fell due together with what they cause (a message to their audience, and a
     * page or hand-off offers when they escalate), in one append: each reaches people once.
     */
    private void fireReminders(Incident incident, List<Reminder> due, List<IncidentEvent> fired) {
        List<IncidentEvent> events = new ArrayList<>(fired);
        Incident after = incident;
        for (IncidentEvent e : fired) {
            after = after.evolve(e);
        }
        List<Effect> effects = new ArrayList<>();
        for (Reminder r : due) {
            String key = incident.id() + ":" + r.key() + "@" + r.dueAt().getEpochSecond();
            Optional<PersonRef> who = r.audience().resolve(after);
            if (r.policyName().equals(ChannelArchivePolicy.NAME)) {
                effects.add(new Effect.ArchiveChannel(key + ":archive"));
                continue;
            }
            Optional<PersonRef> replacement = r.escalation() == Escalation.PAGE_AND_OFFER_NEXT_IMOC ? nextImoc(after) : Optional.empty();
            Reminder said = r.escalation() == Escalation.PAGE_AND_OFFER_NEXT_IMOC && replacement.isEmpty()
                    ? new Reminder(r.key(), r.dueAt(), r.audience(), r.message() + " But "
                            + (rotation == null ? "no rotation is configured" : "the rotation gave nobody else") + ", so nobody was paged:"
                            + " find a new IMOC yourselves (`handoff @person`).", r.escalation())
                    : r;
            effects.add(new Effect.Post(key + ":post", Messages.reminder(after, said, who), false));
            Optional<PersonRef> pageWho = switch (r.escalation()) {
                case PAGE -> who;
                case PAGE_NEXT_IMOC -> rotation == null ? Optional.empty()
                        : rotation.next(clock.instant()).map(dev.incidentkit.incident.Person::ref);
                case PAGE_AND_OFFER_NEXT_IMOC -> replacement;
                default -> Optional.empty();
            };
            Incident paging = after;
            pageWho.flatMap(p -> planner.page(paging, p, r.message(), key + ":page")).ifPresent(effects::add);
            if (replacement.isPresent() && after.openHandOffOffers(dev.incidentkit.incident.Role.IMOC).stream()
                    .noneMatch(p -> p.id().equals(replacement.get().id()))) {
                // offer them the role as the hand-off flow does: the first to accept takes it
                Decision d = decider.decide(after, new Command.OfferHandOff(replacement.get()), PersonRef.BOT);
                effects.addAll(planner.plan(after, d.events()));
                for (IncidentEvent e : d.events()) {
                    events.add(e);
                    after = after.evolve(e);
                }
            }
            if (r.escalation() == Escalation.HAND_OFF) {
                List<IncidentEvent> offers = offers(after);
                effects.addAll(planner.plan(after, offers));
                for (IncidentEvent e : offers) {
                    events.add(e);
                    after = after.evolve(e);
                }
            }
        }
        store.append(incident.id(), incident.version(), events, effects);
        listeners.eventsAppended(after, events);
        due.forEach(r -> listeners.reminderFired(r.policyName()));
        wakeDelivery();
    }

    /**
     * What a template means: its components marked (if it names any), then the ordinary public update with
     * its status and text, so previews, access and drill rules apply as to a typed update.
     */
    private static List<Command> fromTemplate(StatusPublisher.Template template) {
        List<Command> commands = new ArrayList<>();
        if (!template.components().isEmpty()) {
            commands.add(new Command.MarkComponents(template.components()));
        }
        commands.add(new Command.PublishUpdate(template.status(), template.body()));
        return commands;
    }

    /** Says that the status page has no such template, and which ones it has. */
    private String unknownTemplate(String name, boolean drill) {
        List<String> names;
        try {
            names = quickly(() -> statusPublisher.templateNames(drill)).orElse(List.of());
        } catch (RuntimeException e) {
            names = List.of();
        }
        return "The status page has no template `" + name + "`"
                + (names.isEmpty() ? " (it has no templates)"
                        : "; its templates are " + names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", ")))
                + ". Type e.g. `template " + (names.isEmpty() ? "<name>" : names.get(0)) + "`, or write the update: "
                + "`update <status>: <message>`";
    }

    /** Asks the status page about the names; if it cannot answer, the names are checked at delivery. */
    private Optional<String> checkComponents(Command.MarkComponents m, Incident incident) {
        try {
            return quickly(() -> statusPublisher.checkComponents(m.components().keySet(), incident.drill()))
                    .flatMap(unknown -> unknown);
        } catch (RuntimeException e) {
            LOG.warn("could not check component names with the status page; they are checked when the next update goes out: {}",
                    e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Reads from a vendor on the lookup executor and waits at most {@link #QUICK} for it: a cached answer is
     * that fast, and a cold or hung vendor leaves the read to finish (and fill the adapter's cache) in the
     * background while the reply goes out without it.
     */
    private <T> Optional<T> quickly(java.util.function.Supplier<T> read) {
        java.util.concurrent.CompletableFuture<T> answer = java.util.concurrent.CompletableFuture.supplyAsync(read, lookups);
        try {
            return Optional.of(answer.get(QUICK.toMillis(), TimeUnit.MILLISECONDS));
        } catch (java.util.concurrent.TimeoutException e) {
            return Optional.empty();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Records a refusal on the timeline (best effort: a refusal is never worth failing the reply). The same
     * person's same refused command within {@link #REFUSAL_WINDOW} of the last record of it is only counted,
     * and the next record carries the count, so repeated attempts cannot grow a timeline without bound.
     */
    private void record(IncidentId id, Command command, PersonRef actor, Decision.Rejected refusal) {
        outcome.set(IncidentKitListener.CommandOutcome.REFUSED);
        String text = CommandParser.render(command);
        String key = id + "\n" + actor.id() + "\n" + text;
        Instant now = clock.instant();
        boolean recent = incidents.current(id).all(AccessRefused.class).stream()
                .anyMatch(r -> r.by().id().equals(actor.id()) && r.command().equals(text) && r.at().plus(REFUSAL_WINDOW).isAfter(now));
        if (recent) {
            heldBackRefusals.merge(key, 1, Integer::sum);
            return;
        }
        int count = 1 + Optional.ofNullable(heldBackRefusals.remove(key)).orElse(0);
        appendOne(id, seq -> new AccessRefused(seq, now, actor, text, refusal.reason(), count));
    }

    /** Appends one event that causes no effect, numbered on fresh state, trying again on a conflict (best effort). */
    private void appendOne(IncidentId id, java.util.function.LongFunction<IncidentEvent> event) {
        for (int attempt = 0; attempt < MAX_DECIDE_ATTEMPTS; attempt++) {
            Incident incident = incidents.current(id);
            if (!incident.isDeclared()) {
                return;
            }
            try {
                IncidentEvent e = event.apply(incident.version() + 1);
                store.append(id, incident.version(), List.of(e));
                appended(incident.evolve(e), List.of(e));
                return;
            } catch (ConcurrencyConflictException e) {
                // try again on fresh state
            }
        }
    }

    private Reply query(Incident incident, Command command, PersonRef actor) {
        if (command instanceof Command.Retry) {
            List<Effect> superseded = new ArrayList<>();
            List<Effect> requeued = store.requeueFailedEffects(incident.id(), clock.instant(), effect -> {
                boolean old = EffectPlanner.isSupersededUpdate(incident, effect);
                if (old) {
                    superseded.add(effect);
                }
                return old;
            });
            if (!requeued.isEmpty() || !superseded.isEmpty()) {
                appendOne(incident.id(), seq -> new DeliveriesRetried(seq, clock.instant(), actor,
                        requeued.stream().map(Effect::description).toList(), superseded.stream().map(Effect::description).toList()));
            }
            wakeDelivery();
            String dropped = superseded.isEmpty() ? "" : " Not retried, because a newer public update went out since: "
                    + superseded.stream().map(Effect::description).collect(Collectors.joining("; ")) + ".";
            return Reply.toChannel((requeued.isEmpty() ? "Nothing to retry for " + incident.id() + ": every delivery went through."
                    : "Retrying " + requeued.size() + " deliver" + (requeued.size() == 1 ? "y" : "ies") + " for " + incident.id()
                            + ": " + requeued.stream().map(Effect::description).collect(Collectors.joining("; ")) + ".") + dropped);
        }
        if (command instanceof Command.ShowSummary) {
            return Reply.toSender(summary(incident));
        }
        return Reply.toSender(Messages.timeline(incident));
    }

    private String summary(Incident incident) {
        Instant now = clock.instant();
        return Messages.summary(incident, now, engine.upcoming(incident, now));
    }

    /**
     * Answers a person who has just joined a chat channel: with {@link Builder#tldrOnJoin(boolean)} on and the
     * channel an open incident's, the incident's {@code tldr}, for that person alone. Reads only the store; a
     * chat adapter calls it when the platform reports a join (Slack: {@code SlackInbound.Builder.onJoin}).
     *
     * @param channelId the channel joined
     * @param person who joined
     * @return the answer to show them, or empty
     */
    public Optional<Reply> joined(String channelId, PersonRef person) {
        requireNonNull(channelId, "channelId");
        requireNonNull(person, "person");
        if (!tldrOnJoin || person.id().equals(PersonRef.BOT.id())) {
            return Optional.empty();
        }
        return boundTo(channelId).filter(Incident::isOpen).map(i -> Reply.toSender(summary(i)));
    }

    /** What the channel sees at once: what happened, and which features are off. */
    private Reply confirm(Incident before, List<IncidentEvent> events) {
        if (events.size() == 1 && events.get(0) instanceof UpdateDrafted draft) {
            Incident drafted = before.evolve(draft);
            String where = drafted.drill() ? "the channel only (drill)"
                    : !configured.statusPage() ? "the channel only (no status page is configured)"
                    : "the public status page";
            return Reply.toSender("*Preview of the public update* (" + draft.status().chatName() + ") for " + where + ":\n>"
                    + draft.message().replace("\n", "\n>") + "\nType `confirm` to publish it, or `update …` again to change it.",
                    List.of(new dev.incidentkit.spi.ChatMessage.Button("Confirm", "confirm")));
        }
        Incident after = before;
        List<String> lines = new ArrayList<>();
        for (IncidentEvent e : events) {
            after = after.evolve(e);
            lines.add(Messages.describe(e));
        }
        if (!before.isDeclared()) {
            lines.add(0, "*" + Messages.heading(after) + "* declared by " + after.declaredBy().name() + ".");
            if (rotation != null && rotation.onCall(clock.instant()).isEmpty()) {
                lines.add("The on-call lookup gave nobody (" + rotation.freshness() + "), so " + after.declaredBy().name()
                        + " is IMOC; hand off with `handoff @person` once you know who is on call.");
            }
            lines.add(after.channel().isPresent() ? "This channel is now the incident's channel."
                    : "Opening the " + (after.isPrivate() ? "private " : "") + "incident channel #" + Messages.channelName(after)
                    + (after.isPrivate() ? ": only the people brought in see it, and nothing reaches the public status page"
                            + " unless the IMOC types `update --public …`." : "."));
            if (!configured.pager()) {
                lines.add("No pager is configured, so nobody was paged: call the IMOC yourself.");
            }
        }
        for (IncidentEvent e : events) {
            if (e instanceof ChannelBound moved && before.isDeclared()) {
                lines.add("The kick-off, topic and bookmarks are posted again in #" + moved.channelName()
                        + "; type commands there from now on.");
            }
            if (e instanceof dev.incidentkit.incident.ComponentsMarked && after.isOpen() && !after.drill() && configured.statusPage()) {
                lines.add(after.isPrivate() ? "Private incident: they go to the public status page only with an `update --public …`."
                        : planner.marksComponentsAtOnce(after, events) ? "Marking them on the public status page now."
                        : EffectPlanner.carriesUpdate(events) ? "They go to the public status page with this update."
                                : "They go to the public status page with the next public update (this status page cannot mark components on their own).");
            }
            if (e instanceof UpdateDrafted draft) {
                lines.add("Preview of the public update (" + draft.status().chatName() + "): \"" + draft.message()
                        + "\" Type `confirm` to publish it, or `update …` to change it.");
            }
            if (e instanceof StatusUpdatePublished u) {
                if (!after.isForStatusPage(u)) {
                    lines.add("Private incident: the update is shown in the channel only. To tell customers on the public status page,"
                            + " the IMOC types `update --public …`.");
                } else if (after.drill()) {
                    lines.add("Drill: the update is shown in the channel only, never on the public status page.");
                } else if (!configured.statusPage()) {
                    lines.add("No status page is configured, so customers were not told: the update is only in the channel.");
                }
            }
        }
        if (after.status() == dev.incidentkit.incident.IncidentStatus.RESOLVED && before.status() != after.status()
                && !planner.filesIssues(after)) {
            lines.add(after.isPrivate() && configured.issues()
                    ? "Private incident: its service-disruption report is filed only to its type's own issue tracker, and it has none,"
                            + " so it is not filed: type `timeline` for the record."
                    : "No issue tracker is configured, so the service-disruption report is not filed: type `timeline` for the record.");
        }
        return Reply.toChannel(String.join("\n", lines));
    }

    /**
     * Returns an incident's current state.
     *
     * @param id the incident
     * @return the incident, or empty if there is none
     */
    public Optional<Incident> incident(IncidentId id) {
        Incident incident = incidents.current(requireNonNull(id, "id"));
        return incident.isDeclared() ? Optional.of(incident) : Optional.empty();
    }

    /**
     * Returns the incident bound to a chat channel, as the store knows it: the same on every replica.
     *
     * @param channelId the channel
     * @return the incident's id, if the channel is an incident channel
     */
    public Optional<IncidentId> incidentOf(String channelId) {
        return boundTo(requireNonNull(channelId, "channelId")).map(Incident::id);
    }

    /**
     * The incident bound to a channel, as just read: a command then decides on this state instead of
     * reading the incident a second time. A binding this kit remembers is checked against the state read,
     * so a move (maybe by another replica) drops it.
     */
    private Optional<Incident> boundTo(String channelId) {
        IncidentId known = channels.get(channelId);
        if (known != null) {
            Incident incident = incidents.current(known);
            if (incident.channel().filter(c -> c.channelId().equals(channelId)).isPresent()) {
                return Optional.of(incident);
            }
            channels.remove(channelId, known); // the incident moved to another channel, maybe on another replica
        }
        Optional<IncidentId> bound = store.incidentOfChannel(channelId); // bound by another replica, or before this one started
        bound.ifPresent(id -> channels.put(channelId, id));
        return bound.map(incidents::current);
    }

    /**
     * Returns a snapshot of how the kit is doing, for a health check: whether the store answers, the
     * deliveries waiting and parked per port, and the ports whose circuit breaker is open. It reads the
     * store's waiting and parked effects ({@link IncidentStore#pendingEffects()},
     * {@link IncidentStore#parkedEffects()}) on each call, so a caller polling it often should keep the
     * answer for a few seconds. Never throws for a store that fails: that is what it reports.
     *
     * @return the snapshot
     * @since 0.1
     */
    public KitHealth health() {
        java.util.Set<Effect.Port> open = outbox.openBreakers();
        try {
            return new KitHealth(true, "", KitHealth.countByPort(store.pendingEffects()),
                    KitHealth.countByPort(store.parkedEffects()), open);
        } catch (RuntimeException e) {
            // our own exceptions say what failed in safe words (the JDBC store keeps statements out of them);
            // anyone else's message may hold data or a connection string, so only its type is told
            String problem = e instanceof IncidentKitException && e.getMessage() != null && !e.getMessage().isBlank()
                    ? e.getMessage() : "the store failed with " + e.getClass().getSimpleName() + " (see the store's own logs)";
            LOG.debug("health check: the store is unreachable: {}", problem);
            return new KitHealth(false, problem, Map.of(), Map.of(), open);
        }
    }

    /**
     * Lists the open incidents (declared, neither closed nor cancelled) with their severity and status,
     * for gauges and dashboards. It asks the store for the open incidents' ids, then reads each from the
     * kit's folded state, which loads only the events appended since the kit last read it: no timeline
     * is read again in full. A caller polling it often (a metrics scrape) should still keep the answer
     * for a few seconds.
     *
     * @return the open incidents, oldest first
     * @since 0.1
     */
    public List<OpenIncident> openIncidents() {
        List<OpenIncident> open = new ArrayList<>();
        for (IncidentId id : store.openIncidents()) {
            Incident incident = incidents.current(id);
            if (incident.isOpen()) {
                open.add(OpenIncident.of(incident));
            }
        }
        return open;
    }

    /**
     * Does whatever is due at the clock's current time: fires due reminders, renews the leases of running
     * deliveries, and hands the effects whose backoff has passed to the delivery executor. Reminders come
     * first and never wait for a delivery; with the default executor nothing here waits for a vendor (with
     * a direct executor, deliveries run on the calling thread). The kit calls it itself every
     * {@link Builder#tickEvery tick}; tests call it after advancing a test clock.
     */
    public void tick() {
        if (rotation != null) {
            rotation.refresh(); // in the background; a stale answer keeps serving meanwhile
        }
        try {
            reminders.runDue();
        } finally {
            outbox.deliverDue();
        }
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.error("incidentkit tick failed; will try again on the next tick", e);
        }
    }

    private void wakeDelivery() {
        if (deliveryQueued.compareAndSet(false, true)) {
            try {
                deliveryExecutor.execute(() -> {
                    deliveryQueued.set(false);
                    try {
                        outbox.deliverDue();
                    } catch (RuntimeException e) {
                        LOG.warn("delivery pass failed; the next tick tries again: {}", e.toString());
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                deliveryQueued.set(false); // closing: the next run delivers it
            }
        }
    }

    /**
     * Stops the kit: no new deliveries start, those running get a short grace to finish, and every claim
     * this replica still holds is released, so another replica (or this one's next run) takes the effects
     * over at once. Pending effects stay in the store.
     */
    @Override
    public void close() {
        reminders.close();
        if (ticker != null) {
            ticker.shutdownNow();
            try {
                // a tick under way finishes before close returns, so the host may close the store right after
                ticker.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (ownedLookups != null) {
            ownedLookups.shutdownNow();
        }
        if (ownedDelivery != null) {
            ownedDelivery.shutdown();
            try {
                if (!ownedDelivery.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    ownedDelivery.shutdownNow();
                }
            } catch (InterruptedException e) {
                ownedDelivery.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        try {
            outbox.close();
        } catch (RuntimeException e) {
            LOG.warn("could not release this replica's delivery claims; they run out after their lease: {}", e.toString());
        }
        if (ownedListenerThread != null) {
            ownedListenerThread.shutdown(); // the listeners hear what happened before close, within the grace
            try {
                if (!ownedListenerThread.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    ownedListenerThread.shutdownNow();
                }
            } catch (InterruptedException e) {
                ownedListenerThread.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Builds an {@link IncidentKit}. Each setting may be set once; {@link #build()} reports every missing
     * or bad setting at once.
     *
     * @since 0.1
     */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private ZoneId zone = ZoneOffset.UTC;
        private @Nullable IncidentStore store;
        private @Nullable ChatGateway chat;
        private @Nullable Pager pager;
        private @Nullable StatusPublisher statusPublisher;
        private @Nullable IssueTracker issues;
        private @Nullable Directory directory;
        private AccessPolicy access = AccessPolicy.defaults();
        private @Nullable Executor deliveryExecutor;
        private @Nullable Duration tickEvery = Duration.ofSeconds(1);
        private int maxAttempts = 8;
        private Duration initialBackoff = Duration.ofSeconds(2);
        private Duration maxBackoff = Duration.ofMinutes(5);
        private @Nullable RotationSource rotation;
        private HandOffCandidates candidates = HandOffCandidates.builder().build();
        private List<ReminderPolicy> policies = ReminderPolicies.defaults();
        private String replicaName = "kit-" + ProcessHandle.current().pid() + "-"
                + java.util.UUID.randomUUID().toString().substring(0, 8);
        private Duration deliveryLease = Duration.ofSeconds(15);
        private int deliveryLanes = 8;
        private Function<Incident, String> report = incident -> ServiceDisruptionReport.of(incident).markdown();
        private boolean previewPublicUpdates;
        private final List<IncidentKitListener> listeners = new ArrayList<>();
        private @Nullable Executor listenerExecutor;
        private final Map<String, IncidentType> types = new java.util.LinkedHashMap<>();
        private @Nullable Duration archiveAfter = Duration.ofHours(24);
        private boolean tldrOnJoin;
        private final Map<String, Object> set = new java.util.HashMap<>();
        private final List<String> problems = new ArrayList<>();

        private Builder() {}

        private <T> T once(String name, T value) {
            requireNonNull(value, name);
            Object earlier = set.putIfAbsent(name, value);
            if (earlier != null) {
                throw new IllegalStateException(name + " was already set to " + earlier);
            }
            return value;
        }

        /** Sets the clock (default: the system clock in UTC). @param clock the clock @return this builder */
        public Builder clock(Clock clock) {
            this.clock = once("clock", clock);
            return this;
        }

        /** Sets the zone in which people's clock times like {@code 14:02} are read (default UTC). @param zone the zone @return this builder */
        public Builder zone(ZoneId zone) {
            this.zone = once("zone", zone);
            return this;
        }

        /** Sets the store (required). @param store the store @return this builder */
        public Builder store(IncidentStore store) {
            this.store = once("store", store);
            return this;
        }

        /** Sets the chat platform (required). @param chat the chat gateway @return this builder */
        public Builder chat(ChatGateway chat) {
            this.chat = once("chat", chat);
            return this;
        }

        /** Sets the pager; without one, nobody is paged and replies say so. @param pager the pager @return this builder */
        public Builder pager(Pager pager) {
            this.pager = once("pager", pager);
            return this;
        }

        /** Sets the public status page; without one, updates stay in the channel and replies say so. @param publisher the status publisher @return this builder */
        public Builder statusPublisher(StatusPublisher publisher) {
            this.statusPublisher = once("statusPublisher", publisher);
            return this;
        }

        /** Sets the issue tracker for the report and follow-ups; without one, replies say so. @param tracker the issue tracker @return this builder */
        public Builder issueTracker(IssueTracker tracker) {
            this.issues = once("issueTracker", tracker);
            return this;
        }

        /** Sets the directory of people. @param directory the directory @return this builder */
        public Builder directory(Directory directory) {
            this.directory = once("directory", directory);
            return this;
        }

        /** Sets who may do what (default {@link AccessPolicy#defaults()}). @param access the policy @return this builder */
        public Builder accessPolicy(AccessPolicy access) {
            this.access = once("accessPolicy", access);
            return this;
        }

        /**
         * Sets the executor deliveries run on (default: a pool the kit owns, one thread per delivery lane and
         * one more); the kit then also asks the rotation and the directory on it (default: a thread of its
         * own). A direct executor ({@code Runnable::run}) makes every delivery and lookup happen inside
         * {@code handle} or {@code tick}, for deterministic tests.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder deliveryExecutor(Executor executor) {
            this.deliveryExecutor = once("deliveryExecutor", executor);
            return this;
        }

        /**
         * Sets how often the kit calls {@link IncidentKit#tick()} on its own thread (default every
         * second); {@link Duration#ZERO} turns the thread off, for tests that call {@code tick()} themselves.
         *
         * @param interval the interval, or zero
         * @return this builder
         */
        public Builder tickEvery(Duration interval) {
            Duration d = once("tickEvery", interval);
            if (d.isNegative()) {
                problems.add("tickEvery must be zero (off) or positive; got " + d);
            }
            this.tickEvery = d.isZero() || d.isNegative() ? null : d;
            return this;
        }

        /**
         * Sets how deliveries are retried: attempts in all, and the exponential backoff between them
         * (with jitter; a vendor's retry-after hint wins when longer). Defaults: 8 attempts, 2 s doubling
         * up to 5 min.
         *
         * @param maxAttempts attempts in all, at least 1
         * @param initialBackoff the first wait
         * @param maxBackoff the longest wait
         * @return this builder
         */
        public Builder retries(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
            once("retries", maxAttempts);
            if (maxAttempts < 1) {
                problems.add("retries: maxAttempts is at least 1; got " + maxAttempts);
            }
            if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
                problems.add("retries: backoff must be positive and maxBackoff ≥ initialBackoff; got " + initialBackoff + ", " + maxBackoff);
            }
            this.maxAttempts = maxAttempts;
            this.initialBackoff = requireNonNull(initialBackoff, "initialBackoff");
            this.maxBackoff = requireNonNull(maxBackoff, "maxBackoff");
            return this;
        }

        /**
         * Sets the IMOC rotation: a new incident's IMOC is whoever is on call, and hand-offs reach out to
         * its members. Without one, the declarer is IMOC and hand-offs name the new IMOC ({@code handoff @name}).
         *
         * @param rotation the rotation, e.g. a {@code Rotation} or a PagerDuty schedule
         * @return this builder
         */
        public Builder rotation(RotationSource rotation) {
            this.rotation = once("rotation", rotation);
            return this;
        }

        /**
         * Names this kit when it claims effects for delivery from a store that several bot replicas share
         * (default: {@code kit-<pid>-<random>}, different for every kit). The store records it with each
         * claim, so people can see which replica is delivering what; give each replica its own name.
         *
         * @param name the replica's name, e.g. the pod name
         * @return this builder
         */
        public Builder replicaName(String name) {
            String n = once("replicaName", name);
            if (n.isBlank()) {
                problems.add("replicaName must not be blank");
            }
            this.replicaName = n;
            return this;
        }

        /**
         * Sets how hand-off candidates are chosen (default: nobody who has been IMOC more than 8 h in the
         * last 24 h, people in their working hours first).
         *
         * @param candidates the ranking
         * @return this builder
         */
        public Builder handOffCandidates(HandOffCandidates candidates) {
            this.candidates = once("handOffCandidates", candidates);
            return this;
        }

        /**
         * Sets the reminder policies (default {@link ReminderPolicies#defaults()}); an empty list turns
         * reminders off.
         *
         * @param policies the policies
         * @return this builder
         */
        public Builder reminders(List<ReminderPolicy> policies) {
            this.policies = List.copyOf(once("reminders", policies));
            return this;
        }

        /**
         * Sets how long this kit's claim on an effect it is delivering lasts unless renewed (default 15
         * seconds). The kit renews the claims of its running deliveries on every tick, so a slow vendor
         * keeps its claim; if this kit dies, another replica takes its effects over once the lease has
         * run out, and delivers them with the same idempotency key, looking first for what the dead
         * replica may have left with the vendor. Make it at least three ticks, and well above the clock
         * skew between replicas.
         *
         * @param lease the lease, positive
         * @return this builder
         */
        public Builder deliveryLease(Duration lease) {
            Duration d = once("deliveryLease", lease);
            if (d.isNegative() || d.isZero()) {
                problems.add("deliveryLease must be positive; got " + d);
            }
            this.deliveryLease = d;
            return this;
        }

        /**
         * Sets how many lanes (an incident's effects on one port) the kit delivers at once (default 8).
         * A hung vendor holds only the lanes it is called in; the others go on.
         *
         * @param lanes at least 1
         * @return this builder
         */
        public Builder deliveryLanes(int lanes) {
            once("deliveryLanes", lanes);
            if (lanes < 1) {
                problems.add("deliveryLanes is at least 1; got " + lanes);
            }
            this.deliveryLanes = Math.max(1, lanes);
            return this;
        }

        /**
         * Sets how the service-disruption report is written from an incident (default: the built-in
         * Markdown template, {@code ServiceDisruptionReport.of(incident).markdown()}).
         *
         * @param report the renderer
         * @return this builder
         */
        public Builder report(Function<Incident, String> report) {
            this.report = once("report", report);
            return this;
        }

        /**
         * Sets whether a public update is previewed before it is published (default false). With the
         * preview on, {@code update …} only drafts the update and shows it to the sender with a Confirm
         * button; {@code confirm} publishes it. Off, {@code update …} publishes at once, as before.
         *
         * <p>The default is off so that existing bots and scripted drills keep their behaviour; a bot that
         * faces customers should turn it on.
         *
         * @param preview whether to preview
         * @return this builder
         */
        public Builder previewPublicUpdates(boolean preview) {
            this.previewPublicUpdates = once("previewPublicUpdates", preview);
            return this;
        }

        /**
         * Adds a listener told what the kit does (commands, appends, deliveries, reminders, circuit
         * breakers), e.g. {@code IncidentKitMetrics} from {@code incidentkit-micrometer}. May be called
         * several times; listeners are called in the order added, on the kit's listener thread (see
         * {@link #listenerExecutor}), so a slow one never slows a reply; one that throws is logged and
         * ignored (see {@link IncidentKitListener}).
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(IncidentKitListener listener) {
            listeners.add(requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Runs listener callbacks on this executor instead of the kit's own listener thread. By default
         * one daemon thread calls the listeners in order, behind a queue of 10,000 callbacks; when that is
         * full, callbacks are dropped (and the drops logged) rather than slowing a reply. Give
         * {@code Runnable::run} to call listeners on the kit's own threads, e.g. in a test that reads a
         * meter right after a command; then a slow listener slows the kit.
         *
         * @param executor the executor; callbacks reach the listeners in order only if it runs tasks in order
         * @return this builder
         */
        public Builder listenerExecutor(Executor executor) {
            this.listenerExecutor = once("listenerExecutor", requireNonNull(executor, "executor"));
            return this;
        }

        /**
         * Adds an incident type, declared with {@code declare --type <name> …}; call once per type. A type is a
         * record of defaults (private or not, reminders, who is paged, components, issue tracker), see
         * {@link IncidentType}.
         *
         * @param type the type
         * @return this builder
         * @throws IllegalStateException if a type of the same name was added
         */
        public Builder incidentType(IncidentType type) {
            requireNonNull(type, "type");
            IncidentType earlier = types.putIfAbsent(type.name(), type);
            if (earlier != null) {
                throw new IllegalStateException("an incident type named '" + type.name() + "' was already added: " + earlier);
            }
            return this;
        }

        /**
         * Sets how long after an incident is closed its channel is archived (default 24 hours), with a last
         * message saying where the service-disruption report is. On a chat platform that cannot archive
         * channels, that message says the channel was not archived. See {@link #neverArchiveChannels()}.
         *
         * @param delay zero (at once) or more
         * @return this builder
         */
        public Builder archiveChannelsAfterClose(Duration delay) {
            Duration d = once("archiveChannels", delay);
            if (d.isNegative()) {
                problems.add("archiveChannelsAfterClose is zero or more; got " + d);
            }
            this.archiveAfter = d.isNegative() ? null : d;
            return this;
        }

        /**
         * Keeps incident channels as they are after close: nothing is archived.
         *
         * @return this builder
         */
        public Builder neverArchiveChannels() {
            once("archiveChannels", "never");
            this.archiveAfter = null;
            return this;
        }

        /**
         * Sets whether a person who joins an open incident's channel is shown its {@code tldr}, to them alone
         * (default false). The chat adapter reports joins to {@link IncidentKit#joined}.
         *
         * @param show whether to show it
         * @return this builder
         */
        public Builder tldrOnJoin(boolean show) {
            this.tldrOnJoin = once("tldrOnJoin", show);
            return this;
        }

        /**
         * Builds the kit and starts its delivery and tick threads.
         *
         * @return the kit
         * @throws ConfigurationException naming every missing or bad setting
         */
        public IncidentKit build() {
            List<String> all = new ArrayList<>(problems);
            if (store == null) {
                all.add("store is missing: set .store(new InMemoryIncidentStore()) or a durable store");
            }
            if (tickEvery != null && deliveryLease.compareTo(tickEvery.multipliedBy(3)) < 0) {
                all.add("deliveryLease (" + deliveryLease + ") must be at least three ticks (tickEvery " + tickEvery
                        + "), since claims are renewed on ticks");
            }
            if (chat == null) {
                all.add("chat is missing: set .chat(…) to your chat platform's ChatGateway (e.g. SlackChatGateway)");
            } else {
                types.values().stream().filter(IncidentType::privateIncidents)
                        .filter(t -> !chat.capabilities().contains(ChatGateway.Capability.PRIVATE_CHANNELS))
                        .forEach(t -> all.add("incident type '" + t.name() + "' is private, but the chat gateway ("
                                + chat.getClass().getSimpleName() + ") cannot create private channels (no PRIVATE_CHANNELS"
                                + " capability): use a platform that can, or make the type public"));
            }
            if (!all.isEmpty()) {
                throw new ConfigurationException("IncidentKit", all);
            }
            return new IncidentKit(this);
        }
    }
}
