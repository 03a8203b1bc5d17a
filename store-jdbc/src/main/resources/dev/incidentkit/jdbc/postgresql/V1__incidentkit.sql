-- incidentkit store schema, version 1, for PostgreSQL 12 or later.
-- JdbcIncidentStore applies this on start when the tables are absent (createSchema(true), the default).
-- To use your own migration tool instead (Flyway, Liquibase, …), copy this file into your migrations
-- unchanged, and build the store with createSchema(false). Every statement is idempotent.

-- Which versions of this schema have been applied.
CREATE TABLE IF NOT EXISTS incidentkit_schema (
    version     INTEGER      NOT NULL PRIMARY KEY,
    description VARCHAR(200) NOT NULL
);

-- Incident numbers: INC-1, INC-2, … (never reused, even if an id is never declared).
CREATE SEQUENCE IF NOT EXISTS incidentkit_incident_number;

-- One row per incident: its version (the number of events) is what appends are checked against.
CREATE TABLE IF NOT EXISTS incidentkit_incident (
    incident_id   VARCHAR(32) NOT NULL PRIMARY KEY,
    version       BIGINT      NOT NULL,
    is_open       BOOLEAN     NOT NULL,
    created_order BIGINT      GENERATED ALWAYS AS IDENTITY,
    CONSTRAINT incidentkit_incident_version CHECK (version > 0)
);

-- The timeline: one row per event, as incidentkit's stable JSON (IncidentJson), numbered 1, 2, … per incident.
CREATE TABLE IF NOT EXISTS incidentkit_event (
    incident_id    VARCHAR(32)              NOT NULL REFERENCES incidentkit_incident (incident_id),
    seq            BIGINT                   NOT NULL,
    event_type     VARCHAR(64)              NOT NULL,
    schema_version INTEGER                  NOT NULL,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    body           JSONB                    NOT NULL,
    CONSTRAINT incidentkit_event_seq PRIMARY KEY (incident_id, seq)
);

-- The outbox: side effects written with the events that caused them, delivered in order per incident and
-- port. state is waiting, parked (retries ran out; `retry` requeues it) or delivered. A replica delivering
-- an effect holds a claim on it until claimed_until; a claim that ran out may be taken by another replica.
-- claimed_by stays on a delivered effect: the replica that delivered it.
CREATE TABLE IF NOT EXISTS incidentkit_effect (
    effect_id       BIGINT                   GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id     VARCHAR(32)              NOT NULL REFERENCES incidentkit_incident (incident_id),
    caused_by_seq   BIGINT                   NOT NULL,
    port            VARCHAR(16)              NOT NULL,
    effect_type     VARCHAR(64)              NOT NULL,
    idempotency_key VARCHAR(255)             NOT NULL,
    schema_version  INTEGER                  NOT NULL,
    body            JSONB                    NOT NULL,
    state           VARCHAR(16)              NOT NULL,
    attempts        INTEGER                  NOT NULL,
    not_before      TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by      VARCHAR(200),
    claimed_until   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT incidentkit_effect_state CHECK (state IN ('waiting', 'parked', 'delivered'))
);

CREATE INDEX IF NOT EXISTS incidentkit_effect_waiting ON incidentkit_effect (incident_id, port, effect_id)
    WHERE state = 'waiting';
CREATE INDEX IF NOT EXISTS incidentkit_effect_parked ON incidentkit_effect (incident_id)
    WHERE state = 'parked';

INSERT INTO incidentkit_schema (version, description)
    SELECT 1, 'events, effects and claims' WHERE NOT EXISTS (SELECT 1 FROM incidentkit_schema WHERE version = 1);
