package dev.incidentkit.examples;

import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.Person;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.Directory;
import java.time.ZoneOffset;
import java.util.Optional;
import dev.incidentkit.spi.ChatGateway;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.spi.IssueTracker;
import dev.incidentkit.spi.Pager;
import dev.incidentkit.spi.StatusPublisher;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** Console implementations of every port: each prints what it would send, labelled. */
final class ConsolePorts {
    private ConsolePorts() {}

    /** A chat platform in the terminal. */
    static final class Chat implements ChatGateway {
        private final Transcript transcript;
        private final AtomicInteger channels = new AtomicInteger();
        private final AtomicInteger messages = new AtomicInteger();
        private final Map<String, String> names = new ConcurrentHashMap<>();
        private volatile String lastChannel = "";

        Chat(Transcript transcript) {
            this.transcript = transcript;
        }

        String lastChannel() {
            return lastChannel;
        }

        private String name(String channelId) {
            return "#" + names.getOrDefault(channelId, channelId);
        }

        @Override
        public Channel createChannel(String name, IdempotencyKey idempotencyKey) {
            Channel channel = new Channel("C" + channels.incrementAndGet(), name);
            names.put(channel.id(), name);
            lastChannel = channel.id();
            transcript.line("chat", "created channel #" + name);
            return channel;
        }

        @Override
        public void invite(String channelId, List<PersonRef> people) {
            transcript.line("chat", name(channelId) + " invited " + people.stream().map(PersonRef::name).collect(Collectors.joining(", ")));
        }

        @Override
        public void setTopic(String channelId, String topic) {
            transcript.line("chat", name(channelId) + " topic: " + topic);
        }

        @Override
        public MessageRef post(String channelId, ChatMessage message, IdempotencyKey idempotencyKey) {
            String buttons = message.buttons().isEmpty() ? ""
                    : "\n" + message.buttons().stream().map(b -> "[" + b.label() + "]").collect(Collectors.joining(" "));
            String kind = message.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            transcript.line("chat", name(channelId) + " (" + kind + ") " + message.text() + buttons);
            return new MessageRef(channelId, "M" + messages.incrementAndGet());
        }

        @Override
        public void update(MessageRef message, ChatMessage content) {
            transcript.line("chat", name(message.channelId()) + " (edited) " + content.text());
        }

        @Override
        public void pin(MessageRef message) {
            transcript.line("chat", name(message.channelId()) + " pinned the kick-off message");
        }

        @Override
        public void bookmark(String channelId, String title, String url) {
            transcript.line("chat", name(channelId) + " bookmarked " + title + ": " + url);
        }

        @Override
        public void postEphemeral(String channelId, PersonRef person, ChatMessage message) {
            transcript.line("chat", name(channelId) + " (only " + person.name() + " sees) " + message.text());
        }
    }

    /** Everyone is known by their handle; their display name is the handle capitalised. */
    static final class People implements Directory {
        @Override
        public Optional<Person> find(PersonRef ref) {
            PersonRef known = IncidentRoom.person(ref.id());
            return Optional.of(Person.of(known.id(), known.name(), ZoneOffset.UTC));
        }

        @Override
        public Optional<Person> findByEmail(String email) {
            return find(PersonRef.of(email.substring(0, Math.max(1, email.indexOf('@')))));
        }
    }

    /** A pager in the terminal. */
    static final class Paging implements Pager {
        private final Transcript transcript;

        Paging(Transcript transcript) {
            this.transcript = transcript;
        }

        @Override
        public Page page(PageRequest request, IdempotencyKey idempotencyKey) {
            transcript.line("pager", (request.drill() ? "[drill] " : "") + "paged " + request.target().name() + ": " + request.summary());
            return new Page(request.incident() + "/" + request.target().id(), "https://pager.example.com/" + request.incident());
        }

        @Override
        public void resolve(IncidentId incident, List<PersonRef> paged, IdempotencyKey idempotencyKey) {
            transcript.line("pager", "resolved the page" + (paged.size() == 1 ? "" : "s") + " for " + incident);
        }
    }

    /** A public status page in the terminal. */
    static final class StatusPage implements StatusPublisher {
        private final Transcript transcript;

        StatusPage(Transcript transcript) {
            this.transcript = transcript;
        }

        @Override
        public boolean marksComponents() {
            return true;
        }

        @Override
        public void markComponents(java.util.Map<String, String> components, boolean drill) {
            transcript.line("status page", "marked " + components.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue().replace('_', ' ')).collect(Collectors.joining(", ")));
        }

        @Override
        public Published publish(StatusUpdate update, IdempotencyKey idempotencyKey) {
            String id = update.statusPageIncident().orElse("sp-" + update.incident().value().toLowerCase(java.util.Locale.ROOT));
            transcript.line("status page", (update.statusPageIncident().isEmpty() ? "opened" : "updated") + " \"" + update.title()
                    + "\" [" + update.status().chatName() + "]: " + update.message());
            return new Published(id, "https://status.example.com/incidents/" + id);
        }
    }

    /** An issue tracker in the terminal. */
    static final class Issues implements IssueTracker {
        private final Transcript transcript;
        private final AtomicInteger numbers = new AtomicInteger();

        Issues(Transcript transcript) {
            this.transcript = transcript;
        }

        @Override
        public Issue open(NewIssue issue, IdempotencyKey idempotencyKey) {
            int n = numbers.incrementAndGet();
            transcript.line("issues", "opened #" + n + " \"" + issue.title() + "\" " + issue.labels());
            return new Issue(String.valueOf(n), "https://issues.example.com/" + n);
        }

        @Override
        public void updateBody(Issue issue, String body) {
            transcript.line("issues", "updated #" + issue.id() + " with the final report (" + body.lines().count() + " lines)");
        }
    }
}
