package dev.incidentkit.statuspage.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.incident.Command;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.spi.StatusPublisher.Template;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A page's incident templates, fetched with {@code GET /pages/{page_id}/incident_templates} (100 per page,
 * until a short page) and kept for a while by the injected clock, like {@link Components}. Names are
 * matched loosely: case, spaces and punctuation do not matter. A template's {@code update_status} becomes
 * the update's status when it is one incidentkit uses (not a maintenance's), and its components keep the
 * statuses they name, under their names as people type them ({@link Components#slug}). Thread-safe.
 */
public final class Templates {
    private static final int PER_PAGE = 100;
    private static final int MAX_PAGES = 50;

    private record Cached(List<Template> templates, Instant fetchedAt) {}

    private final StatuspageApi api;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Cached> byPage = new HashMap<>();

    /** Creates the cache. */
    public Templates(StatuspageApi api, Clock clock, Duration ttl) {
        this.api = api;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** Returns the page's templates, from the cache while fresh. */
    public List<Template> of(String pageId) {
        Instant now = clock.instant();
        synchronized (byPage) {
            Cached c = byPage.get(pageId);
            if (c != null && Duration.between(c.fetchedAt(), now).compareTo(ttl) < 0) {
                return c.templates();
            }
        }
        List<Template> fetched = fetch(pageId);
        synchronized (byPage) {
            byPage.put(pageId, new Cached(fetched, now));
        }
        return fetched;
    }

    /** Finds a template by name, ignoring case, spaces and punctuation. */
    public Optional<Template> find(String pageId, String name) {
        String k = key(name);
        return of(pageId).stream().filter(t -> key(t.name()).equals(k)).findFirst();
    }

    private List<Template> fetch(String pageId) {
        List<Template> out = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            JsonNode list = api.get("incident_templates.list", "pages/" + pageId + "/incident_templates",
                    Map.of("page", Integer.toString(page), "per_page", Integer.toString(PER_PAGE)));
            for (JsonNode t : list) {
                if (t.hasNonNull("name")) {
                    out.add(template(t));
                }
            }
            if (list.size() < PER_PAGE) {
                break;
            }
        }
        return List.copyOf(out);
    }

    private static Template template(JsonNode t) {
        String updateStatus = t.path("update_status").asText("");
        Optional<IncidentStatus> status = IncidentStatus.parse(updateStatus)
                .filter(s -> s.chatName().equals(updateStatus) && !s.isFinal());
        Map<String, String> components = new LinkedHashMap<>();
        for (JsonNode c : t.path("components")) {
            String name = c.path("name").asText("");
            String componentStatus = c.path("status").asText("");
            if (!name.isBlank() && Command.MarkComponents.STATUSES.contains(componentStatus)) {
                components.put(Components.slug(name).replace('=', '-'), componentStatus);
            }
        }
        String name = t.path("name").asText();
        return new Template(name, t.path("title").asText(name), t.path("body").asText(""), status, components);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }
}
