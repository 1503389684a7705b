-- The notification backend's own table. Idempotent; run at deployment by NotificationSchema.
-- One row per player told, per message: the unique key keeps a redelivered command from telling
-- anyone twice, even without the consumer's inbox.

CREATE TABLE IF NOT EXISTS notification (
    id           bigserial   PRIMARY KEY,
    recipient    text        NOT NULL,
    text         text        NOT NULL,
    message_id   uuid        NOT NULL,
    sender       text        NOT NULL,
    actor_kind   text        NOT NULL,
    actor_user   text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (message_id, recipient)
);

CREATE INDEX IF NOT EXISTS notification_recipient ON notification (recipient, id);
