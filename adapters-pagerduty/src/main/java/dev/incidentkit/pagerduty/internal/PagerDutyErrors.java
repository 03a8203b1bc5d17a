package dev.incidentkit.pagerduty.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.adapters.http.ErrorMapper;
import dev.incidentkit.adapters.http.JsonResponse;
import dev.incidentkit.spi.PortException;
import dev.incidentkit.spi.PortException.Kind;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads PagerDuty's error objects (api-notes §3.3, §3.6): REST answers
 * {@code {"error":{"message","code","errors"}}}, the Events API {@code {"status","message","errors"}}.
 * The vendor code becomes {@link PortException#vendorCode()}; messages are our own words per code, never
 * PagerDuty's {@code errors} details (they can echo what was sent). A 429 carries the wait from
 * {@code Retry-After} or PagerDuty's {@code ratelimit-reset} (seconds).
 */
public final class PagerDutyErrors implements ErrorMapper {
    /** Incident already resolved. */
    public static final String ALREADY_RESOLVED = "1001";
    /** Incident already acknowledged. */
    public static final String ALREADY_ACKNOWLEDGED = "1002";

    private record Meaning(Kind kind, String what) {}

    private static final Map<Integer, Meaning> CODES = Map.ofEntries(
            Map.entry(1001, new Meaning(Kind.INVALID, "the incident is already resolved")),
            Map.entry(1002, new Meaning(Kind.INVALID, "the incident is already acknowledged")),
            Map.entry(1003, new Meaning(Kind.INVALID, "invalid incident status")),
            Map.entry(1004, new Meaning(Kind.NOT_FOUND, "invalid id")),
            Map.entry(1008, new Meaning(Kind.INVALID,
                    "the From user is not on the account; check PAGERDUTY_FROM_EMAIL")),
            Map.entry(1014, new Meaning(Kind.NOT_FOUND, "escalation policy not found")),
            Map.entry(1015, new Meaning(Kind.INVALID, "the escalation policy has nobody on call")),
            Map.entry(2001, new Meaning(Kind.INVALID, "invalid input")),
            Map.entry(2003, new Meaning(Kind.INVALID, "missing arguments")),
            Map.entry(2006, new Meaning(Kind.UNAUTHORIZED, "authentication failed; check PAGERDUTY_TOKEN")),
            Map.entry(2010, new Meaning(Kind.UNAUTHORIZED, "access denied for this API key")),
            Map.entry(2011, new Meaning(Kind.INVALID, "the From header is missing")),
            Map.entry(2014, new Meaning(Kind.UNAUTHORIZED, "the account lacks the ability this call needs")),
            Map.entry(2016, new Meaning(Kind.TIMEOUT, "PagerDuty took too long; try again")),
            Map.entry(2020, new Meaning(Kind.RATE_LIMITED, "rate limit exceeded; slow down")),
            Map.entry(2100, new Meaning(Kind.NOT_FOUND, "not found")),
            Map.entry(3004, new Meaning(Kind.NOT_FOUND, "schedule not found")),
            Map.entry(5001, new Meaning(Kind.NOT_FOUND, "not found")));

    @Override
    public Optional<PortException> failure(String port, JsonResponse response) {
        int status = response.status();
        if (response.successful()) {
            return Optional.empty();
        }
        Duration wait = status == 429 ? wait(response) : null;
        JsonNode error = response.body().path("error");
        if (error.isObject() && error.path("code").canConvertToInt()) {
            int code = error.path("code").asInt();
            Meaning m = CODES.get(code);
            if (m == null) {
                return Optional.of(new PortException(port, byStatus(status), Integer.toString(code), status, wait,
                        "PagerDuty refused the request"));
            }
            Kind kind = status == 429 ? Kind.RATE_LIMITED : m.kind();
            return Optional.of(new PortException(port, kind, Integer.toString(code), status, wait, m.what()));
        }
        JsonNode eventsStatus = response.body().path("status");
        if (eventsStatus.isTextual() && !eventsStatus.asText().isBlank()) {
            String code = eventsStatus.asText().strip();
            code = code.length() > 60 ? code.substring(0, 60) : code;
            return Optional.of(new PortException(port, byStatus(status), code, status, wait,
                    status == 429 ? "too many events for this integration key; slow down"
                            : "the Events API refused the event"));
        }
        if (status == 429) {
            // a 429 can come without headers or body (api-notes §3.4): back off anyway
            return Optional.of(new PortException(port, Kind.RATE_LIMITED, "", status, wait, "rate limited; slow down"));
        }
        if (status == 408) {
            return Optional.of(new PortException(port, Kind.TIMEOUT, "", status, null, "PagerDuty took too long; try again"));
        }
        return Optional.empty(); // the HTTP status decides
    }

    private static Kind byStatus(int status) {
        if (status == 429) {
            return Kind.RATE_LIMITED;
        }
        if (status == 408) {
            return Kind.TIMEOUT;
        }
        if (status >= 500) {
            return Kind.UNAVAILABLE;
        }
        if (status == 401 || status == 402 || status == 403) {
            return Kind.UNAUTHORIZED;
        }
        return status == 404 ? Kind.NOT_FOUND : Kind.INVALID;
    }

    private static @Nullable Duration wait(JsonResponse response) {
        Optional<Duration> retryAfter = response.retryAfter();
        if (retryAfter.isPresent()) {
            return retryAfter.get();
        }
        Optional<String> reset = response.header("ratelimit-reset");
        if (reset.isPresent() && reset.get().strip().matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(reset.get().strip()));
        }
        return null;
    }
}
