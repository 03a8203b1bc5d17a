package dev.incidentkit.pagerduty;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.incident.Person;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.pagerduty.internal.PagerDutyRest;
import dev.incidentkit.spi.Directory;
import dev.incidentkit.spi.PortException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@link Directory} of a PagerDuty account's users ({@code GET /users/{id}}, {@code GET /users?query=}).
 * A person found has their PagerDuty user id as {@link Person#id()}, their PagerDuty name and time zone
 * (UTC if unknown), and the handles {@code "pagerduty"} (the user id) and {@code "email"}.
 *
 * <p>{@link #findByEmail} pages through {@code /users?query=<email>} and keeps only an exact,
 * case-insensitive email match (PagerDuty's {@code query} also matches names). {@link #find} knows only
 * PagerDuty user ids (like {@code PXPGF42}); to go from a chat user to PagerDuty, look their email up in
 * the chat directory first. Thread-safe. No caching. {@link #close()} closes the connection if this
 * directory opened it.
 *
 * @since 0.1
 */
public final class PagerDutyDirectory implements Directory, AutoCloseable {
    private static final Pattern USER_ID = Pattern.compile("P[A-Z0-9]{5,13}");

    private final PagerDutyRest rest;
    private final boolean ownsRest;

    PagerDutyDirectory(PagerDutyRest rest, boolean ownsRest) {
        this.rest = rest;
        this.ownsRest = ownsRest;
    }

    /**
     * Creates a directory with its own connection.
     *
     * @param config the account (only {@code apiToken} and {@code apiUrl} are used)
     * @param clock the clock for the HTTP client (to read {@code Retry-After} dates)
     * @param retryPolicy how failed calls are retried
     * @return the directory
     * @throws IllegalArgumentException if the config has no {@code apiToken}
     */
    public static PagerDutyDirectory create(PagerDutyConfig config, Clock clock, RetryPolicy retryPolicy) {
        requireNonNull(config, "config");
        return new PagerDutyDirectory(new PagerDutyRest(config.apiUrl(), config.requireApiToken("PagerDutyDirectory"), null, config.requestTimeout(),
                requireNonNull(clock, "clock"), requireNonNull(retryPolicy, "retryPolicy"), (HttpClient) null), true);
    }

    /**
     * Finds the PagerDuty user a reference's id names.
     *
     * @param ref a reference whose id is a PagerDuty user id such as {@code PXPGF42}; other ids find nobody
     * @return the person, if PagerDuty knows them
     * @throws PortException if PagerDuty cannot be reached or refuses the key
     */
    @Override
    public Optional<Person> find(PersonRef ref) {
        requireNonNull(ref, "ref");
        return findById(ref.id());
    }

    /**
     * Finds a PagerDuty user by id.
     *
     * @param userId a PagerDuty user id; other strings find nobody
     * @return the person, if PagerDuty knows them
     * @throws PortException if PagerDuty cannot be reached or refuses the key
     */
    public Optional<Person> findById(String userId) {
        requireNonNull(userId, "userId");
        if (!USER_ID.matcher(userId).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(person(rest.get("GET /users/{id}", "users/" + userId, Map.of()).path("user")));
        } catch (PortException e) {
            if (e.kind() == PortException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Finds a PagerDuty user by email, compared case-insensitively.
     *
     * @param email the address
     * @return the person, if PagerDuty knows the address
     * @throws PortException if PagerDuty cannot be reached or refuses the key
     */
    @Override
    public Optional<Person> findByEmail(String email) {
        requireNonNull(email, "email");
        String wanted = email.strip().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty() || !wanted.contains("@")) {
            return Optional.empty();
        }
        List<JsonNode> users = rest.list("GET /users", "users", Map.of("query", wanted), "users",
                found -> found.stream().anyMatch(u -> matches(u, wanted)));
        return users.stream().filter(u -> matches(u, wanted)).findFirst().map(PagerDutyDirectory::person);
    }

    private static boolean matches(JsonNode user, String email) {
        return user.path("email").asText("").strip().toLowerCase(Locale.ROOT).equals(email);
    }

    static Person person(JsonNode user) {
        String id = user.path("id").asText();
        String name = user.path("name").asText("").strip();
        ZoneId zone;
        try {
            zone = user.hasNonNull("time_zone") ? ZoneId.of(user.get("time_zone").asText()) : ZoneOffset.UTC;
        } catch (DateTimeException e) {
            zone = ZoneOffset.UTC;
        }
        Map<String, String> handles = new LinkedHashMap<>();
        handles.put("pagerduty", id);
        String email = user.path("email").asText("").strip();
        if (!email.isEmpty()) {
            handles.put("email", email);
        }
        return new Person(id, name.isEmpty() ? id : name, zone, handles);
    }

    /** Closes the connection if this directory opened it. */
    @Override
    public void close() {
        if (ownsRest) {
            rest.close();
        }
    }

    @Override
    public String toString() {
        return "PagerDutyDirectory[" + rest + "]";
    }
}
