package dev.incidentkit.slack;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.incident.Person;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.slack.internal.SlackApi;
import dev.incidentkit.spi.Directory;
import dev.incidentkit.spi.PortException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@link Directory} over Slack's {@code users.info} and {@code users.lookupByEmail}. A person found has
 * their Slack user id as {@link Person#id()}, Slack's display name (else real name, else handle), their
 * Slack time zone (UTC if unknown) and the handles {@code "slack"} (the user id) and {@code "email"} (if
 * the token may read it, scope {@code users:read.email}).
 *
 * <p>Get one from {@link SlackChatGateway#directory()}, which shares the gateway's connection.
 * Thread-safe. No caching: wrap it if lookups are frequent.
 *
 * @since 0.1
 */
public final class SlackDirectory implements Directory {
    private static final Pattern SLACK_USER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");
    private static final Set<String> NOBODY = Set.of("user_not_found", "users_not_found", "user_not_visible");

    private final SlackApi api;

    SlackDirectory(SlackApi api) {
        this.api = requireNonNull(api, "api");
    }

    /**
     * Finds the Slack user a reference's id names.
     *
     * @param ref a reference whose id is a Slack user id such as {@code U024BE7LH}; other ids find nobody
     * @return the person, if Slack knows them
     * @throws PortException if Slack cannot be reached or refuses the token
     */
    @Override
    public Optional<Person> find(PersonRef ref) {
        requireNonNull(ref, "ref");
        if (!SLACK_USER_ID.matcher(ref.id()).matches()) {
            return Optional.empty();
        }
        return lookup("users.info", Map.of("user", ref.id()));
    }

    /**
     * Finds a Slack user by email.
     *
     * @param email the address
     * @return the person, if Slack knows the address
     * @throws PortException if Slack cannot be reached or refuses the token
     */
    @Override
    public Optional<Person> findByEmail(String email) {
        requireNonNull(email, "email");
        if (email.isBlank()) {
            return Optional.empty();
        }
        return lookup("users.lookupByEmail", Map.of("email", email.strip()));
    }

    private Optional<Person> lookup(String method, Map<String, String> query) {
        try {
            return Optional.of(person(api.read(method, query).path("user")));
        } catch (PortException e) {
            if (NOBODY.contains(e.vendorCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Person person(JsonNode user) {
        String id = user.path("id").asText();
        JsonNode profile = user.path("profile");
        String name = firstNonBlank(profile.path("display_name").asText(""), profile.path("real_name").asText(""),
                user.path("real_name").asText(""), user.path("name").asText(""), id);
        ZoneId zone;
        try {
            zone = user.hasNonNull("tz") ? ZoneId.of(user.get("tz").asText()) : ZoneOffset.UTC;
        } catch (DateTimeException e) {
            zone = ZoneOffset.UTC;
        }
        Map<String, String> handles = new LinkedHashMap<>();
        handles.put("slack", id);
        String email = profile.path("email").asText("");
        if (!email.isBlank()) {
            handles.put("email", email);
        }
        return new Person(id, name, zone, handles);
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (!v.isBlank()) {
                return v.strip();
            }
        }
        return values[values.length - 1];
    }

    @Override
    public String toString() {
        return "SlackDirectory[" + api + "]";
    }
}
