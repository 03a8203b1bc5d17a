package dev.incidentkit.spi;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.internal.Checks;
import java.util.List;

/**
 * A side effect to carry out through a port, written to the store together with the events that
 * caused it (the outbox) and delivered afterwards, with retries. What an effect needs from the incident
 * (its channel, its status page incident, the current topic) is read when it is delivered, so a delayed
 * effect never sends stale state.
 *
 * <p>{@link #key()} is the idempotency key: stable across retries and restarts, unique per effect.
 *
 * @since 0.1
 */
public sealed interface Effect {

    /** Which port an effect goes through; effects of one incident and port are delivered in order. */
    enum Port {
        /** {@link ChatGateway}. */
        CHAT,
        /** {@link Pager}. */
        PAGER,
        /** {@link StatusPublisher}. */
        STATUS_PAGE,
        /** {@link IssueTracker}. */
        ISSUES
    }

    /** Returns the idempotency key. @return the key */
    String key();

    /** Returns the port this effect goes through. @return the port */
    Port port();

    /** Returns a short description for people, e.g. "publish the status update". @return the description */
    String description();

    /**
     * Create the incident's channel and bind it.
     *
     * @param key the idempotency key
     * @param name the wished-for channel name
     * @param privateChannel whether only the people invited may see it (a private incident's);
     *     {@code false} in JSON written before it existed
     */
    record CreateChannel(String key, String name, boolean privateChannel) implements Effect {
        /** Checks the fields. */
        public CreateChannel {
            key = Checks.text(key, "key");
            name = Checks.text(name, "name");
        }

        /**
         * A public channel.
         *
         * @param key the idempotency key
         * @param name the wished-for channel name
         */
        public CreateChannel(String key, String name) {
            this(key, name, false);
        }

        @Override
        public Port port() {
            return Port.CHAT;
        }

        @Override
        public String description() {
            return "create the " + (privateChannel ? "private " : "") + "incident channel #" + name;
        }
    }

    /**
     * Invite people to the incident's channel.
     *
     * @param key the idempotency key
     * @param people who to invite
     */
    record Invite(String key, List<PersonRef> people) implements Effect {
        /** Checks and copies. */
        public Invite {
            key = Checks.text(key, "key");
            people = List.copyOf(people);
        }

        @Override
        public Port port() {
            return Port.CHAT;
        }

        @Override
        public String description() {
            return "invite " + people.stream().map(PersonRef::name).reduce((a, b) -> a + ", " + b).orElse("nobody");
        }
    }

    /**
     * Set the channel topic to the incident's current severity, status and IMOC.
     *
     * @param key the idempotency key
     */
    record SetTopic(String key) implements Effect {
        /** Checks the key. */
        public SetTopic {
            key = Checks.text(key, "key");
        }

        @Override
        public Port port() {
            return Port.CHAT;
        }

        @Override
        public String description() {
            return "set the channel topic";
        }
    }

    /**
     * Post a message in the incident's channel.
     *
     * @param key the idempotency key
     * @param message the message
     * @param pin whether to pin it
     */
    record Post(String key, ChatMessage message, boolean pin) implements Effect {
        /** Checks the fields. */
        public Post {
            key = Checks.text(key, "key");
            requireNonNull(message, "message");
        }

        @Override
        public Port port() {
            return Port.CHAT;
        }

        @Override
        public String description() {
            return "post " + message.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " message";
        }
    }

    /**
     * Bookmark a link in the incident's channel.
     *
     * @param key the idempotency key
     * @param title the label
     * @param url the address
     */
    record Bookmark(String key, String title, String url) implements Effect {
        /** Checks the fields. */
        public Bookmark {
            key = Checks.text(key, "key");
            title = Checks.text(title, "title");
            url = Checks.text(url, "url");
        }

        @Override
        public Port port() {
            return Port.CHAT;
        }

        @Override
        public String description() {
            return "bookmark " + title;
        }
    }

    /**
     * Archive the incident's channel, after a last message saying where the report is. On a chat platform
     * without {@link ChatGateway.Capability#ARCHIVE}, the message says instead that the channel was not
     * archived.
     *
     * @param key the idempotency key
     */
    record ArchiveChannel(String key) implements Effect {
        /** Checks the key. */
        public ArchiveChannel {
            key = Checks.text(key, "key");
        }

        @Override
        public Port port() {
            return Port.CHAT;
        }

        @Override
        public String description() {
            return "archive the incident channel";
        }
    }

    /**
     * Page a person.
     *
     * @param key the idempotency key
     * @param target who
     * @param reason why
     */
    record Page(String key, PersonRef target, String reason) implements Effect {
        /** Checks the fields. */
        public Page {
            key = Checks.text(key, "key");
            requireNonNull(target, "target");
            reason = Checks.text(reason, "reason");
        }

        @Override
        public Port port() {
            return Port.PAGER;
        }

        @Override
        public String description() {
            return "page " + target.name();
        }
    }

    /**
     * Resolve the incident's pages.
     *
     * @param key the idempotency key
     */
    record ResolvePages(String key) implements Effect {
        /** Checks the key. */
        public ResolvePages {
            key = Checks.text(key, "key");
        }

        @Override
        public Port port() {
            return Port.PAGER;
        }

        @Override
        public String description() {
            return "resolve the page";
        }
    }

    /**
     * Publish a public status update.
     *
     * @param key the idempotency key
     * @param status the status to announce
     * @param message what customers read
     */
    record PublishStatus(String key, IncidentStatus status, String message) implements Effect {
        /** Checks the fields. */
        public PublishStatus {
            key = Checks.text(key, "key");
            requireNonNull(status, "status");
            message = Checks.text(message, "message");
        }

        @Override
        public Port port() {
            return Port.STATUS_PAGE;
        }

        @Override
        public String description() {
            return "publish the status update \"" + (message.length() > 60 ? message.substring(0, 60) + "…" : message) + "\"";
        }
    }

    /**
     * Set components' statuses on the public status page on their own, as people marked them in the chat
     * (see {@link StatusPublisher#markComponents}).
     *
     * @param key the idempotency key
     * @param components name as typed to status
     */
    record MarkComponents(String key, java.util.Map<String, String> components) implements Effect {
        /** Checks and copies, keeping the order. */
        public MarkComponents {
            key = Checks.text(key, "key");
            components = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(requireNonNull(components, "components")));
        }

        @Override
        public Port port() {
            return Port.STATUS_PAGE;
        }

        @Override
        public String description() {
            return "mark components " + String.join(", ", components.keySet()) + " on the status page";
        }
    }

    /**
     * Open the service-disruption report issue, or update its body if it is open.
     *
     * @param key the idempotency key
     */
    record FileReport(String key) implements Effect {
        /** Checks the key. */
        public FileReport {
            key = Checks.text(key, "key");
        }

        @Override
        public Port port() {
            return Port.ISSUES;
        }

        @Override
        public String description() {
            return "file the service-disruption report";
        }
    }

    /**
     * File a follow-up as its own issue.
     *
     * @param key the idempotency key
     * @param number the follow-up's number
     * @param text what to do
     */
    record FileFollowUp(String key, int number, String text) implements Effect {
        /** Checks the fields. */
        public FileFollowUp {
            key = Checks.text(key, "key");
            text = Checks.text(text, "text");
        }

        @Override
        public Port port() {
            return Port.ISSUES;
        }

        @Override
        public String description() {
            return "file follow-up #" + number;
        }
    }
}
