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
-- The row is also the consumer's audit: which message (type, conversation, cause) made it act,
-- sent by which service, for whom and with which permissions, as verified before the handler ran.
-- The audit columns are nullable: rows written before they existed have none.
CREATE TABLE IF NOT EXISTS outbox_inbox (
    consumer          text        NOT NULL,
    message_id        uuid        NOT NULL,
    handled_at        timestamptz NOT NULL DEFAULT now(),
    message_type      text,
    sender_service    text,
    actor_kind        text,
    actor_user        text,
    actor_permissions text[],
    correlation_id    uuid,
    causation_id      uuid,
    PRIMARY KEY (consumer, message_id)
);

-- Inboxes created before the audit columns existed gain them here. The check comes first because
-- ALTER TABLE locks the table exclusively even when there is nothing to add, which would stall
-- the running consumers of every other instance at each deployment.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                   WHERE table_schema = current_schema() AND table_name = 'outbox_inbox' AND column_name = 'causation_id') THEN
        ALTER TABLE outbox_inbox
            ADD COLUMN IF NOT EXISTS message_type      text,
            ADD COLUMN IF NOT EXISTS sender_service    text,
            ADD COLUMN IF NOT EXISTS actor_kind        text,
            ADD COLUMN IF NOT EXISTS actor_user        text,
            ADD COLUMN IF NOT EXISTS actor_permissions text[],
            ADD COLUMN IF NOT EXISTS correlation_id    uuid,
            ADD COLUMN IF NOT EXISTS causation_id      uuid;
    END IF;
END
$$;

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
