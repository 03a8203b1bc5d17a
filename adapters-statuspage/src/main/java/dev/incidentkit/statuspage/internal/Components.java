package dev.incidentkit.statuspage.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.spi.PortException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A page's components, fetched with {@code GET /pages/{page_id}/components} (100 per page, until a short
 * page) and kept for a while by the injected clock. Names people type are matched loosely: case, spaces,
 * dashes and underscores do not matter ({@code checkout-api} finds "Checkout API"). Group rows are not
 * components one can mark. Thread-safe.
 */
public final class Components {
    private static final int PER_PAGE = 100;
    private static final int MAX_PAGES = 50;

    /** One component. */
    public record Component(String id, String name) {}

    private record Cached(List<Component> components, Instant fetchedAt) {}

    private final StatuspageApi api;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Cached> byPage = new HashMap<>();

    /** Creates the cache. */
    public Components(StatuspageApi api, Clock clock, Duration ttl) {
        this.api = api;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** Returns the page's components, from the cache while fresh. */
    public List<Component> of(String pageId) {
        Instant now = clock.instant();
        synchronized (byPage) {
            Cached c = byPage.get(pageId);
            if (c != null && Duration.between(c.fetchedAt(), now).compareTo(ttl) < 0) {
                return c.components();
            }
        }
        List<Component> fetched = fetch(pageId);
        synchronized (byPage) {
            byPage.put(pageId, new Cached(fetched, now));
        }
        return fetched;
    }

    private List<Component> fetch(String pageId) {
        List<Component> out = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            JsonNode list = api.get("components.list", "pages/" + pageId + "/components",
                    Map.of("page", Integer.toString(page), "per_page", Integer.toString(PER_PAGE)));
            for (JsonNode c : list) {
                if (!c.path("group").asBoolean(false) && c.hasNonNull("id")) {
                    out.add(new Component(c.path("id").asText(), c.path("name").asText(c.path("id").asText())));
                }
            }
            if (list.size() < PER_PAGE) {
                break;
            }
        }
        return List.copyOf(out);
    }

    /**
     * Finds each name on the page.
     *
     * @return name as typed to component, in the order given
     * @throws PortException {@code INVALID}, vendor code {@code unknown_component}, naming every unknown
     *     name, a close match and the page's components
     */
    public Map<String, Component> resolve(String pageId, Collection<String> names) {
        Map<String, Component> found = new LinkedHashMap<>();
        Optional<String> problem = check(pageId, names, found);
        if (problem.isPresent()) {
            throw new PortException("statuspage components", PortException.Kind.INVALID, "unknown_component", 0, null,
                    problem.get());
        }
        return found;
    }

    /** Checks names; fills {@code found} with those known; returns a message about the others. */
    public Optional<String> check(String pageId, Collection<String> names, Map<String, Component> found) {
        List<Component> all = of(pageId);
        Map<String, Component> byKey = new LinkedHashMap<>();
        all.forEach(c -> byKey.putIfAbsent(key(c.name()), c));
        all.forEach(c -> byKey.putIfAbsent(key(c.id()), c));
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            Component c = byKey.get(key(name));
            if (c == null) {
                unknown.add(name);
            } else {
                found.put(name, c);
            }
        }
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        String known = all.isEmpty() ? "the page has no components"
                : "its components are " + all.stream().map(c -> "`" + slug(c.name()) + "` (" + c.name() + ")")
                        .collect(Collectors.joining(", "));
        String guesses = unknown.stream().map(u -> closest(u, all).map(c -> "`" + u + "` → did you mean `" + slug(c.name()) + "`?")
                .orElse("`" + u + "`")).collect(Collectors.joining("; "));
        return Optional.of("The status page has no component " + guesses + " (" + known + "). Type e.g. `components "
                + (all.isEmpty() ? "checkout" : slug(all.get(0).name())) + "=major_outage`");
    }

    /** What to type for a component: its name in lower case with dashes for spaces. */
    public static String slug(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "-");
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    private static Optional<Component> closest(String typed, List<Component> all) {
        String k = key(typed);
        Component best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Component c : all) {
            String ck = key(c.name());
            int d = ck.startsWith(k) || k.startsWith(ck) ? 0
                    : Math.min(distance(k, ck), distance(k, ck.substring(0, Math.min(ck.length(), k.length()))));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best != null && bestDistance <= Math.max(2, k.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
