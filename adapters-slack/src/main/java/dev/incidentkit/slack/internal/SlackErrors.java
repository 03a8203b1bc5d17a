package dev.incidentkit.slack.internal;

import dev.incidentkit.adapters.http.ErrorMapper;
import dev.incidentkit.adapters.http.JsonResponse;
import dev.incidentkit.spi.PortException;
import dev.incidentkit.spi.PortException.Kind;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slack answers HTTP 200 with {@code "ok": false} and an error code for most failures (api-notes §2.3).
 * Each code we know is mapped to a {@link Kind}; an unknown code is {@link Kind#INVALID} (not retried), the
 * safe default for a request the vendor refused.
 */
public final class SlackErrors implements ErrorMapper {
    private static final Map<String, Kind> KINDS = new HashMap<>();
    private static final Map<String, String> ADVICE = new HashMap<>();

    private static void map(Kind kind, String advice, String... codes) {
        for (String c : codes) {
            KINDS.put(c, kind);
            ADVICE.put(c, advice);
        }
    }

    static {
        map(Kind.RATE_LIMITED, "Slack asked us to slow down", "ratelimited", "rate_limited");
        map(Kind.UNAVAILABLE, "Slack had a transient problem; try again", "internal_error", "fatal_error",
                "service_unavailable", "team_added_to_org");
        map(Kind.TIMEOUT, "Slack timed out; the outcome is unknown", "request_timeout");
        map(Kind.UNAUTHORIZED, "check SLACK_BOT_TOKEN and the app's scopes, then reinstall the app",
                "not_authed", "invalid_auth", "account_inactive", "token_revoked", "token_expired", "no_permission",
                "missing_scope", "not_allowed_token_type", "access_denied", "ekm_access_denied", "org_login_required",
                "team_access_not_granted", "restricted_action", "two_factor_setup_required", "enterprise_is_restricted");
        map(Kind.NOT_FOUND, "the channel, user or message does not exist or the app cannot see it",
                "channel_not_found", "user_not_found", "users_not_found", "message_not_found", "thread_not_found",
                "user_not_visible", "bookmark_not_found", "no_item_specified");
        map(Kind.NOT_FOUND, "invite the app to the channel (/invite @app)", "not_in_channel", "user_not_in_channel");
        map(Kind.INVALID, "pick another channel name", "name_taken");
        map(Kind.INVALID, "channel names are lowercase letters, digits, - and _, at most 80",
                "invalid_name", "invalid_name_specials", "invalid_name_maxlength", "invalid_name_punctuation",
                "invalid_name_required", "no_channel");
        map(Kind.INVALID, "the channel is archived; unarchive it or use another", "is_archived", "already_archived");
        map(Kind.INVALID, "the message could not be changed", "cant_update_message", "edit_window_closed",
                "not_pinnable", "too_many_pins", "cant_invite_self", "cant_invite", "user_is_restricted",
                "too_many_users", "method_not_supported_for_channel_type");
        map(Kind.INVALID, "the message is too long or malformed", "msg_too_long", "no_text", "too_long",
                "invalid_blocks", "invalid_blocks_format", "msg_blocks_too_long", "invalid_attachments",
                "too_many_attachments", "view_too_large");
        map(Kind.INVALID, "the modal could not be opened in time; run the command again",
                "expired_trigger_id", "exchanged_trigger_id", "invalid_trigger_id");
        map(Kind.INVALID, "the request was malformed (a bug in incidentkit; please report it)",
                "invalid_arguments", "invalid_arg_name", "invalid_array_arg", "invalid_charset", "invalid_form_data",
                "invalid_post_type", "missing_post_type", "missing_charset", "superfluous_charset", "invalid_json",
                "json_not_object", "invalid_link", "invalid_type", "invalid_title");
    }

    /**
     * Returns the kind a Slack error code maps to.
     *
     * @param code the code
     * @return the kind; {@link Kind#INVALID} for unknown codes
     */
    public static Kind kindOf(String code) {
        return KINDS.getOrDefault(code, Kind.INVALID);
    }

    /**
     * Returns whether the code is one this adapter knows by name.
     *
     * @param code the code
     * @return true if mapped explicitly
     */
    public static boolean known(String code) {
        return KINDS.containsKey(code);
    }

    @Override
    public Optional<PortException> failure(String port, JsonResponse response) {
        if (!response.body().isObject() || response.body().path("ok").asBoolean(true)) {
            return Optional.empty();
        }
        String code = response.body().path("error").asText("unknown_error");
        Kind kind = response.status() == 429 ? Kind.RATE_LIMITED : kindOf(code);
        String advice = ADVICE.getOrDefault(code, "Slack refused the request");
        return Optional.of(new PortException(port, kind, code, response.status(),
                response.retryAfter().orElse(null), advice));
    }
}
