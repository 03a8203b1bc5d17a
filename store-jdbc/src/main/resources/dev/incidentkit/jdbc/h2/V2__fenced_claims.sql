-- incidentkit store schema, version 2, for H2 2.x: fenced claims and "an attempt may have run".
-- Applied after V1__incidentkit.sql. JdbcIncidentStore applies it on start unless version 2 is already
-- recorded in incidentkit_schema (createSchema(true), the default); with your own migration tool, copy it
-- into your migrations unchanged next to V1. Every statement is idempotent.

-- Each claim gets a token of its own; renewing and completing the effect must present it (fencing).
ALTER TABLE incidentkit_effect ADD COLUMN IF NOT EXISTS claim_token VARCHAR(100);

-- An attempt to deliver the effect started and its outcome is unknown (a crash, a lease that ran out, a
-- timeout): the next delivery looks for what the vendor may already hold before creating anything.
ALTER TABLE incidentkit_effect ADD COLUMN IF NOT EXISTS may_have_run BOOLEAN DEFAULT FALSE NOT NULL;

-- A claim a release before version 2 left on a waiting effect was an attempt in progress.
UPDATE incidentkit_effect SET may_have_run = TRUE
    WHERE state = 'waiting' AND claimed_by IS NOT NULL AND claim_token IS NULL
    AND NOT EXISTS (SELECT 1 FROM incidentkit_schema WHERE version = 2);

-- state gains superseded: a parked effect that `retry` dropped because a newer one went out since.
ALTER TABLE incidentkit_effect DROP CONSTRAINT IF EXISTS incidentkit_effect_state;
ALTER TABLE incidentkit_effect ADD CONSTRAINT incidentkit_effect_state
    CHECK (state IN ('waiting', 'parked', 'delivered', 'superseded'));

-- Inbound deliveries accepted (webhook delivery ids, chat event ids, signed requests' signatures), so that a
-- replay or a vendor's retry is recognised by every replica and after a restart. A row is kept until
-- kept_until; expired rows are deleted as new deliveries arrive.
CREATE TABLE IF NOT EXISTS incidentkit_delivery (
    source      VARCHAR(64)              NOT NULL,
    delivery_id VARCHAR(200)             NOT NULL,
    kept_until  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT incidentkit_delivery_pk PRIMARY KEY (source, delivery_id)
);
CREATE INDEX IF NOT EXISTS incidentkit_delivery_kept ON incidentkit_delivery (kept_until);

-- Closed incidents with follow-ups still open (their reminders go on after close), found through an index
-- rather than by counting each incident's events: kept up to date by every append.
ALTER TABLE incidentkit_incident ADD COLUMN IF NOT EXISTS is_closed BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE incidentkit_incident ADD COLUMN IF NOT EXISTS open_follow_ups INTEGER DEFAULT 0 NOT NULL;
UPDATE incidentkit_incident SET
    is_closed = EXISTS (SELECT 1 FROM incidentkit_event c
                        WHERE c.incident_id = incidentkit_incident.incident_id AND c.event_type = 'closed'),
    open_follow_ups = (SELECT COUNT(*) FROM incidentkit_event a
                       WHERE a.incident_id = incidentkit_incident.incident_id AND a.event_type = 'follow_up_added')
                    - (SELECT COUNT(*) FROM incidentkit_event d
                       WHERE d.incident_id = incidentkit_incident.incident_id AND d.event_type = 'follow_up_closed')
    WHERE NOT EXISTS (SELECT 1 FROM incidentkit_schema WHERE version = 2);
CREATE INDEX IF NOT EXISTS incidentkit_incident_follow_ups ON incidentkit_incident (is_closed, open_follow_ups);

-- When each incident's next reminder falls due, as the reminder scheduler of any replica last planned it:
-- a tick finds the incidents with something due by this index instead of reading every open incident.
ALTER TABLE incidentkit_incident ADD COLUMN IF NOT EXISTS next_reminder_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX IF NOT EXISTS incidentkit_incident_next_reminder ON incidentkit_incident (next_reminder_at);

INSERT INTO incidentkit_schema (version, description)
    SELECT 2, 'claim tokens, may-have-run, inbound deliveries' WHERE NOT EXISTS (SELECT 1 FROM incidentkit_schema WHERE version = 2);
