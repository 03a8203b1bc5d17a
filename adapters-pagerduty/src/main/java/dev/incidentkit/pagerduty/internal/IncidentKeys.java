package dev.incidentkit.pagerduty.internal;

import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.PersonRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The key of one page, that is of one person paged for one incidentkit incident:
 * {@code incidentkit/INC-42/U024BE7LH}. It is sent as the REST {@code incident_key} or the Events
 * {@code dedup_key} (api-notes §3.6) and read back from webhooks. It depends on nothing but the incident and
 * the person, so a retried page for the same person joins the open one at PagerDuty (which de-duplicates by
 * it), a page for another person is a page of its own, and resolving finds every page again after a restart.
 */
public final class IncidentKeys {
    /** What every key starts with. */
    public static final String PREFIX = "incidentkit/";
    /** PagerDuty's limit for {@code dedup_key} (api-notes §3.6); the REST {@code incident_key} uses the same key. */
    public static final int MAX_LENGTH = 255;

    private IncidentKeys() {}

    /**
     * The key of a person's page for an incident: the person's id as it is, or its SHA-256 (hex) when the
     * key would otherwise exceed {@link #MAX_LENGTH}.
     */
    public static String of(IncidentId incident, PersonRef person) {
        String key = PREFIX + incident.value() + "/" + person.id();
        return key.length() <= MAX_LENGTH ? key : PREFIX + incident.value() + "/sha256-" + sha256(person.id());
    }

    /** The incident a key names, if it is one of ours (also the per-incident keys of earlier versions). */
    public static Optional<IncidentId> parse(String key) {
        if (key == null || !key.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = key.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        return IncidentId.parse(slash < 0 ? rest : rest.substring(0, slash));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
