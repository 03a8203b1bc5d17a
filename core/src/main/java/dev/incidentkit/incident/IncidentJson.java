package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.google.common.collect.ImmutableBiMap;
import dev.incidentkit.spi.Effect;
import java.util.List;
import java.util.Map;

/**
 * The stable JSON form of incident events, used for the timeline export and for durable storage.
 *
 * <p>Each event is one object with {@code type} (its name, e.g. {@code note_added}), {@code seq},
 * {@code at} (ISO-8601 UTC), {@code by} ({@code {"id": …, "name": …}}) and the event's own fields;
 * enum values are lower-case ({@code "sev1"}, {@code "identified"}, {@code "impact_started"}).
 * Unknown fields are ignored on read, so exports written by a later release stay readable.
 *
 * <pre>{@code
 * {"type":"note_added","seq":4,"at":"2026-11-24T14:05:00Z","by":{"id":"alice","name":"Alice"},"text":"rolled back deploy 1234"}
 * }</pre>
 *
 * <p>Thread-safe. To embed events in JSON of your own, register {@link IncidentKitJacksonModule} on a
 * mapper configured like {@link #newMapper()}.
 *
 * @since 0.1
 */
public final class IncidentJson {

    /** The version of the timeline export format written by this release. */
    public static final int SCHEMA = 1;

    private static final ImmutableBiMap<Class<? extends IncidentEvent>, String> TYPES =
            ImmutableBiMap.<Class<? extends IncidentEvent>, String>builder()
            .put(Declared.class, "declared")
            .put(StatusChanged.class, "status_changed")
            .put(SeverityChanged.class, "severity_changed")
            .put(RoleAssigned.class, "role_assigned")
            .put(HandedOff.class, "handed_off")
            .put(HandOffRequested.class, "handoff_requested")
            .put(NoteAdded.class, "note_added")
            .put(StatusUpdatePublished.class, "status_update_published")
            .put(ChannelBound.class, "channel_bound")
            .put(ParticipantJoined.class, "participant_joined")
            .put(MilestoneRecorded.class, "milestone_recorded")
            .put(LinkAdded.class, "link_added")
            .put(FollowUpAdded.class, "follow_up_added")
            .put(ReminderFired.class, "reminder_fired")
            .put(Closed.class, "closed")
            .put(Cancelled.class, "cancelled")
            .put(Paged.class, "paged")
            .put(PageAcknowledged.class, "page_acknowledged")
            .put(DeliveryFailed.class, "delivery_failed")
            .put(DeliveriesRetried.class, "deliveries_retried")
            .put(AccessRefused.class, "access_refused")
            .put(HandOffOffered.class, "handoff_offered")
            .put(ReminderSnoozed.class, "reminder_snoozed")
            .put(RemindersMuted.class, "reminders_muted")
            .put(ComponentsMarked.class, "components_marked")
            .put(UpdateDrafted.class, "update_drafted")
            .put(FollowUpClosed.class, "follow_up_closed")
            .put(Classified.class, "classified")
            .put(PresenceConfirmed.class, "presence_confirmed")
            .buildOrThrow();

    private static final ImmutableBiMap<Class<? extends Effect>, String> EFFECT_TYPES =
            ImmutableBiMap.<Class<? extends Effect>, String>builder()
            .put(Effect.CreateChannel.class, "create_channel")
            .put(Effect.Invite.class, "invite")
            .put(Effect.SetTopic.class, "set_topic")
            .put(Effect.Post.class, "post")
            .put(Effect.Bookmark.class, "bookmark")
            .put(Effect.ArchiveChannel.class, "archive_channel")
            .put(Effect.Page.class, "page")
            .put(Effect.ResolvePages.class, "resolve_pages")
            .put(Effect.PublishStatus.class, "publish_status")
            .put(Effect.MarkComponents.class, "mark_components")
            .put(Effect.FileReport.class, "file_report")
            .put(Effect.FileFollowUp.class, "file_follow_up")
            .buildOrThrow();

    private static final ObjectMapper MAPPER = newMapper();

    private IncidentJson() {}

    /**
     * Returns a new mapper configured for incidentkit's JSON: ISO-8601 instants, events by type name,
     * unknown fields ignored. The caller owns it and may configure it further.
     *
     * @return a new mapper
     */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new IncidentKitJacksonModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();
    }

    /**
     * Returns the JSON {@code type} name of every event class, e.g. {@code NoteAdded -> note_added}.
     *
     * @return the names, one per permitted subclass of {@link IncidentEvent}
     */
    public static Map<Class<? extends IncidentEvent>, String> typeNames() {
        return TYPES;
    }

    /**
     * Returns the JSON {@code type} name of an event class.
     *
     * @param type the event class
     * @return its name, e.g. {@code note_added}
     */
    public static String typeName(Class<? extends IncidentEvent> type) {
        String name = TYPES.get(requireNonNull(type, "type"));
        if (name == null) {
            throw new IllegalStateException("no JSON type name for " + type.getName());
        }
        return name;
    }

    /**
     * Returns the JSON {@code type} name of every effect class, e.g. {@code PublishStatus -> publish_status}.
     *
     * @return the names, one per permitted subclass of {@link Effect}
     * @since 0.1
     */
    public static Map<Class<? extends Effect>, String> effectTypeNames() {
        return EFFECT_TYPES;
    }

    /**
     * Returns the JSON {@code type} name of an effect class.
     *
     * @param type the effect class
     * @return its name, e.g. {@code publish_status}
     * @since 0.1
     */
    public static String effectTypeName(Class<? extends Effect> type) {
        String name = EFFECT_TYPES.get(requireNonNull(type, "type"));
        if (name == null) {
            throw new IllegalStateException("no JSON type name for " + type.getName());
        }
        return name;
    }

    /**
     * Writes one outbox effect, as durable stores keep them: {@code type} (e.g. {@code post}), {@code key}
     * and the effect's own fields; a chat message is an object with {@code kind} in lower case.
     *
     * <pre>{@code
     * {"type":"publish_status","key":"INC-42:7:1","status":"identified","message":"We found the cause"}
     * }</pre>
     *
     * @param effect the effect
     * @return one JSON object, on one line
     * @since 0.1
     */
    public static String writeEffect(Effect effect) {
        return writeValue(requireNonNull(effect, "effect"));
    }

    /**
     * Reads one effect written by {@link #writeEffect}, this release's or an earlier one's.
     *
     * @param json one JSON object
     * @return the effect
     * @throws IllegalArgumentException naming the problem if the text is not a valid effect
     * @since 0.1
     */
    public static Effect readEffect(String json) {
        try {
            return MAPPER.readValue(requireNonNull(json, "json"), Effect.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an incidentkit effect: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Writes one event.
     *
     * @param event the event
     * @return one JSON object, on one line
     */
    public static String write(IncidentEvent event) {
        return writeValue(requireNonNull(event, "event"));
    }

    /**
     * Reads one event.
     *
     * @param json one JSON object as {@link #write} produces
     * @return the event
     * @throws IllegalArgumentException naming the problem if the text is not a valid event
     */
    public static IncidentEvent read(String json) {
        try {
            return MAPPER.readValue(requireNonNull(json, "json"), IncidentEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an incidentkit event: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Writes an incident's timeline as the export: {@code {"schema": 1, "incident": "INC-42", "events": […]}}.
     *
     * @param incident the incident
     * @return the export, pretty-printed
     */
    public static String export(Incident incident) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(new TimelineExport(SCHEMA, incident.id(), incident.timeline()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the timeline of " + incident.id(), e);
        }
    }

    /**
     * Reads an export written by {@link #export}, this release's or an earlier one's.
     *
     * @param json the export
     * @return the export
     * @throws IllegalArgumentException naming the problem if the text is not a valid export, or was
     *     written by a later schema this release cannot read
     */
    public static TimelineExport readExport(String json) {
        TimelineExport export;
        try {
            export = MAPPER.readValue(requireNonNull(json, "json"), TimelineExport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an incidentkit timeline export: " + e.getOriginalMessage(), e);
        }
        if (export.schema() > SCHEMA) {
            throw new IllegalArgumentException("this timeline export has schema " + export.schema()
                    + " but this release of incidentkit reads schema " + SCHEMA + " and earlier; upgrade incidentkit");
        }
        return export;
    }

    private static String writeValue(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * A timeline export.
     *
     * @param schema the format version, {@link #SCHEMA} when written by this release
     * @param incident the incident's id
     * @param events its timeline, in order
     */
    public record TimelineExport(int schema, IncidentId incident, List<IncidentEvent> events) {
        /** Checks and copies. */
        public TimelineExport {
            requireNonNull(incident, "incident");
            events = List.copyOf(events);
        }

        /**
         * Folds the events back into the incident.
         *
         * @return the incident
         */
        public Incident replay() {
            return Incident.replay(incident, events);
        }
    }
}
