package dev.incidentkit.teams;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.adapters.http.JsonRequest;
import dev.incidentkit.incident.Person;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.Directory;
import dev.incidentkit.spi.PortException;
import dev.incidentkit.teams.internal.TeamsApi;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link Directory} over Microsoft Graph users (api-notes-teams §6.9): {@code GET /users/{id}} for a
 * reference whose id is an Entra object id or a user principal name, and
 * {@code GET /users?$filter=mail eq '…'} by email (falling back to the user principal name, which often is
 * the address). A person found has the Entra object id as {@link Person#id()} (what {@link TeamsInbound}
 * gives as a person's id), the display name, UTC as time zone (Graph's user has none to read with
 * application permissions), and the handles {@code "teams"} (the object id), {@code "email"} and
 * {@code "upn"} when known. Needs the application permission {@code User.Read.All}.
 *
 * <p>Get one from {@link TeamsChatGateway#directory()}, which shares the gateway's token. Thread-safe. No
 * caching: wrap it if lookups are frequent.
 *
 * @since 0.1
 */
public final class TeamsDirectory implements Directory {
    private static final String SELECT = "id,displayName,mail,userPrincipalName";

    private final TeamsApi api;

    TeamsDirectory(TeamsApi api) {
        this.api = requireNonNull(api, "api");
    }

    /**
     * Finds the user a reference's id names.
     *
     * @param ref a reference whose id is an Entra object id or a user principal name; other ids find nobody
     * @return the person, if Graph knows them
     * @throws PortException if Graph cannot be reached or refuses the token
     */
    @Override
    public Optional<Person> find(PersonRef ref) {
        requireNonNull(ref, "ref");
        String id = ref.id();
        if (!TeamsApi.isUserId(id)) {
            return Optional.empty();
        }
        try {
            return Optional.of(person(api.graph(JsonRequest.get("user-get", "users/" + TeamsApi.seg(id),
                    Map.of("$select", SELECT)))));
        } catch (PortException e) {
            if (e.kind() == PortException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Finds a user by email: their {@code mail}, else their user principal name.
     *
     * @param email the address, compared case-insensitively (as Graph compares it)
     * @return the person, if Graph knows the address
     * @throws PortException if Graph cannot be reached or refuses the token
     */
    @Override
    public Optional<Person> findByEmail(String email) {
        requireNonNull(email, "email");
        String address = email.strip();
        if (!address.contains("@") || !TeamsApi.isUserId(address)) {
            return Optional.empty();
        }
        String quoted = "'" + address.replace("'", "''") + "'";
        for (String property : new String[] {"mail", "userPrincipalName"}) {
            JsonNode users = api.graph(JsonRequest.get("user-list", "users",
                    Map.of("$filter", property + " eq " + quoted, "$select", SELECT))).path("value");
            if (users.size() > 0) {
                return Optional.of(person(users.get(0)));
            }
        }
        return Optional.empty();
    }

    private static Person person(JsonNode user) {
        String id = user.path("id").asText();
        String upn = user.path("userPrincipalName").asText("");
        String mail = user.path("mail").asText("");
        String name = user.path("displayName").asText("").strip();
        Map<String, String> handles = new LinkedHashMap<>();
        handles.put("teams", id);
        if (!mail.isBlank()) {
            handles.put("email", mail);
        }
        if (!upn.isBlank()) {
            handles.put("upn", upn);
        }
        return new Person(id, name.isEmpty() ? (mail.isEmpty() ? id : mail) : name, ZoneOffset.UTC, handles);
    }

    @Override
    public String toString() {
        return "TeamsDirectory[" + api + "]";
    }
}
