-- Tables the outbox framework needs in an application's database.
-- Idempotent: safe to run on every deployment. Needs no superuser: run it as the role that owns
-- the application's tables. Documented column by column in docs/wire-format.md.

-- One row per message written in table capture mode. The relay reads inserts from the WAL, so
-- rows may be deleted right away (outbox.table.delete-after-insert=true) or cleaned up later.
-- The default replica identity (the primary key) is enough: the relay needs only inserts, and a
-- fuller identity would make every delete write the whole row to the WAL again.
CREATE TABLE IF NOT EXISTS outbox_message (
    id                uuid        PRIMARY KEY,
    destination       text        NOT NULL,
    message_kind      text        NOT NULL DEFAULT 'COMMAND'
                                  CHECK (message_kind IN ('COMMAND', 'EVENT', 'REPLY')),
    message_key       text        NOT NULL,
    message_type      text        NOT NULL,
    payload           text,
    payload_bytes     bytea,
    content_type      text        NOT NULL DEFAULT 'application/json',
    headers           jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at        timestamptz NOT NULL DEFAULT now(),
    deliver_at        timestamptz,
    correlation_id    uuid,
    causation_id      uuid,
    sender_service    text,
    actor_kind        text        CHECK (actor_kind IN ('USER', 'PROXIED_USER', 'SYSTEM')),
    actor_user        text,
    actor_permissions text[]      NOT NULL DEFAULT '{}',
    signature_key_id  text,
    signature         text,
    CONSTRAINT outbox_message_one_payload CHECK ((payload IS NULL) <> (payload_bytes IS NULL))
);

-- Idempotent consumers: a message id is handled at most once per consumer. The handler's
-- transaction inserts here first; a unique violation means "already handled".
CREATE TABLE IF NOT EXISTS outbox_inbox (
    consumer    text        NOT NULL,
    message_id  uuid        NOT NULL,
    handled_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, message_id)
);

-- Lets housekeeping remove entries older than the retention in small batches.
CREATE INDEX IF NOT EXISTS outbox_inbox_handled_at ON outbox_inbox (handled_at);

-- Ordering under failure: a key whose message was dead-lettered is parked, and later messages of
-- that key are dead-lettered behind it ("key-parked") instead of overtaking it, until the parking
-- message is replayed and handled (or the key is released by an operator).
CREATE TABLE IF NOT EXISTS outbox_parked_key (
    consumer     text        NOT NULL,
    message_key  text        NOT NULL,
    message_id   uuid        NOT NULL,
    reason       text        NOT NULL,
    parked_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, message_key)
);

-- The last error of a message whose handler failed, kept across the rolled-back attempts so the
-- dead letter can say what went wrong.
CREATE TABLE IF NOT EXISTS outbox_consumer_failure (
    consumer        text        NOT NULL,
    message_id      uuid        NOT NULL,
    attempts        integer     NOT NULL,
    last_error      text,
    last_failed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, message_id)
);
