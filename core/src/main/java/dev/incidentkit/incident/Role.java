package dev.incidentkit.incident;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A role a person holds in one incident.
 *
 * @since 0.1
 */
public enum Role {
    /** Incident Manager On Call: runs the incident and decides. */
    IMOC("imoc", "IMOC", Set.of("imoc", "im", "incident-manager", "lead")),
    /** Communications lead: writes the public status updates and talks to stakeholders. */
    COMMUNICATIONS_LEAD("comms", "communications lead", Set.of("comms", "comm", "communications", "cl")),
    /** Technical lead: leads the investigation and the fix. */
    TECHNICAL_LEAD("tech", "technical lead", Set.of("tech", "techlead", "tech-lead", "tl", "technical")),
    /** Scribe: keeps the timeline complete with notes. */
    SCRIBE("scribe", "scribe", Set.of("scribe", "notes"));

    private final String chatName;
    private final String title;
    private final Set<String> aliases;

    Role(String chatName, String title, Set<String> aliases) {
        this.chatName = chatName;
        this.title = title;
        this.aliases = aliases;
    }

    /**
     * Returns the word to type in chat, e.g. {@code comms}.
     *
     * @return the chat name
     */
    public String chatName() {
        return chatName;
    }

    /**
     * Returns the title for people, e.g. "communications lead".
     *
     * @return the title
     */
    public String title() {
        return title;
    }

    /**
     * Reads a role name or alias, case-insensitive ({@code imoc}, {@code comms}, {@code tl}, …).
     *
     * @param text the text
     * @return the role, or empty if the text names none
     */
    public static Optional<Role> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (Role r : values()) {
            if (r.aliases.contains(t)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
