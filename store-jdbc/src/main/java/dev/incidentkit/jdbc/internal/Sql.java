package dev.incidentkit.jdbc.internal;

import dev.incidentkit.jdbc.Dialect;

/** The statements of the store, per dialect. */
public final class Sql {
    /** The outbox states, as stored. */
    public static final String WAITING = "waiting";
    /** Retries ran out; waits for a requeue. */
    public static final String PARKED = "parked";
    /** Delivered; kept for the record. */
    public static final String DELIVERED = "delivered";
    /** Parked, then dropped by a requeue because a newer effect made it obsolete; kept for the record. */
    public static final String SUPERSEDED = "superseded";

    public final String nextNumber;
    public final String lockIncident;
    public final String insertIncident;
    public final String updateIncident;
    public final String currentVersion;
    public final String insertEvent;
    public final String insertEffect;
    public final String loadEventsAfter;
    public final String openIncidents;
    public final String closedWithFollowUps;
    public final String planReminders;
    public final String remindersDue;
    public final String forgetDeliveries;
    public final String rememberDelivery;
    public final String pendingEffects;
    public final String parkedEffects;
    /** Completions, fenced by the claim's token and lease: effect id, token, now follow the SET's parameters. */
    public final String delivered;
    public final String retryLater;
    public final String park;
    public final String renew;
    public final String release;
    public final String parkedOf;
    public final String requeue;
    public final String supersede;
    /** PostgreSQL: claims and returns in one statement, with the may-have-run flag the row had before. */
    public final String claimReturning;
    /** H2: the candidates, then {@link #claimOne} for each. */
    public final String claimCandidates;
    public final String claimOne;
    public final String schemaVersion;

    private Sql(Dialect dialect) {
        String json = dialect == Dialect.POSTGRESQL ? "CAST(? AS jsonb)" : "?";
        nextNumber = dialect == Dialect.POSTGRESQL ? "SELECT nextval('incidentkit_incident_number')"
                : "SELECT NEXT VALUE FOR incidentkit_incident_number";
        lockIncident = "SELECT version, is_open FROM incidentkit_incident WHERE incident_id = ? FOR UPDATE";
        insertIncident = "INSERT INTO incidentkit_incident (incident_id, version, is_open, is_closed, open_follow_ups)"
                + " VALUES (?, ?, ?, ?, ?)";
        updateIncident = "UPDATE incidentkit_incident SET version = ?, is_open = ?, is_closed = (is_closed OR ?),"
                + " open_follow_ups = open_follow_ups + ? WHERE incident_id = ? AND version = ?";
        currentVersion = "SELECT version FROM incidentkit_incident WHERE incident_id = ?";
        insertEvent = "INSERT INTO incidentkit_event (incident_id, seq, event_type, schema_version, occurred_at, body)"
                + " VALUES (?, ?, ?, ?, ?, " + json + ")";
        insertEffect = "INSERT INTO incidentkit_effect (incident_id, caused_by_seq, port, effect_type, idempotency_key,"
                + " schema_version, body, state, attempts, not_before) VALUES (?, ?, ?, ?, ?, ?, " + json + ", '"
                + WAITING + "', 0, ?)";
        loadEventsAfter = "SELECT seq, schema_version, body FROM incidentkit_event WHERE incident_id = ? AND seq > ? ORDER BY seq";
        openIncidents = "SELECT incident_id FROM incidentkit_incident WHERE is_open ORDER BY created_order";
        // closed incidents with follow-ups still open, by the counts every append keeps (schema version 2)
        planReminders = "UPDATE incidentkit_incident SET next_reminder_at = ? WHERE incident_id = ?";
        remindersDue = "SELECT incident_id FROM incidentkit_incident WHERE next_reminder_at <= ? ORDER BY next_reminder_at";
        // a delivery's own expired row, and any row expired an hour ago: a few at a time as deliveries arrive
        forgetDeliveries = "DELETE FROM incidentkit_delivery WHERE kept_until <= ? AND (source = ? AND delivery_id = ? OR kept_until <= ?)";
        rememberDelivery = "INSERT INTO incidentkit_delivery (source, delivery_id, kept_until) VALUES (?, ?, ?)";
        closedWithFollowUps = "SELECT incident_id FROM incidentkit_incident WHERE is_closed AND open_follow_ups > 0"
                + " ORDER BY created_order";
        String effectColumns = "effect_id, incident_id, schema_version, body, attempts, not_before";
        pendingEffects = "SELECT " + effectColumns + " FROM incidentkit_effect WHERE state = '" + WAITING + "' ORDER BY effect_id";
        parkedEffects = "SELECT " + effectColumns + " FROM incidentkit_effect WHERE state = '" + PARKED + "' ORDER BY effect_id";
        String fenced = " WHERE effect_id = ? AND claim_token = ? AND claimed_until > ? AND state = '" + WAITING + "'";
        delivered = "UPDATE incidentkit_effect SET state = '" + DELIVERED + "', claimed_until = NULL, claim_token = NULL,"
                + " may_have_run = FALSE" + fenced; // claimed_by stays: who delivered it
        retryLater = "UPDATE incidentkit_effect SET attempts = attempts + ?, not_before = ?, may_have_run = ?, claimed_by = NULL,"
                + " claimed_until = NULL, claim_token = NULL" + fenced;
        park = "UPDATE incidentkit_effect SET state = '" + PARKED + "', claimed_by = NULL, claimed_until = NULL, claim_token = NULL"
                + fenced;
        renew = "UPDATE incidentkit_effect SET claimed_until = ?" + fenced;
        release = "UPDATE incidentkit_effect SET claimed_by = NULL, claimed_until = NULL, claim_token = NULL"
                + " WHERE claimed_by = ? AND claimed_until IS NOT NULL AND state = '" + WAITING + "'";
        parkedOf = "SELECT effect_id, schema_version, body FROM incidentkit_effect WHERE incident_id = ? AND state = '"
                + PARKED + "' ORDER BY effect_id FOR UPDATE";
        requeue = "UPDATE incidentkit_effect SET state = '" + WAITING + "', attempts = 0, not_before = ?"
                + " WHERE effect_id = ? AND state = '" + PARKED + "'";
        supersede = "UPDATE incidentkit_effect SET state = '" + SUPERSEDED + "' WHERE effect_id = ? AND state = '" + PARKED + "'";
        String claimable = "e.state = '" + WAITING + "' AND e.not_before <= ? AND (e.claimed_until IS NULL OR e.claimed_until <= ?)"
                + " AND NOT EXISTS (SELECT 1 FROM incidentkit_effect o WHERE o.incident_id = e.incident_id"
                + " AND o.port = e.port AND o.state = '" + WAITING + "' AND o.effect_id < e.effect_id)";
        // the token is the call's random prefix and the effect's id: new for every claim
        claimReturning = "UPDATE incidentkit_effect t SET claimed_by = ?, claimed_until = ?,"
                + " claim_token = CONCAT(CAST(? AS VARCHAR), CAST(t.effect_id AS VARCHAR)), may_have_run = TRUE"
                + " FROM (SELECT e.effect_id, e.may_have_run AS had_run FROM incidentkit_effect e WHERE " + claimable
                + " ORDER BY e.effect_id LIMIT ? FOR UPDATE SKIP LOCKED) c WHERE t.effect_id = c.effect_id"
                + " RETURNING t.effect_id, t.incident_id, t.schema_version, t.body, t.attempts, t.not_before, c.had_run, t.claim_token";
        claimCandidates = "SELECT e.effect_id, e.claim_token, e.may_have_run FROM incidentkit_effect e WHERE " + claimable
                + " ORDER BY e.effect_id LIMIT ?";
        // compare-and-set: nobody claimed or completed it since it was read as a candidate
        claimOne = "UPDATE incidentkit_effect SET claimed_by = ?, claimed_until = ?, claim_token = ?, may_have_run = TRUE"
                + " WHERE effect_id = ? AND state = '" + WAITING + "' AND not_before <= ? AND (claimed_until IS NULL OR claimed_until <= ?)"
                + " AND claim_token IS NOT DISTINCT FROM ? AND may_have_run = ?";
        schemaVersion = "SELECT MAX(version) FROM incidentkit_schema";
    }

    /**
     * Returns the statements for a dialect.
     *
     * @param dialect the dialect
     * @return its statements
     */
    public static Sql of(Dialect dialect) {
        return new Sql(dialect);
    }

    /**
     * Returns the effect columns' select for H2's claim, by ids.
     *
     * @param count how many ids
     * @return the statement
     */
    public static String effectsById(int count) {
        return "SELECT effect_id, incident_id, schema_version, body, attempts, not_before FROM incidentkit_effect"
                + " WHERE effect_id IN (" + "?, ".repeat(count - 1) + "?) ORDER BY effect_id";
    }
}
