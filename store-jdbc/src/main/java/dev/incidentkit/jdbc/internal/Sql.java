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

    public final String nextNumber;
    public final String lockIncident;
    public final String insertIncident;
    public final String updateIncident;
    public final String currentVersion;
    public final String insertEvent;
    public final String insertEffect;
    public final String loadEvents;
    public final String openIncidents;
    public final String closedWithFollowUps;
    public final String pendingEffects;
    public final String delivered;
    public final String retryLater;
    public final String park;
    public final String parkedOf;
    public final String requeue;
    /** PostgreSQL: claims and returns in one statement. */
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
        insertIncident = "INSERT INTO incidentkit_incident (incident_id, version, is_open) VALUES (?, ?, ?)";
        updateIncident = "UPDATE incidentkit_incident SET version = ?, is_open = ? WHERE incident_id = ? AND version = ?";
        currentVersion = "SELECT version FROM incidentkit_incident WHERE incident_id = ?";
        insertEvent = "INSERT INTO incidentkit_event (incident_id, seq, event_type, schema_version, occurred_at, body)"
                + " VALUES (?, ?, ?, ?, ?, " + json + ")";
        insertEffect = "INSERT INTO incidentkit_effect (incident_id, caused_by_seq, port, effect_type, idempotency_key,"
                + " schema_version, body, state, attempts, not_before) VALUES (?, ?, ?, ?, ?, ?, " + json + ", '"
                + WAITING + "', 0, ?)";
        loadEvents = "SELECT seq, schema_version, body FROM incidentkit_event WHERE incident_id = ? ORDER BY seq";
        openIncidents = "SELECT incident_id FROM incidentkit_incident WHERE is_open ORDER BY created_order";
        // closed incidents with more follow-ups added than closed; the store checks each by replaying it
        closedWithFollowUps = "SELECT i.incident_id FROM incidentkit_incident i WHERE NOT i.is_open"
                + " AND EXISTS (SELECT 1 FROM incidentkit_event c WHERE c.incident_id = i.incident_id AND c.event_type = 'closed')"
                + " AND (SELECT COUNT(*) FROM incidentkit_event a WHERE a.incident_id = i.incident_id AND a.event_type = 'follow_up_added')"
                + " > (SELECT COUNT(*) FROM incidentkit_event d WHERE d.incident_id = i.incident_id AND d.event_type = 'follow_up_closed')"
                + " ORDER BY i.created_order";
        String effectColumns = "effect_id, incident_id, schema_version, body, attempts, not_before";
        pendingEffects = "SELECT " + effectColumns + " FROM incidentkit_effect WHERE state = '" + WAITING + "' ORDER BY effect_id";
        delivered = "UPDATE incidentkit_effect SET state = '" + DELIVERED + "', claimed_until = NULL"
                + " WHERE effect_id = ? AND state = '" + WAITING + "'";
        retryLater = "UPDATE incidentkit_effect SET attempts = attempts + 1, not_before = ?, claimed_by = NULL,"
                + " claimed_until = NULL WHERE effect_id = ? AND state = '" + WAITING + "'";
        park = "UPDATE incidentkit_effect SET state = '" + PARKED + "', claimed_by = NULL, claimed_until = NULL"
                + " WHERE effect_id = ? AND state = '" + WAITING + "'";
        parkedOf = "SELECT effect_id, schema_version, body FROM incidentkit_effect WHERE incident_id = ? AND state = '"
                + PARKED + "' ORDER BY effect_id FOR UPDATE";
        requeue = "UPDATE incidentkit_effect SET state = '" + WAITING + "', attempts = 0, not_before = ?"
                + " WHERE effect_id = ? AND state = '" + PARKED + "'";
        String claimable = "e.state = '" + WAITING + "' AND e.not_before <= ? AND (e.claimed_until IS NULL OR e.claimed_until <= ?)"
                + " AND NOT EXISTS (SELECT 1 FROM incidentkit_effect o WHERE o.incident_id = e.incident_id"
                + " AND o.port = e.port AND o.state = '" + WAITING + "' AND o.effect_id < e.effect_id)";
        claimReturning = "UPDATE incidentkit_effect SET claimed_by = ?, claimed_until = ? WHERE effect_id IN ("
                + "SELECT e.effect_id FROM incidentkit_effect e WHERE " + claimable
                + " ORDER BY e.effect_id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING " + effectColumns;
        claimCandidates = "SELECT e.effect_id FROM incidentkit_effect e WHERE " + claimable + " ORDER BY e.effect_id LIMIT ?";
        claimOne = "UPDATE incidentkit_effect SET claimed_by = ?, claimed_until = ? WHERE effect_id = ? AND state = '"
                + WAITING + "' AND not_before <= ? AND (claimed_until IS NULL OR claimed_until <= ?)";
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
